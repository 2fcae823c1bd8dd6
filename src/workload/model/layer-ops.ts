/**
 * The forward ops of one transformer layer on one GPU, in execution order (pre-norm block):
 * norm, qkv, [rope], [kv_write], attention, o_proj, [allreduce], residual,
 * norm, gate_up|up, activation, down, [allreduce], residual.
 */
import type { Op } from "../../hardware/op.js";
import { badValue } from "../../input/input-error.js";
import { bytesOf } from "./dtype.js";
import {
  GELU_FLOPS_PER_ELEMENT,
  RESIDUAL_ADD_FLOPS_PER_ELEMENT,
  ROPE_FLOPS_PER_ELEMENT,
  SILU_MUL_FLOPS_PER_ELEMENT,
  normFlopsPerElement,
} from "./elementwise.js";
import { allreduceOp, copyOp, elementwiseOp, linearOp } from "./op-builders.js";
import type { TpShard } from "./tensor-parallel.js";
import { kvDtypeOf, type TransformerShape } from "./transformer.js";

export interface LayerOpsInput {
  shape: TransformerShape;
  shard: TpShard;
  /** Tokens through the linear layers (all sequences' new tokens concatenated). */
  tokens: number;
  /** The attention op(s) of one layer, already priced for this step's sequences. */
  attention: readonly Op[];
  /**
   * Serving writes the new tokens' K and V into the paged cache in its own kernel (vLLM's
   * reshape_and_cache): a copy reading and writing 2 x kvHeads x headDim per token. Training
   * keeps no cache.
   */
  kvWrite: boolean;
  /** Layers this op list stands for (every op carries it as `count`). */
  count: number;
}

export function layerForwardOps(input: LayerOpsInput): Op[] {
  const { shape, shard, tokens: t, count } = input;
  // MLA's latent projections and absorbed attention are not built as ops yet; pricing them as
  // GQA would be silently wrong.
  if (shape.mla !== undefined)
    throw badValue("model", `${shape.name}: MLA attention is not priced yet (parameters only)`);
  if (shape.moe !== undefined)
    throw badValue("model", `${shape.name}: mixture-of-experts layers are not priced yet`);
  const { dtype, hidden: h, headDim: d } = shape;
  const b = bytesOf(dtype);
  const qOut = shard.headsPerGpu * d;
  const kvOut = shard.kvHeadsPerGpu * d;
  const normFlops = normFlopsPerElement(shape.norm);
  const ops: Op[] = [];
  // Row-parallel outputs are partial sums until all-reduced over the tp group.
  const allreduce = (name: string) => {
    if (shard.tp > 1) ops.push(allreduceOp(name, dtype, t * h * b, shard.tp, count));
  };

  ops.push(elementwiseOp("layer.attn_norm", dtype, t * h, normFlops, 2, count));
  ops.push(linearOp("layer.qkv", shape, t, qOut + 2 * kvOut, h, count));
  if (shape.positional === "rope") {
    ops.push(
      elementwiseOp("layer.rope", dtype, t * (qOut + kvOut), ROPE_FLOPS_PER_ELEMENT, 2, count),
    );
  }
  if (input.kvWrite) {
    // Reads K and V in the model dtype, writes them in the cache's format.
    const kvb = bytesOf(kvDtypeOf(shape));
    ops.push(copyOp("layer.kv_write", dtype, t * 2 * kvOut * (b + kvb), count));
  }
  ops.push(...input.attention);
  ops.push(linearOp("layer.o_proj", shape, t, h, qOut, count));
  allreduce("layer.attn_allreduce");
  ops.push(
    elementwiseOp("layer.attn_residual", dtype, t * h, RESIDUAL_ADD_FLOPS_PER_ELEMENT, 3, count),
  );

  const f = shard.ffnPerGpu;
  ops.push(elementwiseOp("layer.mlp_norm", dtype, t * h, normFlops, 2, count));
  if (shape.mlp === "swiglu") {
    ops.push(linearOp("layer.gate_up", shape, t, 2 * f, h, count));
    // Reads gate and up, writes their product.
    ops.push(elementwiseOp("layer.silu_mul", dtype, t * f, SILU_MUL_FLOPS_PER_ELEMENT, 3, count));
  } else {
    ops.push(linearOp("layer.up", shape, t, f, h, count));
    ops.push(elementwiseOp("layer.gelu", dtype, t * f, GELU_FLOPS_PER_ELEMENT, 2, count));
  }
  ops.push(linearOp("layer.down", shape, t, h, f, count));
  allreduce("layer.mlp_allreduce");
  ops.push(
    elementwiseOp("layer.mlp_residual", dtype, t * h, RESIDUAL_ADD_FLOPS_PER_ELEMENT, 3, count),
  );
  return ops;
}
