/**
 * The forward ops of one transformer layer on one GPU, in execution order (pre-norm block):
 * norm, qkv (MLA: q_a, q_a_norm, q_b, kv_a, kv_a_norm), [rope], [kv_write], attention, o_proj,
 * [allreduce], residual,
 * norm, gate_up|up, activation, down, [allreduce], residual.
 */
import type { Op } from "../../hardware/op.js";
import { bytesOf, weightBytesOf } from "./dtype.js";
import {
  GELU_FLOPS_PER_ELEMENT,
  RESIDUAL_ADD_FLOPS_PER_ELEMENT,
  ROPE_FLOPS_PER_ELEMENT,
  SILU_MUL_FLOPS_PER_ELEMENT,
  normFlopsPerElement,
} from "./elementwise.js";
import { busiestExpertGroup, expertLoad } from "./moe-routing.js";
import { allreduceOp, alltoallOp, copyOp, elementwiseOp, gemmOp, linearOp } from "./op-builders.js";
import type { TpShard } from "./tensor-parallel.js";
import {
  kvDtypeOf,
  weightDtypeOf,
  type MlaShape,
  type MoeShape,
  type TransformerShape,
} from "./transformer.js";

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
  const { dtype, hidden: h } = shape;
  const b = bytesOf(dtype);
  const normFlops = normFlopsPerElement(shape.norm);
  const ops: Op[] = [];
  // Row-parallel outputs are partial sums until all-reduced over the tp group.
  const allreduce = (name: string) => {
    if (shard.tp > 1) ops.push(allreduceOp(name, dtype, t * h * b, shard.tp, count));
  };

  ops.push(elementwiseOp("layer.attn_norm", dtype, t * h, normFlops, 2, count));
  const attnOut =
    shape.mla === undefined
      ? qkvOps(ops, shape, shard, t, input.kvWrite, count)
      : mlaProjectionOps(ops, shape, shape.mla, shard, t, input.kvWrite, count);
  ops.push(...input.attention);
  ops.push(linearOp("layer.o_proj", shape, t, h, attnOut, count));
  allreduce("layer.attn_allreduce");
  ops.push(
    elementwiseOp("layer.attn_residual", dtype, t * h, RESIDUAL_ADD_FLOPS_PER_ELEMENT, 3, count),
  );

  ops.push(elementwiseOp("layer.mlp_norm", dtype, t * h, normFlops, 2, count));
  const moe = shape.moe;
  // The first denseLayers layers of an MoE model keep a dense MLP (count: the first n layers).
  const denseCount = moe === undefined ? count : Math.min(moe.denseLayers, count);
  if (denseCount > 0) denseMlpOps(ops, shape, shard, t, denseCount);
  if (moe !== undefined && count > denseCount) moeOps(ops, shape, shard, t, count - denseCount);
  ops.push(
    elementwiseOp("layer.mlp_residual", dtype, t * h, RESIDUAL_ADD_FLOPS_PER_ELEMENT, 3, count),
  );
  return ops;
}

/**
 * q, k, v projections, rope and the KV cache write of MHA/GQA/MQA; returns the attention output
 * width on this GPU (the o_proj input).
 */
function qkvOps(
  ops: Op[],
  shape: TransformerShape,
  shard: TpShard,
  t: number,
  kvWrite: boolean,
  count: number,
): number {
  const { dtype, hidden: h, headDim: d } = shape;
  const qOut = shard.headsPerGpu * d;
  const kvOut = shard.kvHeadsPerGpu * d;
  ops.push(linearOp("layer.qkv", shape, t, qOut + 2 * kvOut, h, count));
  if (shape.positional === "rope") {
    ops.push(
      elementwiseOp("layer.rope", dtype, t * (qOut + kvOut), ROPE_FLOPS_PER_ELEMENT, 2, count),
    );
  }
  if (kvWrite) {
    // Reads K and V in the model dtype, writes them in the cache's format.
    const kvb = bytesOf(kvDtypeOf(shape));
    ops.push(copyOp("layer.kv_write", dtype, t * 2 * kvOut * (bytesOf(dtype) + kvb), count));
  }
  return qOut;
}

/**
 * MLA's projections (vLLM's DeepSeek-V3 layout): q_a (hidden -> qLoraRank) and kv_a (hidden ->
 * kvLoraRank + rope) are replicated on every TP GPU, each followed by an rmsnorm of its latent;
 * q_b (qLoraRank -> heads x (nope + rope)) is split by heads (or one q projection without a q
 * rank); rope on the queries' rope parts and the one shared rope key; the cache write stores the
 * latent and the rope key. kv_b is not here: attention decompresses (prefill) or absorbs (decode)
 * it (attention.ts). Returns the o_proj input width, heads x vHeadDim on this GPU.
 */
function mlaProjectionOps(
  ops: Op[],
  shape: TransformerShape,
  mla: MlaShape,
  shard: TpShard,
  t: number,
  kvWrite: boolean,
  count: number,
): number {
  const { dtype, hidden: h } = shape;
  const heads = shard.headsPerGpu;
  const qk = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
  const normFlops = normFlopsPerElement(shape.norm);
  if (mla.qLoraRank > 0) {
    ops.push(linearOp("layer.q_a", shape, t, mla.qLoraRank, h, count));
    ops.push(elementwiseOp("layer.q_a_norm", dtype, t * mla.qLoraRank, normFlops, 2, count));
    ops.push(linearOp("layer.q_b", shape, t, heads * qk, mla.qLoraRank, count));
  } else {
    ops.push(linearOp("layer.q", shape, t, heads * qk, h, count));
  }
  const latent = mla.kvLoraRank + mla.qkRopeHeadDim;
  ops.push(linearOp("layer.kv_a", shape, t, latent, h, count));
  ops.push(elementwiseOp("layer.kv_a_norm", dtype, t * mla.kvLoraRank, normFlops, 2, count));
  const ropeElements = t * (heads + 1) * mla.qkRopeHeadDim;
  ops.push(elementwiseOp("layer.rope", dtype, ropeElements, ROPE_FLOPS_PER_ELEMENT, 2, count));
  if (kvWrite) {
    const kvb = bytesOf(kvDtypeOf(shape));
    ops.push(copyOp("layer.kv_write", dtype, t * latent * (bytesOf(dtype) + kvb), count));
  }
  return heads * mla.vHeadDim;
}

function denseMlpOps(ops: Op[], shape: TransformerShape, shard: TpShard, t: number, count: number) {
  const { dtype, hidden: h } = shape;
  const f = shard.ffnPerGpu;
  if (shape.mlp === "swiglu") {
    ops.push(linearOp("layer.gate_up", shape, t, 2 * f, h, count));
    // Reads gate and up, writes their product.
    ops.push(elementwiseOp("layer.silu_mul", dtype, t * f, SILU_MUL_FLOPS_PER_ELEMENT, 3, count));
  } else {
    ops.push(linearOp("layer.up", shape, t, f, h, count));
    ops.push(elementwiseOp("layer.gelu", dtype, t * f, GELU_FLOPS_PER_ELEMENT, 2, count));
  }
  ops.push(linearOp("layer.down", shape, t, h, f, count));
  if (shard.tp > 1)
    ops.push(allreduceOp("layer.mlp_allreduce", dtype, t * h * bytesOf(dtype), shard.tp, count));
}

/**
 * An MoE MLP (vLLM's fused MoE without expert parallelism: every GPU holds every expert, each
 * expert's inner width split across TP). Router GEMM in the model dtype (vLLM leaves the gate
 * unquantized); the routed experts as one grouped GEMM per matrix: FLOPs for every token-expert
 * assignment, activations moved per assignment, and weight bytes only for the experts hit
 * (moe-routing.ts), so a small decode batch reads few experts and a large one all of them.
 * The grouped GEMM's efficiency follows its total FLOPs (the profile's size curve), not the
 * tokens per expert. Shared experts run on every token like a dense MLP. The weighted sum of
 * each token's expert outputs is one elementwise pass.
 */
function moeOps(ops: Op[], shape: TransformerShape, shard: TpShard, t: number, count: number) {
  const moe = shape.moe as MoeShape;
  const { dtype, hidden: h } = shape;
  const b = bytesOf(dtype);
  const wDtype = weightDtypeOf(shape);
  const wb = weightBytesOf(wDtype);
  const gemmDtype = wDtype === "fp8" ? "fp8" : dtype;
  const ep = moe.expertParallel === true && shard.tp > 1 ? shard.tp : 1;
  // Under EP each GPU routes 1/ep of the (TP-replicated) tokens and runs whole local experts
  // for the busiest GPU's share of assignments; without EP every GPU runs every assignment on
  // its 1/tp slice of each expert's width.
  const ef = ep > 1 ? moe.expertFfn : moe.expertFfn / shard.tp;
  const local = ep > 1 ? busiestExpertGroup(moe, t, ep) : expertLoad(moe, t);
  const a = local.assignments;
  const hit = local.expertsHit;
  const tLocal = t / ep;
  ops.push(gemmOp("layer.router", dtype, tLocal, moe.experts, h, count));
  // Dispatch: each GPU sends its tokens' hidden states to the owners of their k experts.
  const dispatchBytes = tLocal * moe.expertsPerToken * h * b;
  if (ep > 1) ops.push(alltoallOp("layer.moe_dispatch", dtype, dispatchBytes, ep, count));
  const grouped = (name: string, n: number, k: number): Op => ({
    name,
    kind: "gemm",
    dtype: gemmDtype,
    flops: 2 * a * n * k,
    bytes: (a * k + a * n) * b + hit * k * n * wb,
    count,
  });
  ops.push(grouped("layer.experts.gate_up", 2 * ef, h));
  ops.push(
    elementwiseOp("layer.experts.silu_mul", dtype, a * ef, SILU_MUL_FLOPS_PER_ELEMENT, 3, count),
  );
  ops.push(grouped("layer.experts.down", h, ef));
  if (ep > 1) ops.push(alltoallOp("layer.moe_combine", dtype, dispatchBytes, ep, count));
  // Reads each assignment's output and writes one sum per token: a multiply-add per element.
  ops.push(
    elementwiseOp("layer.experts.combine", dtype, tLocal * moe.expertsPerToken * h, 2, 1, count),
  );
  if (moe.sharedExperts > 0) {
    // Under EP the shared experts run whole on each GPU's token slice.
    const sf = moe.sharedExperts * ef;
    ops.push(linearOp("layer.shared.gate_up", shape, tLocal, 2 * sf, h, count));
    ops.push(
      elementwiseOp(
        "layer.shared.silu_mul",
        dtype,
        tLocal * sf,
        SILU_MUL_FLOPS_PER_ELEMENT,
        3,
        count,
      ),
    );
    ops.push(linearOp("layer.shared.down", shape, tLocal, h, sf, count));
  }
  if (ep > 1) {
    // Every GPU needs every token's output for the next layer's TP attention: an all-gather,
    // priced as an all-to-all of the whole buffer (same alpha-beta time as a ring all-gather).
    ops.push(alltoallOp("layer.moe_allgather", dtype, t * h * b, ep, count));
  } else if (shard.tp > 1) {
    ops.push(allreduceOp("layer.mlp_allreduce", dtype, t * h * b, shard.tp, count));
  }
}
