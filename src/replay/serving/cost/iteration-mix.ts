/**
 * What an iteration's cost depends on beyond its token count: how many sequences sample a
 * token, and the attention work summed over sequences. Prefill chunks are summed with the same
 * per-chunk formulas mixedStepOps uses (attention.ts); decode contexts are summed as integers,
 * which is exact, so the sums equal the per-sequence ones bit for bit.
 */
import {
  attentionBytes,
  chunkAttentionFlops,
  type AttentionDims,
} from "../../../workload/model/attention.js";
import { isDecode, type Batch } from "../engine/batch.js";

/** What an iteration's cost depends on. */
export interface IterationMix {
  tokens: number;
  logitsTokens: number;
  prefills: number;
  /** Prefill attention of one layer on one GPU, summed over chunks. */
  prefillFlops: number;
  prefillBytes: number;
  decodes: number;
  decodeContextSum: number;
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
    prefillFlops: 0,
    prefillBytes: 0,
    decodes: 0,
    decodeContextSum: 0,
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
  let flops = 0;
  let bytes = 0;
  if (batch.prefills > 0) {
    for (const s of batch.seqs) {
      if (isDecode(s)) continue;
      flops += chunkAttentionFlops(dims.heads, dims.headDim, s.stepTokens, s.stepContext);
      bytes += attentionBytes(dims, s.stepTokens, s.stepContext + s.stepTokens);
    }
  }
  out.prefillFlops = flops;
  out.prefillBytes = bytes;
  return out;
}

export function mixOfParts(
  dims: AttentionDims,
  prefill: readonly PrefillPart[],
  decodeContexts: readonly number[],
): IterationMix {
  const out = emptyMix();
  for (const c of prefill) {
    const ctx = c.contextTokens ?? 0;
    out.tokens += c.tokens;
    out.prefills++;
    if (c.finishing ?? true) out.logitsTokens++;
    out.prefillFlops += chunkAttentionFlops(dims.heads, dims.headDim, c.tokens, ctx);
    out.prefillBytes += attentionBytes(dims, c.tokens, ctx + c.tokens);
  }
  for (const ctx of decodeContexts) {
    out.tokens++;
    out.decodes++;
    out.logitsTokens++;
    out.decodeContextSum += ctx;
  }
  return out;
}
