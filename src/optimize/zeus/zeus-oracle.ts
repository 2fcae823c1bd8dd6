/**
 * What an oracle that knows the traces picks: the (batch size, power limit) of least expected
 * Zeus cost, found by trying every one, and the time-energy Pareto frontier of all of them. Ties
 * on cost go to the faster point, then the larger power limit (Zeus' profiler keeps the first of
 * equal costs from the highest limit down), then the smaller batch.
 */
import { paretoFrontier } from "../../frontier/pareto.js";
import { zeusPoints, type ZeusPoint } from "./zeus-points.js";
import type { ZeusWorkload } from "./zeus-workload.js";

export interface ZeusOracle {
  eta: number;
  maxPowerW: number;
  points: ZeusPoint[];
  /** Ascending time, descending energy. */
  frontier: ZeusPoint[];
  optimum: ZeusPoint;
  /** b0 at the highest power limit: what the job ran before Zeus. */
  baseline: ZeusPoint;
}

export function betterZeusPoint(a: ZeusPoint, b: ZeusPoint): boolean {
  if (a.costJ !== b.costJ) return a.costJ < b.costJ;
  if (a.timeS !== b.timeS) return a.timeS < b.timeS;
  if (a.powerLimitW !== b.powerLimitW) return a.powerLimitW > b.powerLimitW;
  return a.batchSize < b.batchSize;
}

/** The least-cost point of a non-empty list. */
export function cheapest(points: readonly ZeusPoint[]): ZeusPoint {
  let best = points[0];
  if (best === undefined) throw new RangeError("cheapest: no points");
  for (const p of points) if (betterZeusPoint(p, best)) best = p;
  return best;
}

export function zeusOracle(w: ZeusWorkload, eta: number): ZeusOracle {
  const points = zeusPoints(w, eta);
  const b0 = points.filter((p) => p.batchSize === w.job.defaultBatchSize);
  const baseline = b0.reduce((hi, p) => (p.powerLimitW > hi.powerLimitW ? p : hi), b0[0]!);
  return {
    eta,
    maxPowerW: w.maxPowerW,
    points,
    frontier: paretoFrontier(points),
    optimum: cheapest(points),
    baseline,
  };
}
