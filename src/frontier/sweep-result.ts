/**
 * The one path every sweep takes to its answer (estimate, serving, training baselines): the
 * points in sweep order, their Pareto frontier, which of them are on it, and where the default
 * setting sits (dominated if some swept point beats it on both costs).
 */
import { dominates, paretoFrontier, type Axes } from "./pareto.js";

export interface SweepResult<P> {
  /** In the order the sweep lists them. */
  points: P[];
  /** Non-dominated points, by the first cost ascending. */
  frontier: P[];
  /** onFrontier[i]: whether points[i] is on the frontier. */
  onFrontier: boolean[];
  /** The device (or engine) at its defaults; not necessarily one of the points. */
  defaultPoint: P;
  /** Whether some swept point beats the default on both costs. */
  defaultDominated: boolean;
}

export function sweepResult<P>(points: P[], defaultPoint: P, axes: Axes<P>): SweepResult<P> {
  const frontier = paretoFrontier(points, axes);
  const on = new Set(frontier);
  return {
    points,
    frontier,
    onFrontier: points.map((p) => on.has(p)),
    defaultPoint,
    defaultDominated: points.some((p) => dominates(p, defaultPoint, axes)),
  };
}
