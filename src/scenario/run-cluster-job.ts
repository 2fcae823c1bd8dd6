/** A training scenario's job at cluster scale: its layout and options handed to the job replay. */
import { runTrainingJob, type TrainingJobResult } from "../optimize/cluster/index.js";
import { scheduleDag } from "../optimize/training/plan-training.js";
import { resolveModel } from "../workload/model/resolve-model.js";
import type { TrainingScenario } from "./load-training-scenario.js";

export function runClusterJob(scenario: TrainingScenario): TrainingJobResult | undefined {
  const c = scenario.cluster;
  if (c === undefined) return undefined;
  const p = c.parallelism;
  const job = scenario.job;
  return runTrainingJob(
    {
      hardware: c.hardware,
      model: resolveModel(c.model),
      schedule: scheduleDag(job.schedule, p.pp, p.microbatches, job.chunks, job.customOrder),
      tp: p.tp,
      dp: p.dp,
      microbatchSize: p.microbatchSize,
      seqTokens: c.seqTokens,
      gemmDtype: c.gemmDtype,
      powerCapW: job.powerCapW,
      bucketBytes: c.bucketBytes,
      gradientSync: c.gradientSync,
    },
    {
      steps: c.steps,
      powerResolutionS: c.powerResolutionS,
      seriesSteps: c.powerSeriesSteps,
      whatIfPowerCapW: c.whatIfPowerCapW,
      whatIfFloorW: c.whatIfFloorW,
      straggler:
        c.straggler === undefined
          ? undefined
          : { factor: c.straggler.factor, plan: c.straggler.plan, unitTimeS: job.unitTimeS },
    },
  );
}
