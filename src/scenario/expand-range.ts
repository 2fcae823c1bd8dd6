/**
 * Sweep axes in scenarios: an explicit list, {from, to, step} (inclusive, either direction), or
 * "grid" (every clock the profile offers). Expanded values keep the order the user wrote.
 */
export type RangeSpec = readonly number[] | { from: number; to: number; step: number } | "grid";

export function expandRange(spec: RangeSpec, grid: readonly number[]): number[] {
  if (spec === "grid") return [...grid];
  if (Array.isArray(spec)) return [...spec];
  const { from, to, step } = spec as { from: number; to: number; step: number };
  const dir = to >= from ? 1 : -1;
  const n = Math.floor(Math.abs(to - from) / step + 1e-9);
  // Multiply rather than accumulate so 0.1-steps do not drift.
  return Array.from({ length: n + 1 }, (_, i) => Number((from + dir * i * step).toFixed(9)));
}

/** How many values `expandRange` gives, without building them (Infinity for a runaway range). */
export function rangeLength(spec: RangeSpec, grid: readonly number[]): number {
  if (spec === "grid") return grid.length;
  if (Array.isArray(spec)) return spec.length;
  const { from, to, step } = spec as { from: number; to: number; step: number };
  const n = Math.floor(Math.abs(to - from) / step + 1e-9);
  return Number.isFinite(n) ? n + 1 : Infinity;
}
