/** A training scenario's job at cluster scale: its layout and options handed to the job replay. */
import { runTrainingJob, type TrainingJobResult } from "../optimize/cluster/index.js";
import { scheduleDag } from "../optimize/training/plan-training.js";
import type { JobSpec } from "../replay/training/job/index.js";
import { resolveModel } from "../workload/model/resolve-model.js";
import type { ClusterJob, TrainingScenario } from "./load-training-scenario.js";

/** The job replay's spec from a scenario with a cluster job (its step at the default setting). */
export function clusterJobSpec(scenario: TrainingScenario, c: ClusterJob): JobSpec {
  const p = c.parallelism;
  const job = scenario.job;
  return {
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
  };
}

export function runClusterJob(scenario: TrainingScenario): TrainingJobResult | undefined {
  const c = scenario.cluster;
  if (c === undefined) return undefined;
  const job = scenario.job;
  return runTrainingJob(clusterJobSpec(scenario, c), {
    steps: c.steps,
    powerResolutionS: c.powerResolutionS,
    seriesSteps: c.powerSeriesSteps,
    whatIfPowerCapW: c.whatIfPowerCapW,
    whatIfFloorW: c.whatIfFloorW,
    straggler:
      c.straggler === undefined
        ? undefined
        : { factor: c.straggler.factor, plan: c.straggler.plan, unitTimeS: job.unitTimeS },
  });
}
