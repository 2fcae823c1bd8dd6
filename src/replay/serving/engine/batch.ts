/**
 * One iteration's composition: the sequences it runs, each with `stepTokens` new tokens on top of
 * `stepContext` cached ones. Reused from iteration to iteration (no allocation in the hot loop).
 */
import type { Sequence } from "./sequence.js";

export interface PrefillChunkView {
  requestId: number;
  tokens: number;
  contextTokens: number;
  /** The chunk completes the prompt, so the iteration samples a token for it. */
  finishing: boolean;
}

export interface BatchView {
  prefill: PrefillChunkView[];
  /** Each decoding sequence's KV length its new token attends to (its own token included). */
  decodeContexts: number[];
  /** Requests that emit a token when the iteration ends. */
  emitting: number[];
}

export class Batch {
  /** Scheduled sequences in scheduling order. */
  readonly seqs: Sequence[] = [];
  /** Tokens through the linear layers. */
  tokens = 0;
  decodes = 0;
  /** Sum of the decodes' attended KV lengths. */
  decodeContextSum = 0;
  prefills = 0;
  /**
   * Speculative verifications: sequences running 1 + drafts query tokens on their cache (on the
   * decode attention kernel, each cache read once for all its queries), with logits for each.
   */
  verifies = 0;
  /** Sum of the verifying sequences' cached lengths (the drafter's decode context). */
  verifyContextSum = 0;
  /** Their query tokens, (query, key) pairs and keys (cache plus queries), summed. */
  verifyQueries = 0;
  verifyPairSum = 0;
  verifyKeySum = 0;
  /** LM head rows: decodes, finishing prefill chunks, every verified position. */
  logitsTokens = 0;

  clear(): void {
    this.seqs.length = 0;
    this.tokens = 0;
    this.decodes = 0;
    this.decodeContextSum = 0;
    this.prefills = 0;
    this.verifies = 0;
    this.verifyContextSum = 0;
    this.verifyQueries = 0;
    this.verifyPairSum = 0;
    this.verifyKeySum = 0;
    this.logitsTokens = 0;
  }

  get empty(): boolean {
    return this.seqs.length === 0;
  }

  /** Adds `seq` with its `stepTokens`/`stepContext` already set. */
  add(seq: Sequence): void {
    this.seqs.push(seq);
    this.tokens += seq.stepTokens;
    if (seq.stepDrafts > 0) {
      this.verifies++;
      const q = seq.stepTokens;
      const c = seq.stepContext;
      this.verifyContextSum += c;
      this.verifyQueries += q;
      this.verifyPairSum += q * c + (q * (q + 1)) / 2;
      this.verifyKeySum += c + q;
      this.logitsTokens += q;
      return;
    }
    const samples = seq.stepContext + seq.stepTokens === seq.numTokens;
    if (isDecode(seq)) {
      this.decodes++;
      this.decodeContextSum += seq.numTokens;
    } else {
      this.prefills++;
    }
    if (samples) this.logitsTokens++;
  }

  /** A plain description (tests, debugging): prefill chunks, decode contexts, emitters. */
  view(): BatchView {
    const out: BatchView = { prefill: [], decodeContexts: [], emitting: [] };
    for (const s of this.seqs) {
      if (s.stepDrafts > 0) continue;
      const finishing = s.stepContext + s.stepTokens === s.numTokens;
      if (isDecode(s)) out.decodeContexts.push(s.numTokens);
      else
        out.prefill.push({
          requestId: s.request.id,
          tokens: s.stepTokens,
          contextTokens: s.stepContext,
          finishing,
        });
      if (finishing) out.emitting.push(s.request.id);
    }
    return out;
  }
}

/** A decode step: one token whose K/V is the only one missing (vLLM V1 sees it the same way). */
export function isDecode(seq: Sequence): boolean {
  return seq.stepTokens === 1 && seq.stepContext + 1 === seq.numTokens && seq.generated > 0;
}
