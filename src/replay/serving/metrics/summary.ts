/** Mean and quantiles of a latency sample (R-7 quantiles, exact mean). */
import { Adder, quantileSorted } from "d3-array";

export interface Summary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  count: number;
}

const empty = (): Summary => ({ mean: NaN, p50: NaN, p90: NaN, p99: NaN, count: 0 });

export function summarize(values: Float64Array): Summary {
  return summarizeSorted(values.slice().sort());
}

/** summarize() of values already in ascending order (the caller sorted them once for more). */
export function summarizeSorted(sorted: Float64Array): Summary {
  if (sorted.length === 0) return empty();
  const sum = new Adder();
  for (const v of sorted) sum.add(v);
  return {
    mean: sum.valueOf() / sorted.length,
    p50: quantileSorted(sorted as unknown as number[], 0.5) as number,
    p90: quantileSorted(sorted as unknown as number[], 0.9) as number,
    p99: quantileSorted(sorted as unknown as number[], 0.99) as number,
    count: sorted.length,
  };
}
