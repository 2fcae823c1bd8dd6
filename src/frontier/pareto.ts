/**
 * Pareto filter over two costs that are both minimized: time and energy by default, or any pair
 * read through accessors (median ITL and J/token, say), so no metric is relabelled to fit.
 * Sorted by the first cost ascending, so the second strictly decreases along the result. Ties on
 * the first keep the lower second; exact duplicates keep the first (stable), so results never
 * depend on input order beyond that.
 */
export interface TimeEnergy {
  timeS: number;
  energyJ: number;
}

/** How to read a point's two costs, both minimized. */
export interface Axes<T> {
  x: (p: T) => number;
  y: (p: T) => number;
}

export const timeEnergyAxes: Axes<TimeEnergy> = { x: (p) => p.timeS, y: (p) => p.energyJ };

export function paretoFrontier<T extends TimeEnergy>(points: readonly T[]): T[];
export function paretoFrontier<T>(points: readonly T[], axes: Axes<T>): T[];
export function paretoFrontier<T>(
  points: readonly T[],
  axes: Axes<T> = timeEnergyAxes as unknown as Axes<T>,
): T[] {
  const order = points
    .map((p, i) => ({ p, i, x: axes.x(p), y: axes.y(p) }))
    .sort((a, b) => a.x - b.x || a.y - b.y || a.i - b.i);
  const out: T[] = [];
  let bestY = Infinity;
  for (const { p, y } of order) {
    if (y < bestY) {
      out.push(p);
      bestY = y;
    }
  }
  return out;
}

/** True if `a` is at least as good as `b` on both costs and strictly better on one. */
export function dominates(a: TimeEnergy, b: TimeEnergy): boolean;
export function dominates<T>(a: T, b: T, axes: Axes<T>): boolean;
export function dominates<T>(
  a: T,
  b: T,
  axes: Axes<T> = timeEnergyAxes as unknown as Axes<T>,
): boolean {
  const [ax, ay, bx, by] = [axes.x(a), axes.y(a), axes.x(b), axes.y(b)];
  return ax <= bx && ay <= by && (ax < bx || ay < by);
}
