/**
 * Synthetic prompt and output lengths: a distribution for each (drawn independently), or pairs
 * resampled from a loaded trace (drawn jointly, so the trace's prompt-output correlation stays).
 * Every length is a whole number >= 1.
 */
import type { RngStream } from "../../core/rng.js";
import type { HistogramBin } from "./length-histogram.js";
import type { Request } from "./request.js";

export type LengthDist =
  | { kind: "fixed"; tokens: number }
  /** Whole numbers in [min, max], inclusive. */
  | { kind: "uniform"; min: number; max: number }
  /** Rounded and clamped to >= 1. */
  | { kind: "normal"; mean: number; sd: number }
  /** exp(ln(median) + sigma * N(0,1)), rounded and clamped to >= 1. */
  | { kind: "lognormal"; median: number; sigma: number }
  /** A bin drawn by its count, then uniform inside it; rounded and clamped to >= 1. */
  | { kind: "histogram"; bins: readonly HistogramBin[] };

export type LengthsSpec =
  | { input: LengthDist; output: LengthDist }
  /** (input, output) pairs drawn uniformly, with replacement, from these requests. */
  | { resample: readonly Pick<Request, "inputTokens" | "outputTokens">[] };

/** Rounded into [1, 2^53 - 1]: a heavy lognormal tail must not yield Infinity. */
function atLeastOne(x: number): number {
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, Math.round(x)));
}

export function drawLength(d: LengthDist, rng: RngStream): number {
  switch (d.kind) {
    case "fixed":
      return d.tokens;
    case "uniform":
      return rng.int(d.min, d.max);
    case "normal":
      return atLeastOne(rng.normal(d.mean, d.sd));
    case "lognormal":
      return atLeastOne(d.median * Math.exp(d.sigma * rng.normal()));
    case "histogram":
      return atLeastOne(drawFromHistogram(d.bins, rng));
  }
}

function drawFromHistogram(bins: readonly HistogramBin[], rng: RngStream): number {
  let total = 0;
  for (const b of bins) total += b.count;
  let u = rng.uniform(0, total);
  let pick = bins[bins.length - 1] as HistogramBin;
  for (const b of bins) {
    if (u < b.count) {
      pick = b;
      break;
    }
    u -= b.count;
  }
  return rng.uniform(pick.lowTokens, pick.highTokens);
}

/** `count` (input, output) pairs, input drawn before output for each request. */
export function drawLengths(
  spec: LengthsSpec,
  rng: RngStream,
  count: number,
): { inputTokens: number; outputTokens: number }[] {
  const out: { inputTokens: number; outputTokens: number }[] = [];
  for (let i = 0; i < count; i++) {
    if ("resample" in spec) {
      const r = rng.choice(spec.resample);
      out.push({ inputTokens: r.inputTokens, outputTokens: r.outputTokens });
    } else {
      const inputTokens = drawLength(spec.input, rng);
      out.push({ inputTokens, outputTokens: drawLength(spec.output, rng) });
    }
  }
  return out;
}
