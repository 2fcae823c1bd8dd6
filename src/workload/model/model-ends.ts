/** The ops before the first layer (embedding) and after the last (final norm, LM head). */
import type { Op } from "../../hardware/op.js";
import { bytesOf } from "./dtype.js";
import { RESIDUAL_ADD_FLOPS_PER_ELEMENT, normFlopsPerElement } from "./elementwise.js";
import { allreduceOp, copyOp, elementwiseOp, gemmOp } from "./op-builders.js";
import type { TpShard } from "./tensor-parallel.js";
import type { TransformerShape } from "./transformer.js";

/**
 * Token embedding gather (a copy: read tokens x hidden rows, write them), plus a learned position
 * embedding add. Under tp the table is vocab-split: each GPU gathers the rows it holds, zeros the
 * rest, and an all-reduce of tokens x hidden assembles the result (Megatron, vLLM).
 */
export function embeddingOps(shape: TransformerShape, shard: TpShard, tokens: number): Op[] {
  const { dtype, hidden: h } = shape;
  const b = bytesOf(dtype);
  const ops: Op[] = [copyOp("embedding", dtype, 2 * tokens * h * b)];
  if (shard.tp > 1) ops.push(allreduceOp("embedding_allreduce", dtype, tokens * h * b, shard.tp));
  if (shape.positional === "learned") {
    ops.push(elementwiseOp("pos_embedding", dtype, tokens * h, RESIDUAL_ADD_FLOPS_PER_ELEMENT, 3));
  }
  return ops;
}

/**
 * Final norm over every token in the step, then the LM head (column-parallel over the vocab)
 * only for the `logitsTokens` that need logits. Gathering the vocab-split logits to one GPU for
 * sampling is not modeled (Op has no gather kind).
 */
export function lmHeadOps(
  shape: TransformerShape,
  shard: TpShard,
  tokens: number,
  logitsTokens: number,
): Op[] {
  const { dtype, hidden: h } = shape;
  const ops: Op[] = [
    elementwiseOp("final_norm", dtype, tokens * h, normFlopsPerElement(shape.norm), 2),
  ];
  if (logitsTokens > 0) ops.push(gemmOp("lm_head", dtype, logitsTokens, shard.vocabPerGpu, h));
  return ops;
}
