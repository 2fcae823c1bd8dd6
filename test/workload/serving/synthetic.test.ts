import { deviation, mean } from "d3-array";
import { inputError } from "../../input/input-error-helpers.js";
import { describe, expect, it } from "vitest";
import {
  syntheticTrace,
  traceStats,
  type SyntheticSpec,
} from "../../../src/workload/serving/index.js";
import { SLICE_CSV } from "./helpers.js";
import { loadTrace } from "../../../src/workload/serving/index.js";

const BASE: SyntheticSpec = {
  seed: 42,
  arrivals: { kind: "poisson", ratePerS: 5 },
  lengths: {
    input: { kind: "uniform", min: 10, max: 2000 },
    output: { kind: "fixed", tokens: 128 },
  },
  count: 500,
};

function gaps(arrivals: number[]): number[] {
  return arrivals.slice(1).map((a, i) => a - (arrivals[i] as number));
}

describe("syntheticTrace", () => {
  it("same seed, same trace; another seed, another trace", () => {
    const a = syntheticTrace(BASE);
    expect(syntheticTrace(BASE)).toEqual(a);
    const b = syntheticTrace({ ...BASE, seed: 43 });
    expect(b.requests.map((r) => r.arrivalS)).not.toEqual(a.requests.map((r) => r.arrivalS));
    expect(b.requests.map((r) => r.inputTokens)).not.toEqual(a.requests.map((r) => r.inputTokens));
  });

  it("changing the length distribution leaves arrival times unchanged, and the reverse", () => {
    const a = syntheticTrace(BASE);
    const b = syntheticTrace({
      ...BASE,
      lengths: {
        input: { kind: "lognormal", median: 800, sigma: 1 },
        output: { kind: "normal", mean: 200, sd: 50 },
      },
    });
    expect(b.requests.map((r) => r.arrivalS)).toEqual(a.requests.map((r) => r.arrivalS));
    expect(b.requests.map((r) => r.inputTokens)).not.toEqual(a.requests.map((r) => r.inputTokens));
    const c = syntheticTrace({ ...BASE, arrivals: { kind: "gamma", ratePerS: 5, cv: 3 } });
    expect(c.requests.map((r) => r.inputTokens)).toEqual(a.requests.map((r) => r.inputTokens));
  });

  it("Poisson: mean inter-arrival time within 3% of 1/rate over 20k requests", () => {
    const t = syntheticTrace({
      ...BASE,
      count: 20_000,
      arrivals: { kind: "poisson", ratePerS: 8 },
    });
    const g = gaps(t.requests.map((r) => r.arrivalS));
    expect(Math.abs(mean(g)! * 8 - 1)).toBeLessThan(0.03);
    // Exponential gaps have CV 1.
    expect(Math.abs(deviation(g)! / mean(g)! - 1)).toBeLessThan(0.05);
    expect(t.requests.map((r) => r.id)).toEqual([...Array(20_000).keys()]);
  });

  it.each([0.5, 2, 4])("Gamma: CV %d within 5%, mean gap within 3%", (cv) => {
    const t = syntheticTrace({
      ...BASE,
      count: 20_000,
      arrivals: { kind: "gamma", ratePerS: 2, cv },
    });
    const g = gaps(t.requests.map((r) => r.arrivalS));
    expect(Math.abs(mean(g)! * 2 - 1)).toBeLessThan(0.03 * Math.max(1, cv));
    expect(Math.abs(deviation(g)! / mean(g)! / cv - 1)).toBeLessThan(0.05);
  });

  it("all-at-zero puts every request at t = 0", () => {
    const t = syntheticTrace({ ...BASE, arrivals: { kind: "all-at-zero" }, count: 2000 });
    expect(t.requests.every((r) => r.arrivalS === 0)).toBe(true);
    expect(t.requests).toHaveLength(2000);
  });

  it("durationS bounds arrivals to [0, durationS); with count, the first limit wins", () => {
    const t = syntheticTrace({ ...BASE, count: undefined, durationS: 100 });
    const s = traceStats(t);
    expect(t.requests.at(-1)!.arrivalS).toBeLessThan(100);
    expect(s.count).toBeGreaterThan(400);
    expect(s.count).toBeLessThan(600);
    expect(syntheticTrace({ ...BASE, count: 10, durationS: 1e6 }).requests).toHaveLength(10);
  });

  it("length distributions: whole numbers >= 1 with the requested centre", () => {
    const t = syntheticTrace({
      ...BASE,
      count: 20_000,
      lengths: {
        input: { kind: "lognormal", median: 1000, sigma: 0.8 },
        output: { kind: "normal", mean: 3, sd: 10 },
      },
    });
    const s = traceStats(t);
    expect(Math.abs(s.input.p50 / 1000 - 1)).toBeLessThan(0.05);
    expect(t.requests.every((r) => Number.isInteger(r.outputTokens) && r.outputTokens >= 1)).toBe(
      true,
    );
    const u = syntheticTrace({
      ...BASE,
      count: 5000,
      lengths: { input: { kind: "uniform", min: 3, max: 5 }, output: { kind: "fixed", tokens: 1 } },
    });
    expect(new Set(u.requests.map((r) => r.inputTokens))).toEqual(new Set([3, 4, 5]));
  });

  it("resample draws (input, output) pairs jointly from a trace", () => {
    const slice = loadTrace({ file: SLICE_CSV, format: "azure" });
    const pairs = new Set(slice.requests.map((r) => `${r.inputTokens},${r.outputTokens}`));
    const t = syntheticTrace({ ...BASE, count: 3000, lengths: { resample: slice.requests } });
    expect(t.requests.every((r) => pairs.has(`${r.inputTokens},${r.outputTokens}`))).toBe(true);
    const s = traceStats(t);
    expect(Math.abs(s.input.p50 / 1041 - 1)).toBeLessThan(0.1);
  });

  it.each([
    [{ arrivals: { kind: "poisson", ratePerS: 0 } }, "arrivals.ratePerS"],
    [{ arrivals: { kind: "gamma", ratePerS: 1, cv: -1 } }, "arrivals.cv"],
    [{ arrivals: { kind: "weibull" } }, "arrivals.kind"],
    [{ arrivals: { kind: "all-at-zero" }, count: undefined, durationS: 10 }, "count"],
    [{ count: undefined }, "count"],
    [{ count: 0 }, "count"],
    [{ durationS: -1 }, "durationS"],
    [
      { count: undefined, durationS: 1e9, arrivals: { kind: "poisson", ratePerS: 1e6 } },
      "durationS",
    ],
    [{ count: undefined, durationS: 1e-9 }, "durationS"],
    [
      { lengths: { input: { kind: "fixed", tokens: 0 }, output: { kind: "fixed", tokens: 1 } } },
      "lengths.input.tokens",
    ],
    [
      {
        lengths: {
          input: { kind: "fixed", tokens: 1 },
          output: { kind: "uniform", min: 5, max: 2 },
        },
      },
      "lengths.output.max",
    ],
    [
      {
        lengths: {
          input: { kind: "lognormal", median: 0, sigma: 1 },
          output: { kind: "fixed", tokens: 1 },
        },
      },
      "lengths.input.median",
    ],
    [{ lengths: { resample: [] } }, "lengths.resample"],
  ])("bad spec %j names its path", (patch, path) => {
    const e = inputError(() => syntheticTrace({ ...BASE, ...(patch as Partial<SyntheticSpec>) }));
    expect([e.code, e.path]).toEqual(["VALUE", path]);
  });
});

describe("syntheticTrace: diurnal arrivals", () => {
  const spec = (amplitude: number): SyntheticSpec => ({
    seed: 11,
    arrivals: { kind: "diurnal", ratePerS: 20, amplitude, periodS: 400, peakAtS: 100 },
    lengths: { input: { kind: "fixed", tokens: 10 }, output: { kind: "fixed", tokens: 10 } },
    durationS: 4000,
  });

  it("follows the rate's shape: each tenth of the cycle gets its share of the integral", () => {
    const a = 0.6;
    const times = syntheticTrace(spec(a)).requests.map((r) => r.arrivalS);
    // Expected arrivals in [t0, t1) of each cycle: integral of 20 (1 + a cos(2 pi (t - 100) / 400)).
    const integral = (t: number) =>
      20 * (t + ((a * 400) / (2 * Math.PI)) * Math.sin((2 * Math.PI * (t - 100)) / 400));
    for (let k = 0; k < 10; k++) {
      const [t0, t1] = [40 * k, 40 * (k + 1)];
      const n = times.filter((t) => t % 400 >= t0 && t % 400 < t1).length;
      const expected = 10 * (integral(t1) - integral(t0)); // ten cycles
      // Poisson counts of ~300-1300: within 4 standard deviations.
      expect(Math.abs(n - expected), `tenth ${k}`).toBeLessThan(4 * Math.sqrt(expected));
    }
    // Mean rate kept: 20/s over 4,000 s.
    expect(Math.abs(times.length - 80_000)).toBeLessThan(4 * Math.sqrt(80_000));
  });

  it("amplitude 0 is a plain Poisson rate; amplitude 1 or more is bad input naming it", () => {
    const flat = syntheticTrace(spec(0)).requests.length;
    expect(Math.abs(flat - 80_000)).toBeLessThan(4 * Math.sqrt(80_000));
    expect(inputError(() => syntheticTrace(spec(1))).message).toMatch(
      /arrivals\.amplitude: must be at least 0 and below 1/,
    );
  });
});
