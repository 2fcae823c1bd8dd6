/**
 * Levenberg-Marquardt least squares with a forward-difference Jacobian: minimise sum r_i(x)^2.
 * Small and dense (tens of parameters, hundreds of residuals) - the size of a profile fit.
 */
export interface LmOptions {
  maxIterations?: number;
  /** Stop when an accepted step lowers the cost by less than this fraction (flat valleys crawl). */
  tolerance?: number;
  initialDamping?: number;
}

export interface LmResult {
  x: number[];
  cost: number;
  iterations: number;
}

export function levenbergMarquardt(
  residuals: (x: readonly number[]) => number[],
  x0: readonly number[],
  options: LmOptions = {},
): LmResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  let damping = options.initialDamping ?? 1e-3;
  let x = [...x0];
  let r = residuals(x);
  let cost = sumSquares(r);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const jac = jacobian(residuals, x, r);
    const { jtj, jtr } = normalEquations(jac, r);
    let accepted = false;
    while (damping < 1e12) {
      const a = jtj.map((row, i) => row.map((v, j) => (i === j ? v + damping * (v || 1) : v)));
      const step = solve(
        a,
        jtr.map((v) => -v),
      );
      const xNew = x.map((v, i) => v + (step[i] as number));
      const rNew = residuals(xNew);
      const costNew = sumSquares(rNew);
      if (Number.isFinite(costNew) && costNew < cost) {
        const drop = (cost - costNew) / Math.max(cost, 1e-300);
        x = xNew;
        r = rNew;
        cost = costNew;
        damping = Math.max(damping / 3, 1e-12);
        accepted = true;
        if (drop < tolerance) return { x, cost, iterations: iterations + 1 };
        break;
      }
      damping *= 4;
    }
    if (!accepted) break;
  }
  return { x, cost, iterations };
}

function sumSquares(r: readonly number[]): number {
  let s = 0;
  for (const v of r) s += v * v;
  return s;
}

function jacobian(
  f: (x: readonly number[]) => number[],
  x: readonly number[],
  r0: readonly number[],
): number[][] {
  const cols: number[][] = [];
  for (let j = 0; j < x.length; j++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[j] as number));
    const xh = [...x];
    xh[j] = (xh[j] as number) + h;
    const rh = f(xh);
    cols.push(rh.map((v, i) => (v - (r0[i] as number)) / h));
  }
  return cols; // column-major: cols[j][i] = d r_i / d x_j
}

function normalEquations(cols: number[][], r: readonly number[]) {
  const n = cols.length;
  const jtj = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const jtr = new Array<number>(n).fill(0);
  for (let a = 0; a < n; a++) {
    const ca = cols[a] as number[];
    let s = 0;
    for (let i = 0; i < r.length; i++) s += (ca[i] as number) * (r[i] as number);
    jtr[a] = s;
    for (let b = a; b < n; b++) {
      const cb = cols[b] as number[];
      let t = 0;
      for (let i = 0; i < ca.length; i++) t += (ca[i] as number) * (cb[i] as number);
      (jtj[a] as number[])[b] = t;
      (jtj[b] as number[])[a] = t;
    }
  }
  return { jtj, jtr };
}

/** Gaussian elimination with partial pivoting. */
function solve(aIn: number[][], bIn: number[]): number[] {
  const n = bIn.length;
  const a = aIn.map((row) => [...row]);
  const b = [...bIn];
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) {
      if (Math.abs(a[i]![c]!) > Math.abs(a[p]![c]!)) p = i;
    }
    [a[c], a[p]] = [a[p]!, a[c]!];
    [b[c], b[p]] = [b[p]!, b[c]!];
    const pivot = a[c]![c]!;
    if (Math.abs(pivot) < 1e-300) continue;
    for (let i = c + 1; i < n; i++) {
      const m = a[i]![c]! / pivot;
      if (m === 0) continue;
      for (let j = c; j < n; j++) a[i]![j]! -= m * a[c]![j]!;
      b[i]! -= m * b[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let j = i + 1; j < n; j++) s -= a[i]![j]! * x[j]!;
    const d = a[i]![i]!;
    x[i] = Math.abs(d) < 1e-300 ? 0 : s / d;
  }
  return x;
}
