/**
 * Megatron-style tensor parallelism: attention heads, the MLP inner width and the vocabulary are
 * split across `tp` GPUs; norms, residual adds and the embedding gather run replicated on each.
 */
import { badValue } from "../../input/input-error.js";
import type { TransformerShape } from "./transformer.js";
import { checkPositiveInteger } from "./validate.js";

/** One GPU's slice of a transformer under tensor parallelism. */
export interface TpShard {
  tp: number;
  headsPerGpu: number;
  /** kvHeads / tp, or 1 when kvHeads < tp (each GPU holds a replica of one KV head). */
  kvHeadsPerGpu: number;
  ffnPerGpu: number;
  /** ceil(vocab / tp): frameworks pad the vocabulary to a multiple of tp. */
  vocabPerGpu: number;
}

export function shardOf(shape: TransformerShape, tp: number): TpShard {
  checkPositiveInteger("tp", tp);
  if (shape.heads % tp !== 0) {
    throw badValue("tp", `must divide heads (${shape.heads}), got ${tp}`);
  }
  if (shape.kvHeads % tp !== 0 && tp % shape.kvHeads !== 0) {
    throw badValue(
      "tp",
      `must divide kvHeads (${shape.kvHeads}) or be a multiple of it, got ${tp}`,
    );
  }
  if (shape.ffn % tp !== 0) {
    throw badValue("tp", `must divide ffn (${shape.ffn}), got ${tp}`);
  }
  if (shape.moe?.expertParallel === true) {
    if (shape.moe.experts % tp !== 0)
      throw badValue("tp", `must divide experts (${shape.moe.experts}) under expert parallelism`);
  } else if (shape.moe !== undefined && shape.moe.expertFfn % tp !== 0) {
    throw badValue("tp", `must divide the expert width (${shape.moe.expertFfn}), got ${tp}`);
  }
  return {
    tp,
    headsPerGpu: shape.heads / tp,
    kvHeadsPerGpu: Math.max(1, shape.kvHeads / tp),
    ffnPerGpu: shape.ffn / tp,
    vocabPerGpu: Math.ceil(shape.vocab / tp),
  };
}
