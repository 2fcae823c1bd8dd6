/**
 * One training step's forward and backward pass (no optimizer step, no activation recompute) over
 * batch x seqTokens tokens, with logits and a cross-entropy loss for every token.
 */
import type { Op } from "../../hardware/op.js";
import { prefillAttentionOp, type AttentionDims } from "./attention.js";
import { attentionDimsOf } from "./attention-dims.js";
import { backwardOps } from "./backward.js";
import { bytesOf } from "./dtype.js";
import { CROSS_ENTROPY_FLOPS_PER_ELEMENT } from "./elementwise.js";
import { layerForwardOps } from "./layer-ops.js";
import { embeddingOps, lmHeadOps } from "./model-ends.js";
import { elementwiseOp } from "./op-builders.js";
import { shardOf } from "./tensor-parallel.js";
import { validateShape, type TransformerShape } from "./transformer.js";
import { checkContext, checkLayers, checkPositiveInteger } from "./validate.js";

export interface TrainOptions {
  batch: number;
  seqTokens: number;
  /** Tensor-parallel degree; default 1. */
  tp?: number;
  /** Only the first n layers, without embedding, LM head and loss. */
  layers?: number;
}

/** Like StepOps, with the pass split; each list is ONE GPU's share, run by all `gpus`. */
export interface TrainStepOps {
  forward: Op[];
  backward: Op[];
  gpus: number;
  /** batch x seqTokens. */
  tokens: number;
  layers: number;
  fullModel: boolean;
}

export function trainOps(shape: TransformerShape, options: TrainOptions): TrainStepOps {
  validateShape(shape);
  const batch = checkPositiveInteger("batch", options.batch);
  const seqTokens = checkPositiveInteger("seqTokens", options.seqTokens);
  checkContext("seqTokens", seqTokens, shape.maxContext);
  const shard = shardOf(shape, options.tp ?? 1);
  const fullModel = options.layers === undefined;
  const layers = fullModel ? shape.layers : checkLayers(options.layers, shape.layers);
  const tokens = batch * seqTokens;

  const dims: AttentionDims = attentionDimsOf(shape, shard, false);
  const chunks = [{ newTokens: seqTokens, contextTokens: 0, sequences: batch }];
  const attention = [prefillAttentionOp("layer.attention", dims, chunks, layers)];
  const forward: Op[] = [
    ...(fullModel ? embeddingOps(shape, shard, tokens) : []),
    ...layerForwardOps({ shape, shard, tokens, attention, kvWrite: false, count: layers }),
  ];
  if (fullModel) {
    forward.push(...lmHeadOps(shape, shard, tokens, tokens));
    // Softmax cross-entropy reads the logits and keeps the softmax for backward. Megatron's
    // vocab-parallel version adds all-reduces of a few floats per token, not modeled.
    forward.push(
      elementwiseOp(
        "loss",
        shape.dtype,
        tokens * shard.vocabPerGpu,
        CROSS_ENTROPY_FLOPS_PER_ELEMENT,
        2,
      ),
    );
  }
  const messageBytes = tokens * shape.hidden * bytesOf(shape.dtype);
  const backward = backwardOps(forward, { tp: shard.tp, messageBytes });
  return { forward, backward, gpus: shard.tp, tokens, layers, fullModel };
}

/** Forward then backward, as one op list. */
export function allTrainOps(step: TrainStepOps): Op[] {
  return [...step.forward, ...step.backward];
}
