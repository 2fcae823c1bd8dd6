/**
 * The profile figures a fit may move, each with its bounds, and the transform between the
 * profile's value and the unbounded variable the least-squares solver works on:
 *   value = lo + (hi - lo) * sigmoid(z)            (linear scale)
 *   value = exp(ln lo + (ln hi - ln lo) * sigmoid(z)) (log scale, for figures spanning decades)
 */
import type { HardwareProfile } from "../profile/profile.js";
import type { MeasurementSet } from "./measurement.js";

export interface FitParameter {
  /** Dotted path in the resolved profile, e.g. "power.dynamicW". */
  path: string;
  lo: number;
  hi: number;
  log: boolean;
  /**
   * Where the fit starts and what a weak prior pulls towards: an assumption derived from the
   * profile's spec figures only (never from earlier fitted values), so rerunning a fit on its
   * own output gives the same figures.
   */
  prior: number;
}

export function getPath(obj: object, path: string): number {
  let cur: unknown = obj;
  for (const key of path.split(".")) cur = (cur as Record<string, unknown>)[key];
  if (typeof cur !== "number") throw new Error(`profile has no number at ${path}`);
  return cur;
}

export function setPath(obj: object, path: string, value: number): void {
  const keys = path.split(".");
  let cur = obj as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    cur[key] ??= {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1] as string] = value;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (u: number) => Math.log(u / (1 - u));

export function toValue(p: FitParameter, z: number): number {
  const u = sigmoid(z);
  return p.log
    ? Math.exp(Math.log(p.lo) + (Math.log(p.hi) - Math.log(p.lo)) * u)
    : p.lo + (p.hi - p.lo) * u;
}

export function toVariable(p: FitParameter, value: number): number {
  const clamped = Math.min(Math.max(value, p.lo), p.hi);
  const u = p.log
    ? (Math.log(clamped) - Math.log(p.lo)) / (Math.log(p.hi) - Math.log(p.lo))
    : (clamped - p.lo) / (p.hi - p.lo);
  return logit(Math.min(Math.max(u, 1e-6), 1 - 1e-6));
}

/**
 * Which figures the data can pin down, with priors scaled from the part's power limit and clocks. Kernel rows with known FLOPs and bytes fit the timing
 * efficiencies and the power model; opaque rows (unknown work, many clocks) fit the power model
 * and the V-f curve, while timing efficiencies stay as they are (they trade off against the
 * unknown work).
 */
export function parametersFor(profile: HardwareProfile, data: MeasurementSet): FitParameter[] {
  const grid = profile.clocks.smMHz;
  const fMin = grid[0] as number;
  const fMax = grid[grid.length - 1] as number;
  const tdpW = profile.powerLimit?.maxW ?? 1000;
  const minV = profile.voltage.minV;
  const params: FitParameter[] = [
    // Busy static power ~10% of the limit; full-activity dynamic power ~1.2x it (big GEMMs run
    // capped on modern parts); HBM3 ~4 pJ/bit (~30 pJ per byte).
    { path: "power.constantW", lo: 1, hi: tdpW, log: false, prior: 0.1 * tdpW },
    { path: "power.dynamicW", lo: 10, hi: 5 * tdpW, log: true, prior: 1.2 * tdpW },
    { path: "power.baseActivity", lo: 0, hi: 2, log: false, prior: 0.15 },
    { path: "power.memoryJPerByte", lo: 1e-13, hi: 1e-9, log: true, prior: 3e-11 },
    { path: "voltage.maxV", lo: minV * 1.02, hi: 2, log: false, prior: minV * 1.4 },
  ];
  const kernels = data.rows.flatMap((r) => (r.type === "kernel" ? [r] : []));
  if (data.rows.some((r) => r.type === "opaque")) {
    // Locked-clock sweeps see power across the whole clock range, so they can place the knee;
    // kernel rows at default settings only see the top of the range and cannot.
    params.push(
      { path: "voltage.kneeMHz", lo: fMin, hi: fMax - 1, log: false, prior: 0.6 * fMax },
      { path: "power.leakageW", lo: 0, hi: tdpW, log: false, prior: 0.08 * tdpW },
      {
        path: "timing.memoryIssueKneeMHz",
        lo: fMin / 2,
        hi: 2 * fMax,
        log: true,
        prior: 0.5 * fMax,
      },
    );
  }
  if (kernels.length > 0) {
    params.push(
      { path: "timing.memoryEfficiency", lo: 0.3, hi: 1, log: false, prior: 0.85 },
      { path: "timing.launchOverheadS", lo: 1e-7, hi: 1e-4, log: true, prior: 4e-6 },
      { path: "timing.overlapExponent", lo: 1, hi: 20, log: true, prior: 4 },
    );
  }
  const has = (kind: string) => kernels.some((r) => r.op.kind === kind);
  if (has("gemm")) {
    params.push(
      { path: "timing.efficiency.gemm.max", lo: 0.2, hi: 1, log: false, prior: 0.9 },
      { path: "timing.efficiency.gemm.halfFlops", lo: 1e5, hi: 1e12, log: true, prior: 3e9 },
    );
  }
  if (has("attention")) {
    params.push({
      path: "timing.efficiency.attention.max",
      lo: 0.05,
      hi: 1,
      log: false,
      prior: 0.55,
    });
  }
  if (has("elementwise")) {
    params.push({ path: "power.vectorActivity", lo: 0, hi: 100, log: false, prior: 2 });
  }
  const tensorDtypes = new Set(
    kernels.filter((r) => r.op.kind === "gemm" || r.op.kind === "attention").map((r) => r.op.dtype),
  );
  for (const dtype of [...tensorDtypes].sort()) {
    // bf16 is the reference activity (1 by convention); other dtypes are relative to it.
    if (dtype !== "bf16") {
      params.push({ path: `power.tensorActivity.${dtype}`, lo: 0.2, hi: 5, log: true, prior: 1 });
    }
  }
  return params;
}
