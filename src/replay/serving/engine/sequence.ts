/**
 * One request's state inside a replica, in vLLM V1's terms: `numTokens` tokens are known (prompt
 * plus generated), `numComputed` of them have their K/V in the cache. A step schedules
 * numTokens - numComputed of them (1 for a decoding sequence, a chunk of the prompt otherwise);
 * when a step brings numComputed up to numTokens it samples one more token.
 */
import type { Request } from "../../../workload/serving/request.js";

/** How a sequence starts on a replica (prefill/decode disaggregation). */
export interface SequenceStart {
  /** Stop after the first token: the replica only prefills (its KV goes to a decode replica). */
  prefillOnly?: boolean;
  /** The prompt was prefilled elsewhere, its first token emitted at this time (s). */
  prefilledAtS?: number;
}

export class Sequence {
  declare readonly request: Request;
  declare numTokens: number;
  declare numComputed: number;
  /** Output tokens emitted so far (kept across preemption: they are recomputed as prompt). */
  declare generated: number;
  /** KV blocks held. */
  declare blocks: number;
  /** Tokens scheduled in the current iteration, and the KV length they start from. */
  declare stepTokens: number;
  declare stepContext: number;
  /** Drafts verified in the current iteration (speculative decoding; 0 otherwise). */
  declare stepDrafts: number;
  /** Tokens the last iteration emitted for it (1, or 1 + accepted drafts). */
  declare stepEmitted: number;
  /** Fractional expected accepted drafts carried to the next step (speculation.ts). */
  declare specCredit: number;
  /** When the last output token was emitted (s); NaN before the first. */
  declare lastTokenS: number;
  /** It leaves the replica after this many tokens (1 on a disaggregated prefill pool). */
  declare readonly stopAt: number;

  constructor(request: Request, options: SequenceStart = {}) {
    this.request = request;
    this.numTokens = request.inputTokens;
    this.numComputed = 0;
    this.generated = 0;
    this.blocks = 0;
    this.stepTokens = 0;
    this.stepContext = 0;
    this.stepDrafts = 0;
    this.stepEmitted = 0;
    this.specCredit = 0;
    this.lastTokenS = NaN;
    this.stopAt = options.prefillOnly ? 1 : request.outputTokens;
    const at = options.prefilledAtS;
    if (at !== undefined) {
      // Prompt K/V arrived from a prefill replica with the first token, emitted at `at`.
      this.numComputed = request.inputTokens;
      this.numTokens = request.inputTokens + 1;
      this.generated = 1;
      this.lastTokenS = at;
    }
  }

  /** Tokens still to generate plus prompt tokens still to (re)compute: the router's load. */
  get outstandingTokens(): number {
    return this.request.outputTokens - this.generated + (this.numTokens - this.numComputed);
  }
}
