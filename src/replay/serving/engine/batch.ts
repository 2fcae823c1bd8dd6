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
  /** Sequences sampling a token (decodes plus finishing prefill chunks): the LM head rows. */
  logitsTokens = 0;

  clear(): void {
    this.seqs.length = 0;
    this.tokens = 0;
    this.decodes = 0;
    this.decodeContextSum = 0;
    this.prefills = 0;
    this.logitsTokens = 0;
  }

  get empty(): boolean {
    return this.seqs.length === 0;
  }

  /** Adds `seq` with its `stepTokens`/`stepContext` already set. */
  add(seq: Sequence): void {
    this.seqs.push(seq);
    this.tokens += seq.stepTokens;
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
