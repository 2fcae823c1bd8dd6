/** Training iterations as op DAGs: pipeline schedules, communication, stage sizes and work. */
export type { DagOp, DagOpKind, TrainingDag } from "./dag.js";
export { dagFromOrders, slotName, type ComputeKind, type Slot } from "./build-dag.js";
export { checkDag, describeCycle, findCycle } from "./validate-dag.js";
export { checkShape, type ScheduleShape } from "./schedule-shape.js";
export { gpipeSchedule } from "./gpipe.js";
export { oneFOneBOrder, oneFOneBSchedule } from "./one-f-one-b.js";
export { interleaved1F1BSchedule, type InterleavedShape } from "./interleaved-1f1b.js";
export { zbH1Order, zbH1Schedule } from "./zb-h1.js";
export { customSchedule, type CustomScheduleInput } from "./custom.js";
export { withCommunication, type CommunicationOptions } from "./with-communication.js";
export {
  activationBytes,
  splitLayers,
  stageGradientBytes,
  stageParameters,
  virtualStageLayers,
  virtualStageParameters,
  type StageSplit,
} from "./stage-sizes.js";
export {
  ADAM_BYTES_PER_PARAM,
  ADAM_FLOPS_PER_PARAM,
  optimizerWork,
  stageWork,
  type MicrobatchShape,
  type StageWork,
} from "./stage-work.js";
export {
  resolveParallelism,
  type Parallelism,
  type ParallelismInput,
  type ParallelismProblem,
} from "./parallelism.js";
export {
  dpScope,
  nodesOf,
  rankOf,
  sendScope,
  tpScope,
  type Layout,
  type LinkScope,
} from "./placement.js";
export {
  dataParallelDag,
  type DataParallelDag,
  type DataParallelDagOptions,
  type DeviceRole,
} from "./data-parallel-dag.js";
