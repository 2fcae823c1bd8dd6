/**
 * Latency CDFs as quantiles on a fixed probability grid: the grid holds the reported percentiles
 * exactly; a CDF is non-decreasing, runs from the smallest sample to the largest, and agrees with
 * the empirical distribution of the samples within one sample; on a replica run, each metric's
 * CDF (from token times kept by the log, computed independently here) gives back the result's
 * p50/p90/p99, and the same run gives the same numbers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RngStream } from "../../../../src/core/rng.js";
import { simulateReplica } from "../../../../src/replay/serving/cluster/serve-replica.js";
import {
  CDF_PROBABILITIES,
  gridIndex,
  quantileGrid,
} from "../../../../src/replay/serving/metrics/latency-quantiles.js";
import { summarize } from "../../../../src/replay/serving/metrics/summary.js";
import type { Request } from "../../../../src/workload/serving/request.js";
import { h100, llama8b } from "../helpers.js";

/** Share of `samples` at or below x, and strictly below x. */
function shares(samples: readonly number[], x: number): [atOrBelow: number, below: number] {
  const n = samples.length;
  return [samples.filter((v) => v <= x).length / n, samples.filter((v) => v < x).length / n];
}

/** The CDF's checks against the samples it came from. */
function expectCdfOf(samples: readonly number[], grid: readonly number[]) {
  const n = samples.length;
  const sorted = [...samples].sort((a, b) => a - b);
  expect(grid).toHaveLength(CDF_PROBABILITIES.length);
  for (let i = 1; i < grid.length; i++) expect(grid[i]).toBeGreaterThanOrEqual(grid[i - 1]!);
  expect(grid[0]).toBe(sorted[0]);
  expect(grid[grid.length - 1]).toBe(sorted[n - 1]);
  // The quantile at p: at least p of the samples at or below it, at most p strictly below, each
  // within one sample (1/n): R-7 interpolates between neighbouring order statistics.
  CDF_PROBABILITIES.forEach((p, i) => {
    const [atOrBelow, below] = shares(samples, grid[i]!);
    expect(atOrBelow).toBeGreaterThanOrEqual(p - 1 / n - 1e-12);
    expect(below).toBeLessThanOrEqual(p + 1 / n + 1e-12);
  });
}

describe("the probability grid", () => {
  it("runs from 0 to 1, ascending, and holds p50, p90 and p99 exactly", () => {
    expect(CDF_PROBABILITIES[0]).toBe(0);
    expect(CDF_PROBABILITIES.at(-1)).toBe(1);
    for (let i = 1; i < CDF_PROBABILITIES.length; i++)
      expect(CDF_PROBABILITIES[i]).toBeGreaterThan(CDF_PROBABILITIES[i - 1]!);
    for (const p of [0.5, 0.9, 0.99, 0.999]) expect(CDF_PROBABILITIES).toContain(p);
    // Resolution: 0.01 up to 0.99, finer in the tail.
    expect(CDF_PROBABILITIES).toHaveLength(103);
    expect(() => gridIndex(0.123)).toThrow(RangeError);
  });
});

describe("quantileGrid", () => {
  it("is NaN throughout without samples", () => {
    expect(quantileGrid(new Float64Array()).every(Number.isNaN)).toBe(true);
  });

  it("is a CDF of any sample, and its 0.5/0.9/0.99 are summarize()'s percentiles", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (xs) => {
          const sorted = Float64Array.from(xs).sort();
          const grid = quantileGrid(sorted);
          expectCdfOf(xs, grid);
          const s = summarize(Float64Array.from(xs));
          expect(grid[gridIndex(0.5)]).toBe(s.p50);
          expect(grid[gridIndex(0.9)]).toBe(s.p90);
          expect(grid[gridIndex(0.99)]).toBe(s.p99);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});

/** 150 Poisson arrivals at 5/s with lognormal-ish lengths (queues, chunked prefills, idle gaps). */
function trace(): Request[] {
  const rng = new RngStream("latency-cdf");
  let t = 0;
  return Array.from({ length: 150 }, (_, id) => {
    t += rng.exponential(5);
    const inputTokens = Math.min(6000, Math.max(1, Math.round(500 * Math.exp(rng.normal(0, 0.9)))));
    const outputTokens = Math.max(1, Math.round(60 * Math.exp(rng.normal(0, 0.9))));
    return { id, arrivalS: t, inputTokens, outputTokens };
  });
}

describe("a replica run's latency CDFs", () => {
  const requests = trace();
  const run = () =>
    simulateReplica(requests, {
      hardware: h100,
      model: llama8b,
      maxNumSeqs: 32,
      maxNumBatchedTokens: 2048,
      keepTokenTimes: true,
    });
  const { result, log } = run();
  const q = result.latencyQuantilesS;
  // The samples, from the token times the log kept.
  const times = requests.map((r) => log.tokenTimes![r.id]!);
  const ttft = requests.map((r, i) => times[i]![0]! - r.arrivalS);
  const e2e = requests.map((r, i) => times[i]!.at(-1)! - r.arrivalS);
  const multi = requests.filter((r) => r.outputTokens > 1);
  const tpot = multi.map((r) => {
    const ts = times[r.id]!;
    return (ts.at(-1)! - ts[0]!) / (ts.length - 1);
  });
  const itl = times.flatMap((ts) => ts.slice(1).map((t, k) => t - ts[k]!));

  it("gives back each metric's reported p50, p90 and p99", () => {
    for (const m of ["ttftS", "tpotS", "itlS", "e2eS"] as const) {
      const grid = q[m];
      expect(grid[gridIndex(0.5)], `${m} p50`).toBe(result[m].p50);
      expect(grid[gridIndex(0.9)], `${m} p90`).toBe(result[m].p90);
      expect(grid[gridIndex(0.99)], `${m} p99`).toBe(result[m].p99);
    }
  });

  it("is the CDF of the requests' (and token gaps') latencies", () => {
    expect(result.requests).toBe(requests.length);
    expect(itl.length).toBe(result.itlS.count);
    // Token times are sums of step times: the gaps agree with the log's to rounding.
    const close = (grid: readonly number[], samples: number[]) => {
      const exact = quantileGrid(Float64Array.from(samples).sort());
      grid.forEach((v, i) => expect(v).toBeCloseTo(exact[i]!, 9));
    };
    expectCdfOf(ttft, q.ttftS);
    expectCdfOf(e2e, q.e2eS);
    close(q.tpotS, tpot);
    close(q.itlS, itl);
    // The distribution is wide: a CDF, not a constant.
    expect(q.ttftS.at(-1)!).toBeGreaterThan(2 * q.ttftS[gridIndex(0.5)]!);
  });

  it("is the same, byte for byte, on a second run", () => {
    expect(JSON.stringify(run().result.latencyQuantilesS)).toBe(JSON.stringify(q));
  });
});
