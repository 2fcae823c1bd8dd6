/**
 * Speculative decoding: a drafter proposes k tokens per sequence, the target verifies them in
 * one step over k+1 query tokens per sequence (the k drafts and the token before them), and keeps
 * the accepted prefix plus one token of its own (the correction, or a bonus token when all k are
 * accepted). Acceptance is the deterministic expectation (no sampling): with per-position
 * acceptance a_i (the chance draft i is accepted given drafts 1..i-1 were), a step emits
 *   1 + sum_{j=1..k} prod_{i<=j} a_i
 * tokens; a constant rate a gives (1 - a^(k+1)) / (1 - a).
 */
import { badValue } from "../../input/input-error.js";
import type { StepOps } from "./step.js";
import { buildStep } from "./step-builder.js";
import { decodeOps } from "./decode.js";
import type { TransformerShape } from "./transformer.js";
import { checkPositiveInteger } from "./validate.js";

export interface SpeculationOptions {
  /** Draft tokens proposed per sequence per step. */
  k: number;
  /** Acceptance rate in [0, 1], constant or one per draft position (length k). */
  acceptance: number | readonly number[];
  /** The draft model (priced as k decode steps); absent: a free drafter (n-gram lookup). */
  draft?: TransformerShape;
}

/** Per-position acceptance rates, checked. */
export function acceptanceRates(o: SpeculationOptions): number[] {
  checkPositiveInteger("k", o.k);
  const rates =
    typeof o.acceptance === "number"
      ? new Array<number>(o.k).fill(o.acceptance)
      : [...o.acceptance];
  if (rates.length !== o.k)
    throw badValue("acceptance", `needs ${o.k} rates (one per draft), got ${rates.length}`);
  rates.forEach((a, i) => {
    if (!(a >= 0 && a <= 1)) throw badValue(`acceptance[${i}]`, `must be in [0, 1], got ${a}`);
  });
  return rates;
}

/** Expected tokens one speculative step emits per sequence (1 to k+1). */
export function tokensPerStep(o: SpeculationOptions): number {
  let survive = 1;
  let tokens = 1;
  for (const a of acceptanceRates(o)) {
    survive *= a;
    tokens += survive;
  }
  return tokens;
}

export interface SpeculativeStep {
  /** The target's verification step: k+1 query tokens per sequence, logits for each. */
  verify: StepOps;
  /** The draft model's k decode steps (empty for a free drafter). */
  draft: StepOps[];
  /** Expected tokens emitted per sequence. */
  tokensPerStep: number;
}

/** The work of one speculative step for `batch` sequences at `context` cached tokens each. */
export function speculativeStepOps(
  target: TransformerShape,
  o: SpeculationOptions & { batch: number; context: number; tp?: number },
): SpeculativeStep {
  const perStep = tokensPerStep(o);
  checkPositiveInteger("batch", o.batch);
  checkPositiveInteger("context", o.context);
  const verify = buildStep(target, {
    chunks: [{ newTokens: o.k + 1, contextTokens: o.context, sequences: o.batch }],
    decode: [],
    logitsTokens: o.batch * (o.k + 1),
    tp: o.tp,
  });
  const draft: StepOps[] = [];
  for (let i = 0; i < o.k && o.draft !== undefined; i++) {
    draft.push(
      decodeOps(o.draft, { contexts: { batch: o.batch, context: o.context + i + 1 }, tp: o.tp }),
    );
  }
  return { verify, draft, tokensPerStep: perStep };
}
