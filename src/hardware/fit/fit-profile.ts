/**
 * Fit a profile's power and timing figures to measurements by least squares on log errors
 * (time and power for kernel rows at their observed clocks; time and energy for opaque rows at
 * their locked clocks), with a weak prior pulling each figure towards its current value so that
 * figures the data cannot see stay put. Returns the fitted profile and per-row errors, including
 * leave-one-out predictions of the `estimate` command.
 */
import { costAtClock, opCostAt } from "../cost/cost-at-clock.js";
import { costOf } from "../cost/cost-model.js";
import { tensorPeakFlopsPerS, memoryBandwidthAt, sizeEfficiency } from "../cost/op-time.js";
import { clockFactors } from "../power/power-model.js";
import type { HardwareProfile } from "../profile/profile.js";
import { levenbergMarquardt } from "./levenberg-marquardt.js";
import { opaqueWork, type Measurement, type MeasurementSet } from "./measurement.js";
import {
  getPath,
  parametersFor,
  setPath,
  toValue,
  toVariable,
  type FitParameter,
} from "./fit-parameters.js";

export interface FitOptions {
  /** Fit only on rows at these clocks (opaque data); predict the rest. */
  trainClocksMHz?: readonly number[];
  /** Weight of the prior towards the starting values (per parameter, in solver units). */
  priorWeight?: number;
  leaveOneOut?: boolean;
}

export interface Errors {
  timeErr: number;
  energyErr: number;
}

export interface RowReport {
  label: string;
  line: number;
  train: boolean;
  measured: { freqMHz: number; timeS: number; energyJ: number };
  /** The model at the measured clock (what the fit sees). */
  atClock: Errors;
  /** `estimate` as a user runs it: default settings (kernels) or the locked clock (opaque). */
  predicted: Errors & { freqMHz: number; capBound: boolean; timeS: number; energyJ: number };
  /** Prediction of this row by a fit that did not see it. */
  leaveOneOut?: Errors;
}

export interface FitResult {
  profile: HardwareProfile;
  parameters: { path: string; before: number; after: number }[];
  /** Equivalent work fitted to each opaque op. */
  opaqueWork: Record<string, { flops: number; bytes: number }>;
  rows: RowReport[];
  rmsLogError: number;
}

interface Problem {
  base: HardwareProfile;
  /** A copy of base that residual evaluations overwrite. */
  scratch: HardwareProfile;
  params: FitParameter[];
  opIds: string[];
}

export function fitProfile(
  start: HardwareProfile,
  data: MeasurementSet,
  options: FitOptions = {},
): FitResult {
  const params = parametersFor(start, data);
  const opIds = [...new Set(data.rows.flatMap((r) => (r.type === "opaque" ? [r.opId] : [])))];
  const problem: Problem = {
    base: structuredClone(start),
    scratch: structuredClone(start),
    params,
    opIds,
  };
  const isTrain = (r: Measurement) =>
    options.trainClocksMHz === undefined || options.trainClocksMHz.includes(r.freqMHz);
  const train = data.rows.filter(isTrain);
  const z0 = initialVariables(problem, train);
  const priorWeight = options.priorWeight ?? 0.05;
  const solveOn = (rows: Measurement[], from: number[]) => {
    const cache: ResidualCache = { deviceKey: "", blocks: new Map() };
    return levenbergMarquardt((z) => residuals(problem, rows, z, z0, priorWeight, cache), from).x;
  };
  const z = solveOn(train, z0);
  const fitted = apply(problem, z);

  const rows: RowReport[] = data.rows.map((r) => {
    const report = reportRow(fitted.profile, fitted.works, r);
    report.train = isTrain(r);
    return report;
  });
  if (options.leaveOneOut) {
    train.forEach((held) => {
      const others = train.filter((r) => r !== held);
      const loo = apply(problem, solveOn(others, z));
      const p = reportRow(loo.profile, loo.works, held).predicted;
      const row = rows[data.rows.indexOf(held)] as RowReport;
      row.leaveOneOut = { timeErr: p.timeErr, energyErr: p.energyErr };
    });
  }
  const sq = train.map((r) => {
    const e = rows[data.rows.indexOf(r)]!.atClock;
    return Math.log1p(e.timeErr) ** 2 + Math.log1p(e.energyErr) ** 2;
  });
  return {
    profile: fitted.profile,
    parameters: params.map((p) => ({
      path: p.path,
      before: getPath(start, p.path),
      after: getPath(fitted.profile, p.path),
    })),
    opaqueWork: Object.fromEntries(fitted.works),
    rows,
    rmsLogError: Math.sqrt(sq.reduce((a, b) => a + b, 0) / Math.max(1, 2 * sq.length)),
  };
}

type Works = Map<string, { flops: number; bytes: number }>;

function apply(problem: Problem, z: readonly number[]): { profile: HardwareProfile; works: Works } {
  const profile = structuredClone(problem.base);
  return { profile, works: applyInPlace(problem, profile, z) };
}

/** Write the variables into `profile` (mutated) and return the opaque ops' works. */
function applyInPlace(problem: Problem, profile: HardwareProfile, z: readonly number[]): Works {
  problem.params.forEach((p, i) => setPath(profile, p.path, toValue(p, z[i] as number)));
  const works: Works = new Map();
  const n = problem.params.length;
  problem.opIds.forEach((id, j) => {
    works.set(id, {
      flops: toValue(FLOPS_VAR, z[n + 2 * j] as number),
      bytes: toValue(BYTES_VAR, z[n + 2 * j + 1] as number),
    });
  });
  return works;
}

const FLOPS_VAR: FitParameter = { path: "flops", lo: 1e6, hi: 1e18, log: true, prior: 1e12 };
const BYTES_VAR: FitParameter = { path: "bytes", lo: 1e3, hi: 1e14, log: true, prior: 1e9 };

function initialVariables(problem: Problem, rows: Measurement[]): number[] {
  const z = problem.params.map((p) => toVariable(p, p.prior));
  for (const id of problem.opIds) {
    const mine = rows.filter((r) => r.type === "opaque" && r.opId === id);
    const top = mine.reduce((a, b) => (b.freqMHz > a.freqMHz ? b : a), mine[0] as Measurement);
    // Start from "80% of the time is large-GEMM compute, 20% is streaming" at the top clock.
    const profile = problem.base;
    const flops =
      0.8 *
      top.timeS *
      tensorPeakFlopsPerS(profile, "bf16", top.freqMHz) *
      sizeEfficiency(profile.timing.efficiency.gemm, 1e15);
    const bytes = 0.2 * top.timeS * memoryBandwidthAt(profile, top.freqMHz);
    z.push(toVariable(FLOPS_VAR, flops), toVariable(BYTES_VAR, bytes));
  }
  return z;
}

function residuals(
  problem: Problem,
  rows: readonly Measurement[],
  z: readonly number[],
  z0: readonly number[],
  priorWeight: number,
  cache: ResidualCache,
): number[] {
  // The solver calls this hundreds of times: reuse one scratch profile instead of cloning, and
  // re-price an opaque op's rows only when the device figures or that op's own work changed
  // (most Jacobian columns move one op's work).
  const profile = problem.scratch;
  const works = applyInPlace(problem, profile, z);
  const n = problem.params.length;
  const deviceKey = z.slice(0, n).join(",");
  if (deviceKey !== cache.deviceKey) {
    cache.deviceKey = deviceKey;
    cache.blocks.clear();
  }
  const out: number[] = [];
  for (const r of rows) {
    const key =
      r.type === "opaque"
        ? `${r.label}|${works.get(r.opId)!.flops},${works.get(r.opId)!.bytes}`
        : r.label;
    let pair = cache.blocks.get(key);
    if (pair === undefined) {
      const m = modelAtClock(profile, works, r);
      pair = [Math.log(m.timeS / r.timeS), Math.log(m.energyJ / r.energyJ)];
      cache.blocks.set(key, pair);
    }
    out.push(pair[0], pair[1]);
  }
  for (let i = 0; i < n; i++) {
    out.push(priorWeight * ((z[i] as number) - (z0[i] as number)));
  }
  return out;
}

interface ResidualCache {
  deviceKey: string;
  blocks: Map<string, [number, number]>;
}

function modelAtClock(profile: HardwareProfile, works: Works, r: Measurement) {
  if (r.type === "kernel") {
    const c = opCostAt(profile, r.op, clockFactors(profile, r.freqMHz));
    return { timeS: c.timeS, energyJ: c.timeS * c.powerW };
  }
  const w = works.get(r.opId)!;
  return costAtClock(profile, opaqueWork(w.flops, w.bytes), r.freqMHz);
}

const relErr = (model: number, measured: number) => model / measured - 1;

function reportRow(profile: HardwareProfile, works: Works, r: Measurement): RowReport {
  const at = modelAtClock(profile, works, r);
  const est =
    r.type === "kernel"
      ? costOf(profile, r.op)
      : costOf(profile, opaqueWork(works.get(r.opId)!.flops, works.get(r.opId)!.bytes), {
          lockedMHz: r.freqMHz,
        });
  return {
    label: r.label,
    line: r.line,
    train: true,
    measured: { freqMHz: r.freqMHz, timeS: r.timeS, energyJ: r.energyJ },
    atClock: { timeErr: relErr(at.timeS, r.timeS), energyErr: relErr(at.energyJ, r.energyJ) },
    predicted: {
      timeErr: relErr(est.timeS, r.timeS),
      energyErr: relErr(est.energyJ, r.energyJ),
      freqMHz: est.freqMHz,
      capBound: est.capBound,
      timeS: est.timeS,
      energyJ: est.energyJ,
    },
  };
}
