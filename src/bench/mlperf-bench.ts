/**
 * The planner at MLPerf size: one pipeline of the MLPerf Training v4.0 GPT-3 175B job on H100
 * (scenarios/mlperf-gpt3-h100-pipeline.yaml: TP 4 x PP 8, interleaved with 12 chunks, 64
 * microbatches of 2 x 2,048 tokens; 12,288 ops), from model shapes on h100-sxm. Times each
 * phase: building the DAG, pricing its ops, the frontier planner, and the all-max replay
 * (goals: planner < 60 s, replay < 2 s on a 2-core machine).
 */
import { capGridW } from "../hardware/operating-point.js";
import { packagePath } from "../input/project-paths.js";
import { plannerInputOf } from "../optimize/training/from-dag.js";
import { scheduleDag } from "../optimize/training/plan-training.js";
import { trainingFrontier } from "../optimize/training/training-frontier.js";
import { costsFromModel, maxClockPlan, replayIteration } from "../replay/training/index.js";
import { loadScenario } from "../scenario/load-scenario.js";
import { getModel } from "../workload/model/builtin-models.js";

export const MLPERF_SCENARIO = "scenarios/mlperf-gpt3-h100-pipeline.yaml";

export interface MlperfBenchRow {
  ops: number;
  dagS: number;
  pricingS: number;
  plannerS: number;
  frontierPoints: number;
  replayS: number;
  /** The all-max iteration (s) and the frontier's lowest-energy point vs it. */
  baselineTimeS: number;
  minEnergySavingPct: number;
  minEnergySlowdownPct: number;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

export function benchMlperf(): MlperfBenchRow {
  const scenario = loadScenario(packagePath(MLPERF_SCENARIO));
  if (scenario.kind !== "training" || scenario.job.source.kind !== "model") {
    throw new Error(`${MLPERF_SCENARIO} is not a training scenario priced from a model`);
  }
  const { job } = scenario;
  const src = scenario.job.source;
  let t0 = process.hrtime.bigint();
  const dag = scheduleDag(job.schedule, src.stages, job.microbatches, job.chunks);
  const dagS = seconds(t0);
  t0 = process.hrtime.bigint();
  const costs = costsFromModel(dag, src.hardware, {
    model: getModel(src.model),
    batch: src.microbatchSize,
    seqTokens: src.seqTokens,
    tp: src.tp,
  });
  const pricingS = seconds(t0);
  const pBlockingW = job.pBlockingW ?? src.hardware.power.blockingW;
  t0 = process.hrtime.bigint();
  const frontier = trainingFrontier(plannerInputOf(dag, costs, pBlockingW), {
    unitTimeS: job.unitTimeS,
    energyScale: src.tp,
    capsW: capGridW(src.hardware).filter((w) => w <= (costs.powerCapW ?? Infinity)),
  });
  const plannerS = seconds(t0);
  t0 = process.hrtime.bigint();
  replayIteration(dag, costs, maxClockPlan(costs.ops), {
    pBlockingW,
    switchLatencyS: 0,
    gpusPerStage: src.tp,
    hardware: src.hardware,
    powerCapW: costs.powerCapW,
  });
  const replayS = seconds(t0);
  const { baseline, minEnergy } = frontier;
  return {
    ops: dag.ops.length,
    dagS,
    pricingS,
    plannerS,
    frontierPoints: frontier.frontier.length,
    replayS,
    baselineTimeS: baseline.timeS,
    minEnergySavingPct: 100 * (1 - minEnergy.energyJ / baseline.energyJ),
    minEnergySlowdownPct: 100 * (minEnergy.timeS / baseline.timeS - 1),
  };
}
