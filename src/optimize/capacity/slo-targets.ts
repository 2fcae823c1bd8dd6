/**
 * Capacity SLOs as operators state them: percentiles of TTFT and TPOT over the whole trace, any
 * subset of p90/p99 (s). A deployment meets them when every stated percentile is at or under
 * its target.
 */
import type { ServingResult } from "../../replay/serving/metrics/metrics.js";

export interface PercentileSlo {
  ttftP90S?: number;
  ttftP99S?: number;
  tpotP90S?: number;
  tpotP99S?: number;
}

export interface SloVerdict {
  meets: boolean;
  /** Each stated target with the measured value, worst ratio first. */
  checks: { metric: keyof PercentileSlo; targetS: number; measuredS: number }[];
}

const MEASURED: Record<keyof PercentileSlo, (r: ServingResult) => number> = {
  ttftP90S: (r) => r.ttftS.p90,
  ttftP99S: (r) => r.ttftS.p99,
  tpotP90S: (r) => r.tpotS.p90,
  tpotP99S: (r) => r.tpotS.p99,
};

export function judgeSlo(slo: PercentileSlo, r: ServingResult): SloVerdict {
  const checks = (Object.keys(MEASURED) as (keyof PercentileSlo)[])
    .filter((k) => slo[k] !== undefined)
    .map((metric) => ({ metric, targetS: slo[metric]!, measuredS: MEASURED[metric](r) }));
  checks.sort((a, b) => b.measuredS / b.targetS - a.measuredS / a.targetS);
  // NaN (no request produced the metric) never meets a target.
  const meets = checks.every((c) => c.measuredS <= c.targetS);
  return { meets, checks };
}
