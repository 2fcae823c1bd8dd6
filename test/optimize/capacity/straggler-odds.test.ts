/** Stragglers in expectation: the chance a step has a slow GPU, and the mixed step. */
import { describe, expect, it } from "vitest";
import {
  expectedStep,
  slowStepProbability,
} from "../../../src/optimize/capacity/straggler-odds.js";

describe("straggler odds", () => {
  it("a step is slow when any GPU is: 1 - (1 - rate)^gpus, accurate at tiny rates", () => {
    expect(slowStepProbability(0.5, 2)).toBeCloseTo(0.75, 12);
    expect(slowStepProbability(1e-4, 512)).toBeCloseTo(1 - (1 - 1e-4) ** 512, 12);
    // At 1e-12 per GPU the naive 1 - (1 - r)^n loses most digits; n x r is the answer.
    expect(slowStepProbability(1e-12, 1000) / 1e-9).toBeCloseTo(1, 6);
    // More GPUs, more often slow.
    expect(slowStepProbability(1e-4, 1024)).toBeGreaterThan(slowStepProbability(1e-4, 512));
  });

  it("mixes the normal and the slow step at the slow step's probability", () => {
    const e = expectedStep({ stepS: 10, energyJ: 100 }, { stepS: 15, energyJ: 120 }, 0.2);
    expect(e.stepS).toBeCloseTo(11, 12);
    expect(e.energyJ).toBeCloseTo(104, 12);
  });
});
