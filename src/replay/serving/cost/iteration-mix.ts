/**
 * What an iteration's cost depends on beyond its token count: how many sequences sample a
 * token, and the attention work summed over sequences. Prefill chunks are summed by the same
 * prefillAttentionWork mixedStepOps uses (attention.ts); decode contexts are summed as integers,
 * which is exact, so the sums equal the per-sequence ones bit for bit.
 */
import {
  prefillAttentionWork,
  type AttentionChunk,
  type AttentionDims,
} from "../../../workload/model/attention.js";
import { isDecode, type Batch } from "../engine/batch.js";

/** What an iteration's cost depends on. */
export interface IterationMix {
  tokens: number;
  logitsTokens: number;
  prefills: number;
  /** The prefill chunks' new tokens, (query, key) pairs and keys, summed (a drafter's prefill). */
  prefillTokens: number;
  prefillPairSum: number;
  prefillKeySum: number;
  /** Prefill attention of one layer on one GPU, summed over chunks. */
  prefillFlops: number;
  prefillBytes: number;
  decodes: number;
  decodeContextSum: number;
  /** Speculative verifications, their cached lengths (the drafter's work) and attention sums. */
  verifies: number;
  verifyContextSum: number;
  verifyQueries: number;
  verifyPairSum: number;
  verifyKeySum: number;
}

export interface PrefillPart {
  tokens: number;
  contextTokens?: number;
  finishing?: boolean;
}

export function emptyMix(): IterationMix {
  return {
    tokens: 0,
    logitsTokens: 0,
    prefills: 0,
    prefillTokens: 0,
    prefillPairSum: 0,
    prefillKeySum: 0,
    prefillFlops: 0,
    prefillBytes: 0,
    decodes: 0,
    decodeContextSum: 0,
    verifies: 0,
    verifyContextSum: 0,
    verifyQueries: 0,
    verifyPairSum: 0,
    verifyKeySum: 0,
  };
}

export function mixOfBatch(
  dims: AttentionDims,
  batch: Batch,
  out: IterationMix = emptyMix(),
): IterationMix {
  out.tokens = batch.tokens;
  out.logitsTokens = batch.logitsTokens;
  out.decodes = batch.decodes;
  out.decodeContextSum = batch.decodeContextSum;
  out.prefills = batch.prefills;
  out.verifies = batch.verifies;
  out.verifyContextSum = batch.verifyContextSum;
  out.verifyQueries = batch.verifyQueries;
  out.verifyPairSum = batch.verifyPairSum;
  out.verifyKeySum = batch.verifyKeySum;
  const chunks: AttentionChunk[] = [];
  if (batch.prefills > 0) {
    for (const s of batch.seqs) {
      if (!isDecode(s) && s.stepDrafts === 0)
        chunks.push({ newTokens: s.stepTokens, contextTokens: s.stepContext });
    }
  }
  const work = prefillAttentionWork(dims, chunks);
  out.prefillFlops = work.flops;
  out.prefillBytes = work.bytes;
  sumChunks(out, chunks);
  return out;
}

function sumChunks(out: IterationMix, chunks: readonly AttentionChunk[]): void {
  out.prefillTokens = 0;
  out.prefillPairSum = 0;
  out.prefillKeySum = 0;
  for (const { newTokens: c, contextTokens: ctx } of chunks) {
    out.prefillTokens += c;
    out.prefillPairSum += c * (ctx + c / 2);
    out.prefillKeySum += ctx + c;
  }
}

export function mixOfParts(
  dims: AttentionDims,
  prefill: readonly PrefillPart[],
  decodeContexts: readonly number[],
): IterationMix {
  const out = emptyMix();
  for (const c of prefill) {
    out.tokens += c.tokens;
    out.prefills++;
    if (c.finishing ?? true) out.logitsTokens++;
  }
  const chunks = prefill.map((c) => ({ newTokens: c.tokens, contextTokens: c.contextTokens ?? 0 }));
  const work = prefillAttentionWork(dims, chunks);
  out.prefillFlops = work.flops;
  out.prefillBytes = work.bytes;
  sumChunks(out, chunks);
  for (const ctx of decodeContexts) {
    out.tokens++;
    out.decodes++;
    out.logitsTokens++;
    out.decodeContextSum += ctx;
  }
  return out;
}
