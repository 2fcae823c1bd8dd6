/**
 * Synthetic traces. Arrivals come from the RNG stream "arrivals" and lengths from "lengths",
 * each seeded from the scenario seed and the stream name, so changing the length distribution
 * leaves arrival times unchanged (and the reverse).
 */
import { deriveSeed, RngStream } from "../../core/rng.js";
import { InputError } from "../../input/input-error.js";
import type { Trace } from "./request.js";
import { arrivalTimes, type ArrivalSpec } from "./synthetic-arrivals.js";
import { drawLengths, type LengthDist, type LengthsSpec } from "./synthetic-lengths.js";

/** A guard against a typo (rate 1e9 for an hour) filling memory. */
export const MAX_SYNTHETIC_REQUESTS = 10_000_000;

export interface SyntheticSpec {
  seed: number | string;
  arrivals: ArrivalSpec;
  lengths: LengthsSpec;
  /** Number of requests. At least one of count and durationS is required. */
  count?: number;
  /** Generate arrivals in [0, durationS). */
  durationS?: number;
  name?: string;
}

function fail(detail: string, path: string): never {
  throw new InputError(detail, { path, code: "VALUE" });
}

/** Specs come from scenario files, where a field the distribution needs may be missing. */
function present(x: number | undefined, path: string): number {
  if (x === undefined) fail("is required", path);
  return x;
}

function positive(x: number, path: string): void {
  if (!(Number.isFinite(present(x, path)) && x > 0))
    fail(`must be a finite number > 0, got ${x}`, path);
}

function checkDist(d: LengthDist, path: string): void {
  const whole = (x: number, p: string) => {
    if (!(Number.isSafeInteger(present(x, p)) && x >= 1))
      fail(`must be a whole number >= 1, got ${x}`, p);
  };
  const finite = (x: number, p: string, min: number) => {
    if (!(Number.isFinite(present(x, p)) && x >= min))
      fail(`must be a finite number >= ${min}, got ${x}`, p);
  };
  switch (d.kind) {
    case "fixed":
      return whole(d.tokens, `${path}.tokens`);
    case "uniform":
      whole(d.min, `${path}.min`);
      whole(d.max, `${path}.max`);
      if (d.max < d.min) fail(`must be >= min (${d.min}), got ${d.max}`, `${path}.max`);
      return;
    case "normal":
      finite(d.mean, `${path}.mean`, 0);
      return finite(d.sd, `${path}.sd`, 0);
    case "lognormal":
      finite(d.median, `${path}.median`, 1);
      return finite(d.sigma, `${path}.sigma`, 0);
    case "histogram":
      if (!(d.bins?.length > 0 && d.bins.some((b) => b.count > 0)))
        fail("the histogram has no requests", `${path}.bins`);
      return;
    default:
      fail(`unknown distribution '${String((d as { kind: unknown }).kind)}'`, `${path}.kind`);
  }
}

function checkSpec(s: SyntheticSpec): void {
  const a = s.arrivals;
  if (a.kind === "poisson" || a.kind === "gamma" || a.kind === "diurnal")
    positive(a.ratePerS, "arrivals.ratePerS");
  if (a.kind === "diurnal") {
    if (!(a.amplitude >= 0 && a.amplitude < 1))
      fail(`must be at least 0 and below 1, got ${a.amplitude}`, "arrivals.amplitude");
    if (a.periodS !== undefined) positive(a.periodS, "arrivals.periodS");
    if (a.peakAtS !== undefined && !(a.peakAtS >= 0 && a.peakAtS < Infinity))
      fail(`must be a finite time >= 0, got ${a.peakAtS}`, "arrivals.peakAtS");
  }
  if (a.kind === "gamma") {
    positive(a.cv, "arrivals.cv");
    // The gap distribution's shape 1/cv^2 and scale cv^2/rate must be usable numbers.
    const shape = 1 / (a.cv * a.cv);
    const scale = (a.cv * a.cv) / a.ratePerS;
    if (!(shape > 0 && shape < Infinity && scale > 0 && scale < Infinity)) {
      fail(`cv ${a.cv} at rate ${a.ratePerS} gives no usable gamma distribution`, "arrivals.cv");
    }
  }
  if (!["poisson", "gamma", "diurnal", "all-at-zero"].includes(a.kind)) {
    fail(`unknown arrival process '${String((a as { kind: unknown }).kind)}'`, "arrivals.kind");
  }
  if (s.count === undefined && s.durationS === undefined) {
    fail("give count or durationS", "count");
  }
  if (s.count !== undefined && !(Number.isSafeInteger(s.count) && s.count >= 1)) {
    fail(`must be a whole number >= 1, got ${s.count}`, "count");
  }
  if (s.count !== undefined && s.count > MAX_SYNTHETIC_REQUESTS) {
    fail(`at most ${MAX_SYNTHETIC_REQUESTS} requests, got ${s.count}`, "count");
  }
  if (s.durationS !== undefined) positive(s.durationS, "durationS");
  if (a.kind === "all-at-zero" && s.count === undefined) {
    fail("all-at-zero arrivals need count (durationS does not bound them)", "count");
  }
  if ("resample" in s.lengths) {
    if (s.lengths.resample.length === 0) fail("the trace to resample is empty", "lengths.resample");
  } else {
    checkDist(s.lengths.input, "lengths.input");
    checkDist(s.lengths.output, "lengths.output");
  }
}

export function syntheticTrace(spec: SyntheticSpec): Trace {
  checkSpec(spec);
  const arrivalsRng = new RngStream(deriveSeed(spec.seed, "arrivals"));
  const lengthsRng = new RngStream(deriveSeed(spec.seed, "lengths"));
  const times = arrivalTimes(spec.arrivals, arrivalsRng, spec, MAX_SYNTHETIC_REQUESTS);
  if (times === "too-many") {
    fail(
      `would generate more than ${MAX_SYNTHETIC_REQUESTS} requests; lower the rate or durationS`,
      "durationS",
    );
  }
  if (times === "overflow")
    fail("arrival times overflow: the rate is too small", "arrivals.ratePerS");
  if (times.length === 0) {
    fail(
      `no arrival before durationS = ${spec.durationS} s; raise the rate or durationS`,
      "durationS",
    );
  }
  const lengths = drawLengths(spec.lengths, lengthsRng, times.length);
  return {
    name: spec.name ?? `synthetic-${spec.arrivals.kind}`,
    requests: times.map((arrivalS, id) => ({
      id,
      arrivalS,
      ...(lengths[id] as { inputTokens: number; outputTokens: number }),
    })),
    skippedTooLong: 0,
    unsortedRows: 0,
  };
}
