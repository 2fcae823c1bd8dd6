/**
 * The latency distributions of a serving run in a compact, deterministic form: each metric's
 * quantiles at one fixed grid of probabilities (0, 0.01, ..., 0.99, 0.995, 0.999, 1), computed
 * as the reported percentiles are (R-7, linear between order statistics), so the grid's 0.5, 0.9
 * and 0.99 are exactly p50, p90 and p99. A grid rather than the samples: its size does not grow
 * with the trace (103 numbers per metric for 60 requests or 60,000), every run is sampled at the
 * same probabilities (CDFs of two settings compare row by row), and it is a pure function of the
 * sorted samples (byte-stable). Between grid probabilities a CDF drawn from it is linear, as R-7
 * is; the tail above p99 keeps two extra probabilities so the worst requests still show.
 */
import { quantileSorted } from "d3-array";

/** The probabilities every latency CDF is sampled at, ascending, from 0 (min) to 1 (max). */
export const CDF_PROBABILITIES: readonly number[] = Object.freeze([
  // i / 100 is the same double as the literal (0.5, 0.9, 0.99): the grid holds the percentiles.
  ...Array.from({ length: 100 }, (_, i) => i / 100),
  0.995,
  0.999,
  1,
]);

/** Each metric's quantile at CDF_PROBABILITIES[i] (seconds); NaN throughout without samples. */
export interface LatencyQuantiles {
  /** Time to first token, per request. */
  ttftS: number[];
  /** Time per output token after the first, per request of two or more tokens. */
  tpotS: number[];
  /** Inter-token latency, per token gap (every decode step of every request). */
  itlS: number[];
  /** End-to-end latency, per request. */
  e2eS: number[];
}

/** Quantiles of ascending `sorted` at each probability of the grid (NaN when empty). */
export function quantileGrid(sorted: ArrayLike<number>): number[] {
  if (sorted.length === 0) return CDF_PROBABILITIES.map(() => NaN);
  return CDF_PROBABILITIES.map((p) => quantileSorted(sorted as number[], p) as number);
}

/** Position of probability `p` in the grid (it must be one of them). */
export function gridIndex(p: number): number {
  const i = CDF_PROBABILITIES.indexOf(p);
  if (i < 0) throw new RangeError(`${p} is not on the CDF grid`);
  return i;
}
