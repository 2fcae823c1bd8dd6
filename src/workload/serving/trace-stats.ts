/** Summary figures of a trace: size, span, rate and token-length quantiles. */
import { fsum, quantileSorted } from "d3-array";
import type { Trace } from "./request.js";

export interface TokenStats {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
}

export interface TraceStats {
  count: number;
  /** Last arrival minus first arrival (s). */
  durationS: number;
  /** (count - 1) / durationS: one over the mean gap between arrivals; 0 when durationS is 0. */
  meanRatePerS: number;
  input: TokenStats;
  output: TokenStats;
}

function tokenStats(values: number[]): TokenStats {
  if (values.length === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, max: 0, total: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const total = fsum(values);
  return {
    mean: total / values.length,
    p50: quantileSorted(sorted, 0.5) ?? 0,
    p90: quantileSorted(sorted, 0.9) ?? 0,
    p99: quantileSorted(sorted, 0.99) ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    total,
  };
}

export function traceStats(trace: Trace): TraceStats {
  const reqs = trace.requests;
  const first = reqs[0]?.arrivalS ?? 0;
  const durationS = (reqs[reqs.length - 1]?.arrivalS ?? 0) - first;
  return {
    count: reqs.length,
    durationS,
    meanRatePerS: durationS > 0 ? (reqs.length - 1) / durationS : 0,
    input: tokenStats(reqs.map((r) => r.inputTokens)),
    output: tokenStats(reqs.map((r) => r.outputTokens)),
  };
}
