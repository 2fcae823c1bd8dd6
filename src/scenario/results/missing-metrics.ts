/**
 * Serving metrics mark a latency summary without samples with NaN (e.g. TPOT and ITL when every
 * request's output is one token). In result files that is a missing value, not a number: its
 * mean and quantiles become null (an empty CSV cell, JSON null), with `count: 0` saying why.
 * Any other non-finite number stays, for the writers to refuse as a bug (finite-check.ts).
 */
import type { Summary } from "../../replay/serving/metrics/summary.js";

/** A summary's statistics, null when it has no samples. */
export type OutputSummary = { [K in keyof Summary]: K extends "count" ? number : number | null };

/** `result` with every summary of no samples written as nulls (see above). */
export function withMissingAsNull<T extends object>(
  result: T,
): { [K in keyof T]: T[K] extends Summary ? OutputSummary : T[K] } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result)) out[k] = isEmptySummary(v) ? emptySummary() : v;
  return out as { [K in keyof T]: T[K] extends Summary ? OutputSummary : T[K] };
}

function isEmptySummary(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  const s = v as Partial<Summary>;
  return s.count === 0 && "mean" in s && "p50" in s && "p90" in s && "p99" in s;
}

function emptySummary(): OutputSummary {
  return { mean: null, p50: null, p90: null, p99: null, count: 0 };
}
