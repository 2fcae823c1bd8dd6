import { quantileSorted } from "d3-array";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WeightedSamples } from "../../../../src/replay/serving/metrics/weighted-samples.js";

describe("WeightedSamples", () => {
  it("gives d3's quantileSorted and the mean of the expanded samples", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 20 })),
          { minLength: 1, maxLength: 50 },
        ),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
        (runs, ps) => {
          const w = new WeightedSamples();
          const expanded: number[] = [];
          for (const [v, k] of runs) {
            w.add(v, k);
            for (let i = 0; i < k; i++) expanded.push(v);
          }
          expanded.sort((a, b) => a - b);
          const qs = [0, 0.5, 0.9, 0.99, 1, ...ps];
          const got = w.quantiles(qs);
          qs.forEach((p, i) => expect(got[i]).toBe(quantileSorted(expanded, p)));
          expect(w.count).toBe(expanded.length);
          const mean = expanded.reduce((a, b) => a + b, 0) / expanded.length;
          expect(Math.abs(w.mean() - mean)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it("is NaN when empty", () => {
    expect(new WeightedSamples().quantiles([0.5])).toEqual([NaN]);
  });
});
