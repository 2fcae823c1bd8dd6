/**
 * Synthetic arrival processes: Poisson at a rate, Gamma-distributed gaps with a coefficient of
 * variation (CV > 1 is burstier than Poisson, CV < 1 more regular), or every request at t = 0
 * (a saturated benchmark, as vLLM's throughput runs do).
 */
import type { RngStream } from "../../core/rng.js";

export type ArrivalSpec =
  | { kind: "poisson"; ratePerS: number }
  | { kind: "gamma"; ratePerS: number; cv: number }
  | {
      /**
       * A daily (or any periodic) load: Poisson arrivals at
       * rate(t) = ratePerS x (1 + amplitude x cos(2 pi (t - peakAtS) / periodS)).
       */
      kind: "diurnal";
      ratePerS: number;
      /** Swing around the mean rate, 0 (flat) to below 1 (the trough nearly empty). */
      amplitude: number;
      /** Length of one cycle (s); default a day. */
      periodS?: number;
      /** When in the cycle the rate peaks (s); default mid-cycle. */
      peakAtS?: number;
    }
  | { kind: "all-at-zero" };

/**
 * Arrival times (s), ascending, from the process's start at 0: `count` of them, or all before
 * `durationS`, whichever ends first (at least one limit is set; all-at-zero needs `count`).
 * "too-many" when more than `maxRequests` would arrive (a huge rate x a long duration);
 * "overflow" when a time exceeds the largest double (a vanishing rate).
 */
export function arrivalTimes(
  spec: ArrivalSpec,
  rng: RngStream,
  limits: { count?: number; durationS?: number },
  maxRequests: number,
): number[] | "too-many" | "overflow" {
  const count = limits.count ?? Infinity;
  if (spec.kind === "all-at-zero") return new Array<number>(Math.min(count, maxRequests)).fill(0);
  const durationS = limits.durationS ?? Infinity;
  if (spec.kind === "diurnal") return diurnalTimes(spec, rng, count, durationS, maxRequests);
  // Gamma gaps with shape 1/cv^2 and scale cv^2/rate have mean 1/rate and CV cv.
  const gap =
    spec.kind === "poisson"
      ? () => rng.exponential(spec.ratePerS)
      : () => rng.gamma(1 / (spec.cv * spec.cv), (spec.cv * spec.cv) / spec.ratePerS);
  const out: number[] = [];
  let t = 0;
  while (out.length < count) {
    t += gap();
    if (!Number.isFinite(t)) return "overflow";
    if (!(t < durationS)) break;
    if (out.length >= maxRequests) return "too-many";
    out.push(t);
  }
  return out;
}

/**
 * A non-homogeneous Poisson process by thinning (Lewis and Shedler): candidates at the peak rate,
 * each kept with probability rate(t) / peak rate.
 */
function diurnalTimes(
  spec: Extract<ArrivalSpec, { kind: "diurnal" }>,
  rng: RngStream,
  count: number,
  durationS: number,
  maxRequests: number,
): number[] | "too-many" | "overflow" {
  const periodS = spec.periodS ?? 86_400;
  const peakAtS = spec.peakAtS ?? periodS / 2;
  const peakRate = spec.ratePerS * (1 + spec.amplitude);
  const out: number[] = [];
  let t = 0;
  while (out.length < count) {
    t += rng.exponential(peakRate);
    if (!Number.isFinite(t)) return "overflow";
    if (!(t < durationS)) break;
    const rate =
      spec.ratePerS * (1 + spec.amplitude * Math.cos((2 * Math.PI * (t - peakAtS)) / periodS));
    if (rng.next() * peakRate >= rate) continue;
    if (out.length >= maxRequests) return "too-many";
    out.push(t);
  }
  return out;
}
