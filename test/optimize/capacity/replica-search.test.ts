/** The replica search finds the smallest count that meets, for any threshold, and reports misses. */
import { describe, expect, it } from "vitest";
import { searchReplicas } from "../../../src/optimize/capacity/replica-search.js";

describe("searchReplicas", () => {
  it("finds the threshold of any monotone test, and replays the count one below it", () => {
    for (let need = 1; need <= 70; need++) {
      const tried: number[] = [];
      const s = searchReplicas(64, (n) => {
        tried.push(n);
        return { meets: n >= need, result: n };
      });
      if (need > 64) continue;
      expect(s.found?.replicas, `need ${need}`).toBe(need);
      expect(s.found?.meets).toBe(true);
      if (need > 1)
        expect(s.oneFewer).toEqual({ replicas: need - 1, meets: false, result: need - 1 });
      else expect(s.oneFewer).toBeUndefined();
      // Doubling then bisection: a logarithmic number of replays, none twice.
      expect(new Set(tried).size).toBe(tried.length);
      expect(tried.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(64)) + 2);
    }
  });

  it("returns the largest count tried when nothing up to the limit meets", () => {
    const s = searchReplicas(10, (n) => ({ meets: false, result: n }));
    expect(s.found).toBeUndefined();
    expect(s.best.replicas).toBe(10);
    expect(s.trials.map((t) => t.replicas)).toEqual([1, 2, 4, 8, 10]);
  });
});
