/**
 * One op's effective-energy curve over whole time units, for the Phillips-Dessouky planner:
 * effective energy = energy - P_blocking x time (what slowing an op really costs once the stage
 * would otherwise wait at P_blocking). Choices are quantized down to units, the lower convex
 * hull is taken, and the curve runs from the fastest duration to the one of least effective
 * energy (slowing past it never pays), interpolated linearly between hull vertices.
 */
import { quantizeS } from "./evaluate-plan.js";
import type { Choice } from "./plan-input.js";

export interface OpCurve {
  minUnits: number;
  maxUnits: number;
  /** Effective energy at minUnits + k (J). */
  cost: Float64Array;
  /** The real choice to run for a planned duration of minUnits + k: the least effective energy
   * among choices that are not slower than it. */
  pick: Choice[];
}

export function opCurve(
  choices: readonly Choice[],
  unitTimeS: number,
  pBlockingW: number,
): OpCurve {
  if (choices.length === 0) throw new RangeError("an op needs at least one clock choice");
  const byUnits = new Map<number, { eff: number; choice: Choice }>();
  for (const c of choices) {
    const units = Math.round(quantizeS(c.timeS, unitTimeS) / unitTimeS);
    const eff = c.energyJ - pBlockingW * units * unitTimeS;
    const prev = byUnits.get(units);
    if (prev === undefined || eff < prev.eff) byUnits.set(units, { eff, choice: c });
  }
  const pts = [...byUnits.entries()].sort((a, b) => a[0] - b[0]);
  const hull = lowerHull(pts.map(([u, v]) => [u, v.eff] as const));
  // Stop at the hull's minimum: past it, slower is also costlier.
  let last = 0;
  for (let k = 1; k < hull.length; k++) if (hull[k]![1] < hull[last]![1]) last = k;
  const vertices = hull.slice(0, last + 1);
  const minUnits = vertices[0]![0];
  const maxUnits = vertices[vertices.length - 1]![0];
  const n = maxUnits - minUnits + 1;
  const cost = new Float64Array(n);
  for (let k = 0; k + 1 < vertices.length; k++) {
    const [u0, e0] = vertices[k]!;
    const [u1, e1] = vertices[k + 1]!;
    for (let u = u0; u <= u1; u++) cost[u - minUnits] = e0 + ((e1 - e0) * (u - u0)) / (u1 - u0);
  }
  cost[n - 1] = vertices[vertices.length - 1]![1];
  const pick: Choice[] = new Array<Choice>(n);
  let best: { eff: number; choice: Choice } | undefined;
  let p = 0;
  for (let u = minUnits; u <= maxUnits; u++) {
    while (p < pts.length && pts[p]![0] <= u) {
      const cand = pts[p]![1];
      if (best === undefined || cand.eff < best.eff) best = cand;
      p++;
    }
    pick[u - minUnits] = best!.choice;
  }
  return { minUnits, maxUnits, cost, pick };
}

/** Lower convex hull of points sorted by x (Andrew's monotone chain). */
function lowerHull(points: readonly (readonly [number, number])[]): [number, number][] {
  const hull: [number, number][] = [];
  for (const [x, y] of points) {
    while (hull.length >= 2) {
      const [x1, y1] = hull[hull.length - 2]!;
      const [x2, y2] = hull[hull.length - 1]!;
      // Drop the middle point if it lies on or above the segment from (x1,y1) to (x,y).
      if ((y2 - y1) * (x - x1) >= (y - y1) * (x2 - x1)) hull.pop();
      else break;
    }
    hull.push([x, y]);
  }
  return hull;
}
