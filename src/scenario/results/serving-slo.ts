/**
 * A serving sweep seen through its scenario's SLO: which points meet it (p90 TTFT and p90 TPOT
 * at or under their targets, the figures `sloCheck` reports), and the frontier among those only,
 * beside the frontier of all points. A point that breaks the SLO is no answer to "lowest energy".
 */
import { dominates, paretoFrontier, type Axes } from "../../frontier/index.js";
import type { ServingPointResult, ServingSweep } from "../../optimize/serving/sweep-serving.js";
import type { ServingResult, Slo } from "../../replay/serving/metrics/metrics.js";

export interface ServingSloView {
  /** Whether the scenario has an SLO (without one every point meets it). */
  filtered: boolean;
  /** meetsSlo[i]: whether sweep.points[i] meets the SLO. */
  meetsSlo: boolean[];
  defaultMeetsSlo: boolean;
  /** Frontier among SLO-meeting points (by latency ascending), and membership per point. */
  frontier: ServingPointResult[];
  onFrontier: boolean[];
  /** The frontier of all points, SLO or not. */
  frontierAll: ServingPointResult[];
  onFrontierAll: boolean[];
  /** Some SLO-meeting point beats the default on both costs. */
  defaultDominated: boolean;
}

const AXES: Axes<ServingPointResult> = { x: (p) => p.latencyS, y: (p) => p.energy };

export function meetsSlo(slo: Slo | undefined, r: ServingResult): boolean {
  if (slo === undefined) return true;
  return (
    (slo.ttftS === undefined || r.ttftS.p90 <= slo.ttftS) &&
    (slo.tpotS === undefined || !(r.tpotS.p90 > slo.tpotS))
  );
}

export function servingSloView(slo: Slo | undefined, sweep: ServingSweep): ServingSloView {
  const meets = sweep.points.map((p) => meetsSlo(slo, p.result));
  const frontier = paretoFrontier(
    sweep.points.filter((_, i) => meets[i]),
    AXES,
  );
  const on = new Set(frontier);
  return {
    filtered: slo !== undefined,
    meetsSlo: meets,
    defaultMeetsSlo: meetsSlo(slo, sweep.defaultPoint.result),
    frontier,
    onFrontier: sweep.points.map((p) => on.has(p)),
    frontierAll: sweep.frontier,
    onFrontierAll: sweep.onFrontier,
    defaultDominated: sweep.points.some(
      (p, i) => meets[i] === true && dominates(p, sweep.defaultPoint, AXES),
    ),
  };
}
