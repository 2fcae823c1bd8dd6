/**
 * Pareto filter for (time, energy) points: keep the points no other point beats on both. Sorted
 * by time ascending, so energy strictly decreases along the result. Ties on time keep the lower
 * energy; exact duplicates keep the first (stable), so results never depend on input order
 * beyond that.
 */
export interface TimeEnergy {
  timeS: number;
  energyJ: number;
}

export function paretoFrontier<T extends TimeEnergy>(points: readonly T[]): T[] {
  const order = points
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.timeS - b.p.timeS || a.p.energyJ - b.p.energyJ || a.i - b.i);
  const out: T[] = [];
  let bestEnergyJ = Infinity;
  for (const { p } of order) {
    if (p.energyJ < bestEnergyJ) {
      out.push(p);
      bestEnergyJ = p.energyJ;
    }
  }
  return out;
}

/** True if `a` is at least as good as `b` on both axes and strictly better on one. */
export function dominates(a: TimeEnergy, b: TimeEnergy): boolean {
  return (
    a.timeS <= b.timeS && a.energyJ <= b.energyJ && (a.timeS < b.timeS || a.energyJ < b.energyJ)
  );
}
