/**
 * Speculative decoding priced per emitted token: acceptance 0 only adds the verification and
 * drafting overhead; acceptance 1 emits k+1 tokens per target step.
 */
import { describe, expect, it } from "vitest";
import { costAtClock } from "../../../../src/hardware/cost/cost-at-clock.js";
import { speculativeDecodeCost } from "../../../../src/replay/serving/cost/speculative-cost.js";
import { decodeOps, getModel } from "../../../../src/workload/model/index.js";
import { tokensPerStep } from "../../../../src/workload/model/speculative.js";
import { InputError } from "../../../../src/input/input-error.js";
import { h100 } from "../helpers.js";

const target = getModel("llama3-8b");
// A 4-layer, 1024-wide drafter with the target's vocabulary (an assumption for the test).
const draft = {
  ...target,
  name: "draft",
  layers: 4,
  hidden: 1024,
  heads: 8,
  kvHeads: 8,
  ffn: 4096,
};
const at = { batch: 16, context: 2048, freqMHz: 1980 };
const plain = costAtClock(
  h100,
  decodeOps(target, { contexts: { batch: 16, context: 2048 } }).ops,
  1980,
);

describe("speculative decoding", () => {
  it("expected tokens per step: 1 at acceptance 0, k+1 at 1, (1-a^(k+1))/(1-a) between", () => {
    expect(tokensPerStep({ k: 4, acceptance: 0 })).toBe(1);
    expect(tokensPerStep({ k: 4, acceptance: 1 })).toBe(5);
    expect(tokensPerStep({ k: 3, acceptance: 0.5 })).toBeCloseTo((1 - 0.5 ** 4) / 0.5, 12);
    // Per position: 1 + 0.9 + 0.9 x 0.5.
    expect(tokensPerStep({ k: 2, acceptance: [0.9, 0.5] })).toBeCloseTo(2.35, 12);
    expect(() => tokensPerStep({ k: 2, acceptance: [0.9] })).toThrow(InputError);
    expect(() => tokensPerStep({ k: 2, acceptance: 1.5 })).toThrow(InputError);
  });

  it("acceptance 0 is slower than plain decoding by the verification and drafting overhead", () => {
    const c = speculativeDecodeCost(h100, target, { ...at, k: 4, acceptance: 0, draft });
    expect(c.tokensPerStep).toBe(1);
    expect(c.itlPerTokenS).toBe(c.verifyTimeS + c.draftTimeS);
    expect(c.verifyTimeS).toBeGreaterThan(plain.timeS);
    expect(c.draftTimeS).toBeGreaterThan(0);
    expect(c.itlPerTokenS).toBeGreaterThan(plain.timeS);
    expect(c.energyPerTokenJ).toBeGreaterThan(plain.energyJ / 16);
  });

  it("acceptance 1 with k drafts: 1/(k+1) target steps per output token, faster than plain", () => {
    for (const k of [1, 3, 5]) {
      const c = speculativeDecodeCost(h100, target, { ...at, k, acceptance: 1, draft });
      expect(c.targetStepsPerToken).toBe(1 / (k + 1));
      expect(c.itlPerTokenS).toBeCloseTo(c.stepTimeS / (k + 1), 15);
    }
    const c = speculativeDecodeCost(h100, target, { ...at, k: 3, acceptance: 1, draft });
    expect(c.itlPerTokenS).toBeLessThan(plain.timeS);
    expect(c.energyPerTokenJ).toBeLessThan(plain.energyJ / 16);
  });

  it("a free drafter (n-gram) costs only the verification", () => {
    const c = speculativeDecodeCost(h100, target, { ...at, k: 2, acceptance: 0.5 });
    expect(c.draftTimeS).toBe(0);
    expect(c.stepTimeS).toBe(c.verifyTimeS);
  });
});
