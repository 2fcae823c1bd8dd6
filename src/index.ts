/**
 * wattif as a library: the public API, what `import { ... } from "wattif"` gives. Each group
 * follows a user's path: load a hardware profile, a model and a trace; estimate a step at an
 * operating point; replay a training iteration or a serving trace; plan a time-energy frontier;
 * run a scenario file; write results. Everything else in src/ is internal and may change.
 */

// Input problems: every bad input is an InputError (file:line:col: field: message).
export { InputError, InputErrors, badValue, type InputErrorCode } from "./input/input-error.js";

// Hardware: profiles, operating points, the cost model and the per-op frontier.
export { listProfiles, loadProfile } from "./hardware/profile/load-profile.js";
export type { HardwareProfile } from "./hardware/profile/profile.js";
export {
  CAP_STEP_W,
  capGridW,
  checkPoint,
  resolvePoint,
  type OperatingPoint,
} from "./hardware/operating-point.js";
export type { Dtype, Op, OpKind, Work } from "./hardware/op.js";
export { costOf, type Cost } from "./hardware/cost/cost-model.js";
export { PowerTimeline, type PowerSegment } from "./hardware/power/power-timeline.js";
export { integrateSteps, type PowerSteps } from "./hardware/power/power-steps.js";
export { nodeEnergyJ, nodePowerW } from "./hardware/power/node-power.js";
export { SegmentKind } from "./hardware/power/segment-kind.js";
export { opFrontier, type KnobPoint } from "./hardware/cost/op-frontier.js";

// Workloads: model shapes and their ops, serving traces, training schedules.
export {
  decodeOps,
  getModel,
  mixedStepOps,
  modelNames,
  parameterCount,
  prefillOps,
  trainOps,
  type TransformerShape,
} from "./workload/model/index.js";
export { loadHfConfig } from "./workload/model/hf-config.js";
export { resolveModel, shippedHfModels } from "./workload/model/resolve-model.js";
export {
  parameterBreakdown,
  kvBytesPerToken,
  type MoeShape,
} from "./workload/model/transformer.js";
export { expertLoad } from "./workload/model/moe-routing.js";
export { tokensPerStep, type SpeculationOptions } from "./workload/model/speculative.js";
export { buildWork, type WorkSpec } from "./workload/work-spec.js";
export {
  applyTraceOptions,
  loadTrace,
  parseTrace,
  syntheticTrace,
  traceStats,
  type Trace,
} from "./workload/serving/index.js";
export type { Request } from "./workload/serving/request.js";
export {
  customSchedule,
  gpipeSchedule,
  interleaved1F1BSchedule,
  oneFOneBSchedule,
  zbH1Schedule,
  resolveParallelism,
  type Parallelism,
  type TrainingDag,
} from "./workload/training/index.js";

// Estimates and sweeps of one step.
export { estimate, estimateWork, type EstimateResult } from "./optimize/estimate.js";
export { sweepEstimate, type EstimateSweep } from "./optimize/sweep-estimate.js";

// Training: op costs, the discrete-event replay of an iteration, the Perseus-style planner.
export {
  costsFromModel,
  costsFromStageProfile,
  maxClockPlan,
  readStageProfile,
  replayIteration,
  type IterationReplay,
  type OpCostTable,
  type StageProfile,
} from "./replay/training/index.js";
export {
  planTraining,
  TRAINING_DEFAULTS,
  type TrainingJob,
  type TrainingPlan,
} from "./optimize/training/plan-training.js";
export {
  plannerInputOf,
  stragglerPlan,
  trainingFrontier,
  type TrainingFrontier,
} from "./optimize/training/index.js";

// Training at cluster scale: a data-parallel job's step replayed, its figures and power swing.
export { collectiveTimeS, type Collective } from "./hardware/cost/link-time.js";
export { prepareJob, replayJob, type JobSpec, type JobStep } from "./replay/training/job/index.js";
export {
  runTrainingJob,
  type JobFigures,
  type TrainingJobResult,
} from "./optimize/cluster/index.js";

// Serving: replay a trace on replicas of an engine, and sweep its knobs.
export {
  serveCluster,
  listEngineProfiles,
  loadEngineProfile,
  type ClusterOptions,
  type EngineProfile,
  type PolicySpec,
  type ServingResult,
  type SteadyState,
  type Slo,
  // Each result's latency CDFs (latencyQuantilesS) are sampled at these probabilities.
  CDF_PROBABILITIES,
  type LatencyQuantiles,
} from "./replay/serving/index.js";
export {
  speculativeDecodeCost,
  type SpeculativeCost,
} from "./replay/serving/cost/speculative-cost.js";
export { sweepServing, type ServingSweep } from "./optimize/serving/sweep-serving.js";

// Zeus at the job level: batch size x power limit of a recurring training job, from Zeus'
// traces (or an epoch priced on a profile): the oracle, the frontier, the online policy's regret.
export {
  epochDefinition,
  epochsAtLimits,
  modeledEpochsAtLimits,
  readPowerTrace,
  readTrainTrace,
  replayZeus,
  zeusCostJ,
  zeusDatasets,
  zeusGpus,
  zeusJob,
  zeusOracle,
  zeusWorkload,
  type ZeusJob,
  type ZeusOracle,
  type ZeusPoint,
  type ZeusReplay,
  type ZeusWorkload,
} from "./optimize/zeus/index.js";

// Frontiers: the narrow waist.
export {
  dominates,
  paretoFrontier,
  sweepResult,
  timeEnergyAxes,
  type Axes,
  type SweepResult,
  type TimeEnergy,
} from "./frontier/index.js";

// Scenarios and results.
export { loadScenario, parseScenario, type Scenario } from "./scenario/load-scenario.js";
export { runScenario, type ScenarioOutcome } from "./scenario/run-scenario.js";
export { writeFileAtomic, writeResultSet } from "./report/atomic-write.js";
export { toCsv } from "./report/csv.js";
export { toJson } from "./report/json.js";
