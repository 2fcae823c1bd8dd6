import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dominates, paretoFrontier } from "../../src/frontier/pareto.js";

const pointArb = fc.record({
  timeS: fc.integer({ min: 1, max: 50 }).map((x) => x / 10),
  energyJ: fc.integer({ min: 1, max: 50 }),
});

describe("paretoFrontier", () => {
  it("keeps exactly the non-dominated points, sorted by time with falling energy", () => {
    fc.assert(
      fc.property(fc.array(pointArb, { maxLength: 60 }), (points) => {
        const front = paretoFrontier(points);
        for (const p of front) expect(points.some((q) => dominates(q, p))).toBe(false);
        for (const p of points) {
          const kept = front.some((f) => f.timeS === p.timeS && f.energyJ === p.energyJ);
          const dominated = points.some((q) => dominates(q, p));
          if (!dominated) expect(kept).toBe(true);
        }
        for (let i = 1; i < front.length; i++) {
          expect(front[i]!.timeS).toBeGreaterThan(front[i - 1]!.timeS);
          expect(front[i]!.energyJ).toBeLessThan(front[i - 1]!.energyJ);
        }
      }),
    );
  });

  it("does not depend on input order", () => {
    fc.assert(
      fc.property(fc.array(pointArb, { maxLength: 40 }), (points) => {
        const a = paretoFrontier(points);
        const b = paretoFrontier([...points].reverse());
        expect(b).toEqual(a);
      }),
    );
  });
});
