/** Model shapes: transformer descriptions turned into the ops of one step. */
export { bytesOf } from "./dtype.js";
export {
  kvBytesPerToken,
  parameterBreakdown,
  parameterCount,
  validateShape,
  type ParameterBreakdown,
  type TransformerShape,
} from "./transformer.js";
export { getModel, modelNames } from "./builtin-models.js";
export { shardOf, type TpShard } from "./tensor-parallel.js";
export {
  attentionBytes,
  causalAttentionFlops,
  chunkAttentionFlops,
  decodeAttentionFlops,
  type AttentionChunk,
  type AttentionDims,
  type DecodeGroup,
} from "./attention.js";
export * from "./elementwise.js";
export { stepTotals, type StepOps, type StepTotals } from "./step.js";
export { mixedStepOps, type MixedStepOptions, type PrefillChunk } from "./mixed-step.js";
export { prefillOps, type PrefillOptions } from "./prefill.js";
export { decodeOps, type DecodeContexts, type DecodeOptions } from "./decode.js";
export { ATTENTION_BACKWARD_FLOPS_FACTOR } from "./backward.js";
export { allTrainOps, trainOps, type TrainOptions, type TrainStepOps } from "./train.js";
