/** Training at cluster scale: a job's step replayed, its figures, power swing and what-ifs. */
export { jobFigures, type JobFigures, type PowerSeries } from "./job-figures.js";
export {
  stragglerJob,
  type StragglerJobOptions,
  type StragglerJobResult,
} from "./straggler-job.js";
export {
  runTrainingJob,
  type TrainingJobOptions,
  type TrainingJobResult,
  type WhatIf,
} from "./training-job.js";
