/**
 * A training job end to end: build the schedule DAG, price its ops (from a measured stage
 * profile or from model shapes on a hardware profile), plan the iteration frontier, and replay
 * the fastest and the lowest-energy plans to split their energy into compute, communication and
 * blocking. Shared by `wattif frontier` and `kind: training` scenarios.
 */
import { badValue } from "../../input/input-error.js";
import type { HardwareProfile } from "../../hardware/profile/profile.js";
import {
  maxClockPlan,
  replayIteration,
  type IterationReplay,
  type ReplayOptions,
} from "../../replay/training/index.js";
import { resolveModel } from "../../workload/model/resolve-model.js";
import {
  activationBytes,
  customSchedule,
  stageGradientBytes,
  withCommunication,
  gpipeSchedule,
  interleaved1F1BSchedule,
  oneFOneBSchedule,
  zbH1Schedule,
  type TrainingDag,
} from "../../workload/training/index.js";
import {
  costsFromModel,
  costsFromStageProfile,
  readStageProfile,
  type OpCostTable,
  type StageProfile,
} from "../../replay/training/index.js";
import { chargeSwitches } from "./charge-switches.js";
import { capGridW, checkPoint } from "../../hardware/operating-point.js";
import { energyScope, type EnergyScope } from "./energy-scope.js";
import { checkPlanWork, checkScheduleSize } from "./plan-size.js";
import { plannerInputOf } from "./from-dag.js";
import { TRAINING_DEFAULTS } from "./training-defaults.js";

export { TRAINING_DEFAULTS };
import { stragglerPlan, type StragglerResult } from "./straggler.js";
import { trainingFrontier, type TrainingFrontier } from "./training-frontier.js";

export type ScheduleName = "gpipe" | "1f1b" | "interleaved" | "zb-h1" | "custom";

export type TrainingSource =
  /** A measured stage profile; `hardware`, when known, bounds the global-cap baseline to its
   * settable caps and gives the node figures (its rows stay as measured). */
  | { kind: "profile"; file: string; hardware?: HardwareProfile }
  | {
      kind: "model";
      hardware: HardwareProfile;
      model: string;
      stages: number;
      tp: number;
      microbatchSize: number;
      seqTokens: number;
    };

export interface TrainingJob {
  source: TrainingSource;
  schedule: ScheduleName;
  /** Model chunks per stage (interleaved, or a custom schedule with chunks). */
  chunks?: number;
  /** A custom schedule: one op list per stage ("F0", "B0", "W0", "F3.1"...), and its file. */
  customOrder?: { order: string[][]; file?: string };
  microbatches: number;
  /** P_blocking (W); default the hardware profile's blocking power (required for a profile CSV). */
  pBlockingW?: number;
  unitTimeS: number;
  /**
   * Model sources only: add activation sends, the gradient all-reduce over `pipelines` and the
   * optimizer step to the iteration (withCommunication); default off, as in Perseus' accounting.
   */
  communication?: boolean;
  straggler?: number;
  /** Data-parallel pipelines of the job, all running the plan; default 1. */
  pipelines?: number;
  /**
   * Model sources: the power cap per GPU (W) the ops run under (checked against the profile's
   * settable range); default the profile's default power limit.
   */
  powerCapW?: number;
  /**
   * Seconds one clock change costs a per-op plan; > 0 replays every frontier plan paying it
   * (see chargeSwitches). Default 0: switches are free, as Perseus plans.
   */
  switchLatencyS?: number;
  /** false: replay one operating point (replayTraining) instead of planning; default true. */
  frontier?: boolean;
  /** Replay-only: every op under this clock lock (MHz); default every op at its top clock. */
  freqMHz?: number;
}

export interface TrainingPlan {
  job: TrainingJob;
  dag: TrainingDag;
  costs: OpCostTable;
  pBlockingW: number;
  /** Energies (frontier, baselines, replays) cover `scope`'s GPUs. */
  frontier: TrainingFrontier;
  /** Which GPUs the energies cover, and the node power beside them. */
  scope: EnergyScope;
  /** The power cap per GPU (W) the ops ran under; undefined for a measured profile. */
  powerCapW?: number;
  straggler?: StragglerResult;
  /**
   * The all-max and lowest-energy plans replayed on the DES (unquantized op times, under the
   * power cap's windowed controller for model sources), energies over the scope's GPUs.
   */
  replays: { baseline: IterationReplay; minEnergy: IterationReplay };
  /** Stage ops at the top clock, one GPU's figures, for comparing with a measured profile. */
  stageOps: {
    stage: number;
    kind: string;
    freqMHz: number;
    timeS: number;
    energyJ: number;
    powerW: number;
  }[];
  stageProfile?: StageProfile;
}

export function scheduleDag(
  name: ScheduleName,
  stages: number,
  microbatches: number,
  chunks: number = TRAINING_DEFAULTS.chunks,
  custom?: TrainingJob["customOrder"],
): TrainingDag {
  switch (name) {
    case "custom":
      if (custom === undefined)
        throw badValue("scheduleFile", "a custom schedule needs its op order per stage");
      return customSchedule({
        stages,
        microbatches,
        chunks,
        order: custom.order,
        file: custom.file,
      });
    case "gpipe":
      return gpipeSchedule({ stages, microbatches });
    case "1f1b":
      return oneFOneBSchedule({ stages, microbatches });
    case "interleaved":
      return interleaved1F1BSchedule({ stages, microbatches, chunks });
    case "zb-h1":
      return zbH1Schedule({ stages, microbatches });
  }
}

/** A training job's iteration set up for planning or replaying: its DAG, op costs and scope. */
export interface PreparedTraining {
  dag: TrainingDag;
  costs: OpCostTable;
  pBlockingW: number;
  scope: EnergyScope;
  pipelines: number;
  gpusPerStage: number;
  stageProfile?: StageProfile;
  /** How the replay runs (the ops' cap enforced, windowed; each device stands for the scope). */
  replayOptions: ReplayOptions;
  stageOps: TrainingPlan["stageOps"];
}

/** Build the schedule DAG and price its ops (measured stage profile or model shapes). */
export async function prepareTraining(job: TrainingJob): Promise<PreparedTraining> {
  let dag: TrainingDag;
  let costs: OpCostTable;
  let pBlockingW: number;
  let stageProfile: StageProfile | undefined;
  let gpusPerStage = 1;
  const pipelines = job.pipelines ?? TRAINING_DEFAULTS.pipelines;
  const hardware = job.source.hardware;
  if (job.source.kind === "profile") {
    if (job.communication === true) {
      throw badValue("communication", "needs a model source (a stage profile measures no sends)");
    }
    if (job.powerCapW !== undefined) {
      throw badValue(
        "powerCapW",
        "needs a model source (a measured stage profile's rows are measurements)",
      );
    }
    stageProfile = await readStageProfile(job.source.file);
    checkScheduleSize(
      stageProfile.stages,
      job.microbatches,
      job.chunks ?? TRAINING_DEFAULTS.chunks,
      job.schedule,
      job.frontier !== false,
    );
    dag = scheduleDag(
      job.schedule,
      stageProfile.stages,
      job.microbatches,
      job.chunks,
      job.customOrder,
    );
    costs = costsFromStageProfile(dag, stageProfile);
    if (job.pBlockingW === undefined) {
      throw badValue(
        "pBlockingW",
        "is required with a measured profile (the power of a waiting GPU)",
      );
    }
    pBlockingW = job.pBlockingW;
  } else {
    const src = job.source;
    const model = resolveModel(src.model);
    if (job.powerCapW !== undefined) checkPoint(src.hardware, { powerCapW: job.powerCapW });
    gpusPerStage = src.tp;
    checkScheduleSize(
      src.stages,
      job.microbatches,
      job.chunks ?? TRAINING_DEFAULTS.chunks,
      job.schedule,
      job.frontier !== false,
    );
    dag = scheduleDag(job.schedule, src.stages, job.microbatches, job.chunks, job.customOrder);
    if (job.communication ?? TRAINING_DEFAULTS.communication) {
      // Activation sends between stages, the data-parallel gradient all-reduce across the
      // job's pipelines (none with one), and each stage's optimizer step.
      dag = withCommunication(dag, {
        activationBytes: activationBytes(model, {
          batch: src.microbatchSize,
          seqTokens: src.seqTokens,
        }),
        gradientBytes:
          pipelines > 1 ? stageGradientBytes(model, { stages: src.stages, tp: src.tp }) : undefined,
        optimizer: true,
      });
    }
    costs = costsFromModel(dag, src.hardware, {
      model,
      batch: src.microbatchSize,
      seqTokens: src.seqTokens,
      tp: src.tp,
      dp: pipelines,
      powerCapW: job.powerCapW,
    });
    pBlockingW = job.pBlockingW ?? src.hardware.power.blockingW;
  }
  const scope = energyScope(dag.stages, gpusPerStage, pipelines, hardware);
  // The replay enforces the cap the ops were priced under (windowed, as on a real GPU); each
  // device stands for the same stage of every GPU in the scope.
  const replayOptions: ReplayOptions = {
    pBlockingW,
    switchLatencyS: 0,
    gpusPerStage: scope.energyScale,
    hardware: costs.hardware,
    powerCapW: costs.powerCapW,
  };
  const seen = new Set<string>();
  const stageOps: TrainingPlan["stageOps"] = [];
  for (const op of dag.ops) {
    const key = `${op.stage}/${op.kind}`;
    if (seen.has(key) || op.kind === "send" || op.kind === "allreduce") continue;
    seen.add(key);
    const c = costs.ops[op.id]!;
    const k = c.freqMHz.indexOf(Math.max(...c.freqMHz));
    stageOps.push({
      stage: op.stage,
      kind: op.kind,
      freqMHz: c.freqMHz[k]!,
      timeS: c.timeS[k]!,
      energyJ: c.energyJ[k]!,
      powerW: c.energyJ[k]! / c.timeS[k]!,
    });
  }
  return {
    dag,
    costs,
    pBlockingW,
    scope,
    pipelines,
    gpusPerStage,
    stageProfile,
    replayOptions,
    stageOps,
  };
}

/**
 * Everything planTraining and replayTraining check before their long work (the stage profile
 * read and matched to the schedule, the ops priced, the planned size), without doing it:
 * `wattif validate` runs it, so validate passes only what run accepts.
 */
export async function checkTrainingJob(job: TrainingJob): Promise<void> {
  const prepared = await prepareTraining(job);
  if (job.frontier !== false) {
    checkPlanWork(plannerInputOf(prepared.dag, prepared.costs, prepared.pBlockingW), job.unitTimeS);
  }
}

export async function planTraining(job: TrainingJob): Promise<TrainingPlan> {
  if (job.frontier === false) {
    throw badValue("frontier", "is false: replay the point with replayTraining instead");
  }
  if (job.freqMHz !== undefined) {
    throw badValue("freqMHz", "locks the clock of a replay-only run (frontier: false)");
  }
  const prepared = await prepareTraining(job);
  const { dag, costs, pBlockingW, scope, pipelines, gpusPerStage, replayOptions } = prepared;
  const hardware = job.source.hardware;
  const input = plannerInputOf(dag, costs, pBlockingW);
  checkPlanWork(input, job.unitTimeS);
  const planned = trainingFrontier(input, {
    unitTimeS: job.unitTimeS,
    energyScale: scope.energyScale,
    capsW:
      hardware === undefined
        ? undefined
        : capGridW(hardware).filter((w) => costs.powerCapW === undefined || w <= costs.powerCapW),
  });
  // Per-op plans pay for their clock changes when the job says one costs time; the default
  // setting (no lock) never does.
  const switchLatencyS = job.switchLatencyS ?? 0;
  const lockedOptions: ReplayOptions = { ...replayOptions, switchLatencyS };
  const frontier =
    switchLatencyS > 0
      ? chargeSwitches(planned, (freqMHz) => replayIteration(dag, costs, freqMHz, lockedOptions))
      : planned;
  const replays = {
    baseline: replayIteration(dag, costs, maxClockPlan(costs.ops), replayOptions),
    minEnergy:
      switchLatencyS > 0 && frontier.minEnergy === frontier.baseline
        ? replayIteration(dag, costs, maxClockPlan(costs.ops), replayOptions)
        : replayIteration(dag, costs, frontier.minEnergy.freqMHz, lockedOptions),
  };
  // The straggler picks one pipeline's plan: its energies are per pipeline (all its GPUs).
  const perPipeline = <P extends { energyJ: number }>(p: P): P => ({
    ...p,
    energyJ: p.energyJ / pipelines,
  });
  const straggler =
    job.straggler === undefined
      ? undefined
      : stragglerPlan(
          frontier.frontier.map(perPipeline),
          perPipeline(frontier.baseline),
          job.straggler,
          dag.stages,
          pBlockingW * gpusPerStage,
          pipelines,
        );
  return {
    job,
    dag,
    costs,
    pBlockingW,
    frontier,
    scope,
    powerCapW: costs.powerCapW,
    straggler,
    replays,
    stageOps: prepared.stageOps,
    stageProfile: prepared.stageProfile,
  };
}
