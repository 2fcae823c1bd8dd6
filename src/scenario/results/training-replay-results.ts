/**
 * Results of a replay-only training run (`frontier: false`, `wattif frontier --replay-only`):
 * the training results' summary.json without the frontier - the operating point, its replay
 * (time, GPU/node/total energy, compute/communication/blocking split) and the stage ops - and
 * a short terminal summary.
 */
import type { TrainingReplayRun } from "../../optimize/training/replay-training.js";
import { toJson } from "../../report/json.js";
import { replaySummary } from "./training-results.js";

export function trainingReplaySummary(run: TrainingReplayRun) {
  const scope = run.scope;
  return {
    schedule: run.dag.schedule,
    stages: run.dag.stages,
    microbatches: run.dag.microbatches,
    ops: run.dag.ops.length,
    scope: {
      gpus: scope.gpus,
      gpusPerStage: scope.gpusPerStage,
      stages: scope.stages,
      pipelines: scope.pipelines,
      nodePowerW: scope.nodePowerW ?? null,
      description: scope.description,
    },
    powerCapW: run.costs.powerCapW ?? null,
    pBlockingW: run.pBlockingW,
    /** null: every op at its top clock (the default setting). */
    lockMHz: run.lockMHz ?? null,
    replay: replaySummary(scope, run.replay),
    stageOps: run.stageOps,
  };
}

export function trainingReplayFiles(run: TrainingReplayRun): Record<string, string> {
  return { "summary.json": toJson(trainingReplaySummary(run)) };
}

export function formatTrainingReplay(run: TrainingReplayRun): string {
  const s = trainingReplaySummary(run);
  const r = s.replay;
  const point =
    s.lockMHz === null ? "every op at its default clock" : `every op locked at <= ${s.lockMHz} MHz`;
  const cap = s.powerCapW === null ? "" : `, under a ${s.powerCapW} W cap per GPU`;
  const node =
    r.nodeEnergyJ === undefined
      ? ""
      : `, node ${r.nodeEnergyJ.toFixed(1)} J, total ${r.totalEnergyJ!.toFixed(1)} J`;
  return (
    [
      `${s.schedule}: ${s.stages} stages x ${s.microbatches} microbatches (${s.ops} ops), P_blocking ${s.pBlockingW} W; replay only (no frontier)`,
      `energy covers ${run.scope.description}`,
      `${point}${cap}: ${r.timeS.toFixed(4)} s, GPU ${r.gpuEnergyJ.toFixed(1)} J${node}`,
      `  compute ${r.computeJ.toFixed(1)} J, communication ${r.communicationJ.toFixed(1)} J, blocking ${r.blockingJ.toFixed(1)} J; highest GPU power ${r.maxGpuPowerW.toFixed(0)} W`,
    ].join("\n") + "\n"
  );
}
