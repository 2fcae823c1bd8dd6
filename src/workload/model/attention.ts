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
  const work = { flops: 0, bytes: 0 };
  for (const { newTokens, contextTokens, sequences = 1 } of chunks) {
    work.flops +=
      sequences * chunkAttentionFlops(dims.heads, dims.headDim, newTokens, contextTokens);
    work.bytes += sequences * attentionBytes(dims, newTokens, contextTokens + newTokens);
  }
  return work;
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
  const { heads, kvHeads, headDim } = dims;
  return {
    flops: 4 * heads * headDim * contextSum,
    bytes:
      2 * heads * headDim * sequences * bytesOf(dims.dtype) +
      2 * kvHeads * headDim * contextSum * kvBytesOf(dims),
    vectorFlops: heads * contextSum * kernel.vectorFlopsPerScore,
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
