/**
 * Replay-only: one operating point of a training job on the discrete-event replay, without
 * planning a frontier (at MLPerf size the replay takes a fraction of a second, the frontier
 * much longer). The point is every op at its top clock (the default setting, under the job's
 * power cap), or every op under one clock lock: its highest clock not above the lock, as a
 * locked GPU under its power limit runs.
 */
import { badValue } from "../../input/input-error.js";
import { checkPoint } from "../../hardware/operating-point.js";
import {
  maxClockPlan,
  replayIteration,
  type IterationReplay,
  type OpCostTable,
} from "../../replay/training/index.js";
import { prepareTraining, type PreparedTraining, type TrainingJob } from "./plan-training.js";

export interface TrainingReplayRun extends PreparedTraining {
  job: TrainingJob;
  /** The clock lock (MHz), or undefined for every op at its top clock. */
  lockMHz?: number;
  /** The clock each op was asked to run at (by op id). */
  freqMHz: number[];
  /** Energies over the scope's GPUs. */
  replay: IterationReplay;
}

export async function replayTraining(job: TrainingJob): Promise<TrainingReplayRun> {
  if (job.frontier !== false) {
    throw badValue("frontier", "replayTraining replays one point: set frontier to false");
  }
  if (job.straggler !== undefined) {
    throw badValue("straggler", "picks a frontier plan: it needs the frontier (frontier: true)");
  }
  const lockMHz = job.freqMHz;
  if (lockMHz !== undefined && job.source.kind === "model") {
    checkPoint(job.source.hardware, { lockedMHz: lockMHz }, { lockedMHz: "freqMHz" });
  }
  const prepared = await prepareTraining(job);
  if (lockMHz !== undefined && prepared.stageProfile !== undefined) {
    const clocks = prepared.stageProfile.clocksMHz;
    if (!clocks.includes(lockMHz)) {
      throw badValue(
        "freqMHz",
        `${lockMHz} MHz is not a clock of the stage profile (${clocks[clocks.length - 1]}-${clocks[0]} MHz)`,
      );
    }
  }
  const freqMHz =
    lockMHz === undefined ? maxClockPlan(prepared.costs.ops) : lockPlan(prepared.costs, lockMHz);
  const replay = replayIteration(prepared.dag, prepared.costs, freqMHz, prepared.replayOptions);
  return { ...prepared, job, lockMHz, freqMHz, replay };
}

/** Each op's highest clock not above the lock, or its lowest when none is. */
function lockPlan(costs: OpCostTable, lockMHz: number): number[] {
  return costs.ops.map((c) => {
    let best = -Infinity;
    let lowest = Infinity;
    for (const f of c.freqMHz) {
      if (f <= lockMHz) best = Math.max(best, f);
      lowest = Math.min(lowest, f);
    }
    return best > -Infinity ? best : lowest;
  });
}
