/** A data-parallel training job's step: its DAG, costs, replay and the GPUs' power over it. */
export {
  prepareJob,
  replayJob,
  type JobSpec,
  type JobStep,
  type PreparedJob,
} from "./replay-job.js";
export {
  DEFAULT_BUCKET_BYTES,
  gradientSyncTimeS,
  jobCosts,
  withPlacedSends,
  type GradientSync,
  type JobCostOptions,
} from "./job-costs.js";
export {
  binnedPowerW,
  gpuClassPowers,
  jobPowerSteps,
  swingOf,
  type GpuClassPower,
  type JobPowerOptions,
  type PowerSegmentW,
  type Swing,
} from "./job-power.js";
