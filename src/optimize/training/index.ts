export { plannerInputOf } from "./from-dag.js";
export { planEvaluator, quantizeS } from "./evaluate-plan.js";
export { opCurve, type OpCurve } from "./op-curve.js";
export { phillipsDessoukySweep, type Sweep, type SweepOptions } from "./phillips-dessouky.js";
export {
  topologicalOrder,
  type Choice,
  type PlanNode,
  type PlannedPoint,
  type PlannerInput,
} from "./plan-input.js";
export { stragglerPlan, type StragglerResult } from "./straggler.js";
export {
  trainingFrontier,
  type TrainingFrontier,
  type TrainingFrontierOptions,
} from "./training-frontier.js";
