/**
 * Compare time-energy frontiers (both costs minimized): at equal time, the energy each reaches
 * (interpolated linearly between its neighbouring frontier points; held at its lowest energy
 * past its slowest point; unreachable before its fastest); at equal energy, the time each needs
 * (the same, mirrored); and which frontier wins at each grid value, with the ranges it wins over.
 */

export interface XY {
  x: number;
  y: number;
}

export interface NamedFrontier {
  name: string;
  /** Pareto points: x ascending, y descending. */
  points: readonly XY[];
}

/** One grid value: what each frontier reaches there (null: cannot), and the winner's index. */
export interface GridRow {
  at: number;
  values: (number | null)[];
  /** Index of the frontier with the lowest value; null when none reaches `at`. */
  winner: number | null;
}

export interface WinRange {
  winner: number;
  from: number;
  to: number;
}

export interface FrontierComparison {
  /** Energy at equal time (x grid). */
  atEqualX: GridRow[];
  /** Time at equal energy (y grid). */
  atEqualY: GridRow[];
  /** Consecutive x grid values with the same winner, merged. */
  winsByX: WinRange[];
}

function sortedByX(points: readonly XY[]): XY[] {
  return [...points].sort((a, b) => a.x - b.x);
}

/** The lowest y a frontier reaches with x at most `x` (interpolated), or null. */
export function yAtX(points: readonly XY[], x: number): number | null {
  const p = sortedByX(points);
  const first = p[0];
  if (first === undefined || x < first.x) return null;
  for (let i = 1; i < p.length; i++) {
    const a = p[i - 1] as XY;
    const b = p[i] as XY;
    if (x <= b.x) return b.x === a.x ? b.y : a.y + ((x - a.x) / (b.x - a.x)) * (b.y - a.y);
  }
  return (p[p.length - 1] as XY).y;
}

/** The lowest x at which a frontier reaches y at most `y` (interpolated), or null. */
export function xAtY(points: readonly XY[], y: number): number | null {
  return yAtX(
    points.map((p) => ({ x: p.y, y: p.x })),
    y,
  );
}

/** `n` evenly spaced values from `lo` to `hi` (one value when they are equal). */
export function linearGrid(lo: number, hi: number, n: number): number[] {
  if (!(hi > lo) || n < 2) return [lo];
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

function row(at: number, values: (number | null)[]): GridRow {
  let winner: number | null = null;
  values.forEach((v, i) => {
    if (v !== null && (winner === null || v < (values[winner] as number))) winner = i;
  });
  return { at, values, winner };
}

export function compareFrontiers(
  frontiers: readonly NamedFrontier[],
  gridPoints = 9,
): FrontierComparison {
  const xs = frontiers.flatMap((f) => f.points.map((p) => p.x));
  const ys = frontiers.flatMap((f) => f.points.map((p) => p.y));
  const xGrid = linearGrid(Math.min(...xs), Math.max(...xs), gridPoints);
  const yGrid = linearGrid(Math.min(...ys), Math.max(...ys), gridPoints);
  const atEqualX = xGrid.map((x) =>
    row(
      x,
      frontiers.map((f) => yAtX(f.points, x)),
    ),
  );
  const atEqualY = yGrid.map((y) =>
    row(
      y,
      frontiers.map((f) => xAtY(f.points, y)),
    ),
  );
  const winsByX: WinRange[] = [];
  for (const r of atEqualX) {
    if (r.winner === null) continue;
    const last = winsByX[winsByX.length - 1];
    if (last && last.winner === r.winner) last.to = r.at;
    else winsByX.push({ winner: r.winner, from: r.at, to: r.at });
  }
  return { atEqualX, atEqualY, winsByX };
}
