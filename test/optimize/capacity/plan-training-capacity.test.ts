/** The search over admissible counts: largest first, then bisection to the fewest that meets. */
import { describe, expect, it } from "vitest";
import { bisectCounts } from "../../../src/optimize/capacity/plan-training-capacity.js";

describe("bisectCounts", () => {
  it("finds the fewest meeting count for every threshold, and replays the one below", () => {
    for (const n of [1, 2, 5, 12]) {
      for (let threshold = 1; threshold <= n; threshold++) {
        const s = bisectCounts(n, (i) => ({ meets: i >= threshold, result: i }));
        expect(s.found?.replicas, `n ${n}, threshold ${threshold}`).toBe(threshold);
        expect(s.trials[0]!.replicas).toBe(n); // the largest first
        if (threshold > 1)
          expect(s.oneFewer).toEqual({
            replicas: threshold - 1,
            meets: false,
            result: threshold - 1,
          });
        else expect(s.oneFewer).toBeUndefined();
        // Bisection: about log2(n) replays, never one twice.
        expect(s.trials.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 2);
        expect(new Set(s.trials.map((t) => t.replicas)).size).toBe(s.trials.length);
      }
    }
  });

  it("nothing meeting is one replay of the largest count: the best there is", () => {
    const s = bisectCounts(12, (i) => ({ meets: false, result: i }));
    expect(s.found).toBeUndefined();
    expect(s.best.replicas).toBe(12);
    expect(s.trials).toHaveLength(1);
  });
});
