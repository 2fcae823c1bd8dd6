import { describe, expect, it } from "vitest";
import { withMissingAsNull } from "../../../src/scenario/results/missing-metrics.js";

describe("withMissingAsNull", () => {
  it("writes a summary without samples as nulls and leaves everything else", () => {
    const full = { mean: 1, p50: 1, p90: 2, p99: 3, count: 4 };
    const out = withMissingAsNull({
      ttftS: full,
      itlS: { mean: NaN, p50: NaN, p90: NaN, p99: NaN, count: 0 },
      requests: 4,
      other: NaN,
    });
    expect(out.ttftS).toBe(full);
    expect(out.itlS).toEqual({ mean: null, p50: null, p90: null, p99: null, count: 0 });
    expect(out.requests).toBe(4);
    // Not a summary: left for the writers to refuse as a bug.
    expect(out.other).toBeNaN();
  });
});
