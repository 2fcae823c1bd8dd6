import { median } from "d3-array";
import { describe, expect, it } from "vitest";
import {
  AZURE_CONVERSATION_SHAPE,
  benchServing,
  syntheticConversation,
} from "../../src/bench/serving-bench.js";

describe("serving benchmark trace", () => {
  it("is shaped like the Azure conversation trace and the same for the same seed", () => {
    const reqs = syntheticConversation();
    expect(reqs.length).toBe(19366);
    expect(median(reqs, (r) => r.inputTokens)).toBeGreaterThan(950);
    expect(median(reqs, (r) => r.inputTokens)).toBeLessThan(1100);
    expect(median(reqs, (r) => r.outputTokens)).toBeGreaterThan(115);
    expect(median(reqs, (r) => r.outputTokens)).toBeLessThan(145);
    expect(Math.max(...reqs.map((r) => r.inputTokens))).toBeLessThanOrEqual(8192);
    const last = reqs[reqs.length - 1]?.arrivalS as number;
    expect(last).toBeGreaterThan(3300);
    expect(last).toBeLessThan(3700);
    expect(syntheticConversation(AZURE_CONVERSATION_SHAPE, 0)).toEqual(reqs);
  });

  it("replays a slice and reports its iterations (timing is `npm run bench`'s job)", () => {
    const slice = syntheticConversation({
      ...AZURE_CONVERSATION_SHAPE,
      requests: 300,
      durationS: 54,
    });
    const r = benchServing(slice);
    expect(r.requests).toBe(300);
    expect(r.iterations).toBeGreaterThan(1000);
    expect(r.iterationsPerS).toBeGreaterThan(0);
  });
});
