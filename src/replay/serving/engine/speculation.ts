/**
 * Speculative decoding in the engine (vLLM's speculative_config): each decoding sequence gets k
 * proposed tokens from a drafter, and the target verifies them in one step over k+1 query tokens
 * (the last sampled token and the k drafts), with logits for each. The sequence keeps the
 * accepted prefix plus one token of the target's own, so a step emits 1 to k+1 tokens and its
 * KV cache grows by as many (the rejected drafts' slots are reused by the next step).
 *
 * Drafters: `draft` (a smaller model, k decode steps of it per iteration over the verifying
 * sequences), `mtp` (multi-token-prediction heads: one target layer plus the LM head per proposed
 * token), `ngram` (prompt lookup on the host: no GPU work).
 *
 * Acceptance: a_i is the chance draft i is accepted given drafts 1..i-1 were. `expected` (the
 * default) is deterministic: each sequence carries the fractional part of its expected accepted
 * count sum_j prod_{i<=j} a_i from step to step and accepts its whole part, so the long-run mean
 * is exact; `sampled` draws each draft's acceptance from a seeded stream.
 */
import { deriveSeed, RngStream } from "../../../core/rng.js";
import { InputError } from "../../../input/input-error.js";
import { validateShape, type TransformerShape } from "../../../workload/model/transformer.js";
import type { Sequence } from "./sequence.js";

export type DraftMethod = "draft" | "ngram" | "mtp";

export interface SpeculativeOptions {
  method: DraftMethod;
  /** Proposed tokens per sequence per step. */
  k: number;
  /** Acceptance in [0, 1]: one rate for every position, or one per position (length k). */
  acceptance: number | readonly number[];
  /** `expected` (deterministic, default) or `sampled` (seeded). */
  sampling?: "expected" | "sampled";
  /** The draft model (method `draft` only). */
  draftModel?: TransformerShape;
  /** Seed of the `sampled` stream (the scenario seed); default 0. */
  seed?: number | string;
}

export interface ResolvedSpeculation {
  method: DraftMethod;
  k: number;
  /** Per-position acceptance rates, length k. */
  rates: readonly number[];
  sampling: "expected" | "sampled";
  /** The drafter's model on the GPUs (draft model, or the target's one-layer MTP module). */
  drafter?: TransformerShape;
  seed: number | string;
}

const bad = (path: string, detail: string) =>
  new InputError(detail, { code: "VALUE", path: `speculative.${path}` });

export function resolveSpeculation(
  target: TransformerShape,
  o: SpeculativeOptions,
): ResolvedSpeculation {
  const k = o.k;
  if (!(Number.isSafeInteger(k) && k >= 1 && k <= 64))
    throw bad("k", `must be a whole number from 1 to 64, got ${k}`);
  const rates =
    typeof o.acceptance === "number" ? new Array<number>(k).fill(o.acceptance) : [...o.acceptance];
  if (rates.length !== k)
    throw bad("acceptance", `needs ${k} rates (one per proposed token), got ${rates.length}`);
  rates.forEach((a, i) => {
    if (!(a >= 0 && a <= 1)) throw bad(`acceptance.${i}`, `must be in [0, 1], got ${a}`);
  });
  let drafter: TransformerShape | undefined;
  if (o.method === "draft") {
    if (o.draftModel === undefined) throw bad("draftModel", "method 'draft' needs a draftModel");
    drafter = o.draftModel;
  } else if (o.draftModel !== undefined) {
    throw bad("draftModel", `only method 'draft' takes a draftModel (method is '${o.method}')`);
  } else if (o.method === "mtp") {
    drafter = mtpModule(target);
  }
  return {
    method: o.method,
    k,
    rates,
    sampling: o.sampling ?? "expected",
    ...(drafter === undefined ? {} : { drafter }),
    seed: o.seed ?? 0,
  };
}

/**
 * The MTP module priced as one layer of the target (an MoE layer for an MoE target) with its
 * embedding and shared LM head (DeepSeek-V3's: one extra transformer block; the 2h -> h eh_proj
 * GEMM, under 2% of the block, is not counted).
 */
export function mtpModule(target: TransformerShape): TransformerShape {
  const moe = target.moe === undefined ? {} : { moe: { ...target.moe, denseLayers: 0 } };
  return validateShape({ ...target, name: `${target.name}-mtp`, layers: 1, ...moe });
}

/** Expected accepted drafts of `proposed` (<= k) drafts: sum_j prod_{i<=j} a_i. */
export function expectedAccepted(rates: readonly number[], proposed: number): number {
  let survive = 1;
  let sum = 0;
  for (let i = 0; i < proposed; i++) {
    survive *= rates[i] as number;
    sum += survive;
  }
  return sum;
}

/** Decides how many drafts each verification accepts. One per replica (its own stream). */
export class AcceptanceModel {
  private readonly rng: RngStream | undefined;

  constructor(
    readonly spec: ResolvedSpeculation,
    streamName: string,
  ) {
    this.rng =
      spec.sampling === "sampled"
        ? new RngStream(deriveSeed(spec.seed, `speculative/${streamName}`))
        : undefined;
  }

  /** Accepted drafts (0..proposed) for `seq`'s verification of `proposed` drafts. */
  accepted(seq: Sequence, proposed: number): number {
    const rates = this.spec.rates;
    const rng = this.rng;
    if (rng === undefined) {
      const credit = seq.specCredit + expectedAccepted(rates, proposed);
      // The epsilon keeps 0.3 + 0.7 from flooring to 0 after rounding.
      const n = Math.min(proposed, Math.floor(credit + 1e-9));
      seq.specCredit = Math.max(0, credit - n);
      return n;
    }
    let n = 0;
    while (n < proposed && rng.next() < (rates[n] as number)) n++;
    return n;
  }
}
