/**
 * Attention FLOPs and bytes (FlashAttention-style fused kernel: scores never touch HBM).
 *
 * FLOPs: QK^T and PV are 2 x headDim FLOPs per (query, key) pair each, so 4 x heads x headDim
 * per pair. A chunk of c new queries on top of C cached tokens attends to
 * c*C + c^2/2 pairs, i.e. 4*H*D*c*(C + c/2) FLOPs (the causal triangle counted as half the
 * square, the FlashAttention benchmark convention; the exact count c*C + c(c+1)/2 is c/2 pairs
 * more, under 0.05% for c >= 1024). A full causal prefill of S tokens is then 4*H*D*S^2/2.
 * A decode token attending to `context` keys (non-causal) is 4*H*D*context.
 *
 * Bytes: read Q and write O for the new queries, read K and V for every key attended (the new
 * tokens' K and V are read back from the cache they were just written to).
 *
 * MLA (DeepSeek-V2/V3, `dims.mla`): the cache holds one latent of kvLoraRank + qkRopeHeadDim
 * per token for all heads. Prefill decompresses it (vLLM's and the DeepSeek-V3 paper's training
 * form): kv_b turns each key's latent into per-head K (nope) and V, then a FlashAttention with
 * q/k width nope + rope and v width vHeadDim runs. Decode absorbs W_UK into the query and W_UV
 * into the output (the paper's inference form, FlashMLA): per head, scores over the latent
 * (kvLoraRank + rope wide) and the value sum over the kvLoraRank latent, so each cached latent
 * is read once for all heads; the two absorbed GEMMs (q_nope -> latent, latent -> v) run per
 * decoding token and read kv_b's weights once per step.
 */
import type { Dtype, Op } from "../../hardware/op.js";
import { bytesOf } from "./dtype.js";

/** Heads as one GPU sees them. */
export interface AttentionDims {
  heads: number;
  kvHeads: number;
  headDim: number;
  /** Compute and Q/O format (attention runs at this dtype's rate even over an fp8 cache). */
  dtype: Dtype;
  /** Format of the cached K and V; default `dtype`. */
  kvDtype?: Dtype;
  /** Multi-head latent attention widths; absent for MHA/GQA/MQA. */
  mla?: MlaDims;
}

/** MLA's widths (per head unless stated) and the storage of kv_b's weights. */
export interface MlaDims {
  /** Width of the cached latent (shared by all heads). */
  kvLoraRank: number;
  /** Query/key width without position (decompressed from, or absorbed into, the latent). */
  qkNopeHeadDim: number;
  /** Decoupled rope key width (one per token, shared by all heads) and the query's rope part. */
  qkRopeHeadDim: number;
  vHeadDim: number;
  /** Bytes per element of kv_b's weights (W_UK and W_UV). */
  weightBytes: number;
}

/** One sequence's prefill work in a step: `newTokens` queries on top of `contextTokens` cached. */
export interface AttentionChunk {
  newTokens: number;
  contextTokens: number;
  /** Identical sequences this entry stands for (a batch without an array of it); default 1. */
  sequences?: number;
}

/** `sequences` decoding sequences whose new token attends to `contextTokens` keys each. */
export interface DecodeGroup {
  contextTokens: number;
  sequences: number;
}

function kvBytesOf(dims: AttentionDims): number {
  return bytesOf(dims.kvDtype ?? dims.dtype);
}

/** 4 * batch * heads * seqTokens^2 * headDim / 2: a full causal prefill. */
export function causalAttentionFlops(p: {
  batch: number;
  heads: number;
  seqTokens: number;
  headDim: number;
}): number {
  return (4 * p.batch * p.heads * p.seqTokens * p.seqTokens * p.headDim) / 2;
}

/** 4 * heads * headDim * newTokens * (contextTokens + newTokens / 2). */
export function chunkAttentionFlops(
  heads: number,
  headDim: number,
  newTokens: number,
  contextTokens: number,
): number {
  return 4 * heads * headDim * newTokens * (contextTokens + newTokens / 2);
}

/** 4 * heads * headDim * contextTokens: one query attending to every cached key. */
export function decodeAttentionFlops(
  heads: number,
  headDim: number,
  contextTokens: number,
): number {
  return 4 * heads * headDim * contextTokens;
}

/** Q read + O written for `queryTokens`, K and V read for `keyTokens`. */
export function attentionBytes(
  dims: AttentionDims,
  queryTokens: number,
  keyTokens: number,
): number {
  const { heads, kvHeads, headDim } = dims;
  return (
    2 * queryTokens * heads * headDim * bytesOf(dims.dtype) +
    2 * keyTokens * kvHeads * headDim * kvBytesOf(dims)
  );
}

export interface AttentionWork {
  flops: number;
  bytes: number;
}

/** Causal attention of every chunk: FLOPs and bytes summed over sequences. */
export function prefillAttentionWork(
  dims: AttentionDims,
  chunks: readonly AttentionChunk[],
): AttentionWork {
  if (dims.mla !== undefined) return mlaPrefillWork(dims, dims.mla, chunks);
  const work = { flops: 0, bytes: 0 };
  for (const { newTokens, contextTokens, sequences = 1 } of chunks) {
    work.flops +=
      sequences * chunkAttentionFlops(dims.heads, dims.headDim, newTokens, contextTokens);
    work.bytes += sequences * attentionBytes(dims, newTokens, contextTokens + newTokens);
  }
  return work;
}

/**
 * prefillAttentionWork from sums over `chunks` chunks: `queries` new tokens, `pairs` (query, key)
 * pairs (sum of c(C + c/2)) and `keys` keys (sum of C + c). The same formulas, for pricing one
 * batch's prefill under another model's dims (a speculative drafter's); rounding may differ from
 * the per-chunk sum in the last bits.
 */
export function prefillAttentionWorkOfSums(
  dims: AttentionDims,
  chunks: number,
  queries: number,
  pairs: number,
  keys: number,
): AttentionWork {
  if (chunks === 0) return { flops: 0, bytes: 0 };
  const b = bytesOf(dims.dtype);
  const kvb = kvBytesOf(dims);
  const h = dims.heads;
  const mla = dims.mla;
  if (mla === undefined) {
    const d = dims.headDim;
    return {
      flops: 4 * h * d * pairs,
      bytes: 2 * queries * h * d * b + 2 * keys * dims.kvHeads * d * kvb,
    };
  }
  const r = mla.kvLoraRank;
  const qkv = mla.qkNopeHeadDim + mla.qkRopeHeadDim + mla.vHeadDim;
  const kvOut = h * (mla.qkNopeHeadDim + mla.vHeadDim);
  return {
    flops: 2 * h * qkv * pairs + 2 * keys * r * kvOut,
    bytes:
      queries * h * qkv * b +
      keys * ((r + mla.qkRopeHeadDim) * kvb + 2 * h * qkv * b) +
      r * kvOut * mla.weightBytes,
  };
}

/**
 * MLA prefill, decompressed: per chunk of c queries over C cached keys, kv_b decompresses the
 * C + c keys' latents (2 x keys x kvLoraRank x heads x (nope + v) FLOPs; latent read in the cache
 * format, K and V written and read back in the compute format), then attention with q/k width
 * nope + rope and v width v: 2 x heads x (qk + v) FLOPs per (query, key) pair, c(C + c/2) pairs.
 * kv_b's weights are read once per step.
 */
function mlaPrefillWork(
  dims: AttentionDims,
  mla: MlaDims,
  chunks: readonly AttentionChunk[],
): AttentionWork {
  const h = dims.heads;
  const b = bytesOf(dims.dtype);
  const kvb = kvBytesOf(dims);
  const r = mla.kvLoraRank;
  const qk = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
  const kvOut = h * (mla.qkNopeHeadDim + mla.vHeadDim);
  const work = { flops: 0, bytes: 0 };
  for (const { newTokens: c, contextTokens, sequences = 1 } of chunks) {
    const keys = contextTokens + c;
    work.flops +=
      sequences *
      (2 * h * (qk + mla.vHeadDim) * c * (contextTokens + c / 2) + 2 * keys * r * kvOut);
    work.bytes +=
      sequences *
      (c * h * (qk + mla.vHeadDim) * b +
        keys * (r + mla.qkRopeHeadDim) * kvb +
        2 * keys * h * (qk + mla.vHeadDim) * b);
  }
  if (chunks.length > 0) work.bytes += r * kvOut * mla.weightBytes;
  return work;
}

/**
 * MLA decode, weight-absorbed: `sequences` queries over `contextSum` cached latents. Per decoding
 * token, q_nope x W_UK (nope -> kvLoraRank per head) and latent output x W_UV (kvLoraRank -> v per
 * head); per cached latent and head, a score over kvLoraRank + rope and a value sum over
 * kvLoraRank. Each latent is read once for all heads; kv_b's weights once per step.
 */
function mlaDecodeWork(
  dims: AttentionDims,
  mla: MlaDims,
  sequences: number,
  contextSum: number,
  kernel: DecodeKernel,
  keySum: number = contextSum,
): AttentionWork & { vectorFlops: number } {
  const h = dims.heads;
  const b = bytesOf(dims.dtype);
  const r = mla.kvLoraRank;
  const latent = r + mla.qkRopeHeadDim;
  const absorbFlops = 2 * h * r * (mla.qkNopeHeadDim + mla.vHeadDim);
  return {
    flops: 2 * h * (latent + r) * contextSum + sequences * absorbFlops,
    bytes:
      // absorbed GEMMs: q_nope in, absorbed query out; latent output in, v output out
      sequences * h * (mla.qkNopeHeadDim + latent + r + mla.vHeadDim) * b +
      // attention kernel: absorbed query in, latent output out, every cached latent once
      sequences * h * (latent + r) * b +
      keySum * latent * kvBytesOf(dims) +
      (sequences > 0 ? (absorbFlops / 2) * mla.weightBytes : 0),
    vectorFlops: h * contextSum * kernel.vectorFlopsPerScore,
  };
}

/** One attention op doing `work`, `count` times back to back (e.g. once per layer). */
export function attentionOp(name: string, dims: AttentionDims, work: AttentionWork, count = 1): Op {
  return {
    name,
    kind: "attention",
    dtype: dims.dtype,
    flops: work.flops,
    bytes: work.bytes,
    count,
  };
}

/** One causal attention op covering every chunk. */
export function prefillAttentionOp(
  name: string,
  dims: AttentionDims,
  chunks: readonly AttentionChunk[],
  count = 1,
): Op {
  return attentionOp(name, dims, prefillAttentionWork(dims, chunks), count);
}

/**
 * What a decode attention kernel does beyond the useful work: the share of the device's streaming
 * bandwidth its gather of paged K/V reaches, and the vector-pipe FLOPs it spends per score (one
 * query head against one cached key: online softmax, and any dot products it runs off the tensor
 * cores). The default is an ideal kernel (full bandwidth, no vector work). Both are the serving
 * engine's figures (engine-profiles/), not the model's.
 */
export interface DecodeKernel {
  memoryEfficiency: number;
  vectorFlopsPerScore: number;
}

export const IDEAL_DECODE_KERNEL: DecodeKernel = { memoryEfficiency: 1, vectorFlopsPerScore: 0 };

/**
 * The one place decode attention is counted: `sequences` single queries over `contextSum` cached
 * tokens in all (decodeAttentionFlops and attentionBytes(dims, 1, ctx) summed over sequences).
 * GQA-aware: each cached K/V head is read once for all the query heads sharing it (FlashAttention
 * and FlashInfer decode kernels do; vLLM 0.11's default backend on Hopper is FlashAttention).
 */
export function decodeAttentionWork(
  dims: AttentionDims,
  sequences: number,
  contextSum: number,
  kernel: DecodeKernel = IDEAL_DECODE_KERNEL,
): AttentionWork & { vectorFlops: number } {
  return queryAttentionWork(dims, sequences, contextSum, contextSum, kernel);
}

/**
 * Decode-kernel attention of `queries` query tokens that score `pairSum` (query, key) pairs in
 * all and whose sequences hold `keySum` keys: each sequence's K/V read once for all its queries.
 * A decode is one query over its C keys (pairs = keys = C); a speculative verification of q
 * tokens on C cached ones scores qC + q(q+1)/2 pairs over C + q keys.
 */
export function queryAttentionWork(
  dims: AttentionDims,
  queries: number,
  pairSum: number,
  keySum: number,
  kernel: DecodeKernel = IDEAL_DECODE_KERNEL,
): AttentionWork & { vectorFlops: number } {
  if (dims.mla !== undefined)
    return mlaDecodeWork(dims, dims.mla, queries, pairSum, kernel, keySum);
  const { heads, kvHeads, headDim } = dims;
  return {
    flops: 4 * heads * headDim * pairSum,
    bytes:
      2 * heads * headDim * queries * bytesOf(dims.dtype) +
      2 * kvHeads * headDim * keySum * kvBytesOf(dims),
    vectorFlops: heads * pairSum * kernel.vectorFlopsPerScore,
  };
}

/** One decode attention op: each sequence's single query reads its own KV cache. */
export function decodeAttentionOp(
  name: string,
  dims: AttentionDims,
  groups: readonly DecodeGroup[],
  count = 1,
  kernel: DecodeKernel = IDEAL_DECODE_KERNEL,
): Op {
  const sequences = groups.reduce((n, g) => n + g.sequences, 0);
  const contextSum = groups.reduce((n, g) => n + g.sequences * g.contextTokens, 0);
  return decodeOpOf(
    name,
    dims,
    decodeAttentionWork(dims, sequences, contextSum, kernel),
    count,
    kernel,
  );
}

/** The op of decodeAttentionWork's result on `kernel` (the serving cost model reuses one). */
export function decodeOpOf(
  name: string,
  dims: AttentionDims,
  work: AttentionWork & { vectorFlops: number },
  count: number,
  kernel: DecodeKernel,
): Op {
  const op = attentionOp(name, dims, work, count);
  if (work.vectorFlops > 0) op.vectorFlops = work.vectorFlops;
  if (kernel.memoryEfficiency !== 1) op.memoryEfficiency = kernel.memoryEfficiency;
  return op;
}
