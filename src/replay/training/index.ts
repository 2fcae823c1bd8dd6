/** Training-iteration replay: a schedule DAG, its op costs and a clock plan, played over time. */
export { replayIteration } from "./replay-iteration.js";
export {
  resolveReplayOptions,
  type ReplayOptions,
  type ResolvedReplayOptions,
} from "./replay-options.js";
export type { DeviceReplay, IterationReplay, OpReplay } from "./iteration-replay.js";
export { maxClockPlan, planClockMHz, type FrequencyPlan } from "./frequency-plan.js";
export {
  parseStageProfile,
  readStageProfile,
  stageRows,
  type StageProfile,
  type StageRows,
} from "./cost/stage-profile.js";
export {
  costsFromStageProfile,
  flatChoices,
  isComputeOp,
  rowAt,
  type OpChoices,
  type OpCostTable,
  type StageProfileCostOptions,
} from "./cost/op-costs.js";
export { costsFromModel, type ModelCostOptions } from "./cost/model-costs.js";
