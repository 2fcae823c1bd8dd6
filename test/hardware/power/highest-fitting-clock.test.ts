/**
 * The one clock search: the highest index whose cost fits, the lowest (over the cap) when none
 * does; a hint (the last answer) changes how many pricings it takes, never the answer.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highestFittingClock } from "../../../src/hardware/power/highest-fitting-clock.js";

describe("highestFittingClock", () => {
  it("finds the highest fitting index with or without a hint, in few pricings near the hint", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: -1, max: 130 }),
        fc.integer({ min: -5, max: 130 }),
        (ceiling, threshold, hint) => {
          // Power rises with the index: indices <= threshold fit.
          let priced = 0;
          const costAt = (i: number) => {
            priced++;
            return i;
          };
          const fits = (i: number) => i <= threshold;
          const plain = highestFittingClock(ceiling, costAt, fits);
          const hinted = highestFittingClock(ceiling, costAt, fits, hint);
          const want = Math.min(ceiling, Math.max(0, threshold));
          for (const r of [plain, hinted]) {
            expect(r.index).toBe(want);
            expect(r.cost).toBe(want);
            expect(r.capBound).toBe(threshold < ceiling);
            expect(r.capUnreachable).toBe(threshold < 0);
          }
          return priced > 0;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("a hint next to the answer takes a handful of pricings, not log2(grid)", () => {
    let priced = 0;
    const costAt = (i: number) => (priced++, i);
    highestFittingClock(109, costAt, (i) => i <= 70, 71);
    expect(priced).toBeLessThanOrEqual(4);
  });
});
