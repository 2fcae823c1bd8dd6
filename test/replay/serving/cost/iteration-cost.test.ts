/**
 * The fast iteration pricing equals the foundation cost model on the same mix:
 * costAtClock(mixedStepOps(...)) at every clock, for random mixes and TP degrees.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costAtClock } from "../../../../src/hardware/cost/cost-at-clock.js";
import { IterationCostModel } from "../../../../src/replay/serving/cost/iteration-cost.js";
import { mixedStepOps, getModel } from "../../../../src/workload/model/index.js";
import type { Op } from "../../../../src/hardware/op.js";
import { resolveModel } from "../../../../src/workload/model/resolve-model.js";
import { h100, llama8b, rel } from "../helpers.js";

const mixArb = fc.record({
  prefill: fc.array(
    fc.record({
      tokens: fc.integer({ min: 1, max: 2048 }),
      contextTokens: fc.integer({ min: 0, max: 6000 }),
      finishing: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
  decodeContexts: fc.array(fc.integer({ min: 1, max: 8000 }), { maxLength: 300 }),
  clock: fc.integer({ min: 0, max: h100.clocks.smMHz.length - 1 }),
  tp: fc.constantFrom(1, 2, 4, 8),
});

describe("IterationCostModel", () => {
  it("equals costAtClock(mixedStepOps(...)) within 1e-9 on random mixes (ideal decode kernel)", () => {
    const models = new Map<number, IterationCostModel>();
    fc.assert(
      fc.property(mixArb, ({ prefill, decodeContexts, clock, tp }) => {
        fc.pre(prefill.length + decodeContexts.length > 0);
        let m = models.get(tp);
        if (m === undefined) {
          m = new IterationCostModel(h100, llama8b, tp, 16384, 512);
          models.set(tp, m);
        }
        const freqMHz = h100.clocks.smMHz[clock] as number;
        const fast = m.costAt(m.mixOfParts(prefill, decodeContexts), clock);
        const step = mixedStepOps(llama8b, { prefill, decodeContexts, tp });
        const ref = costAtClock(h100, step.ops, freqMHz);
        expect(rel(fast.timeS, ref.timeS)).toBeLessThan(1e-9);
        expect(rel(fast.energyJ, ref.energyJ)).toBeLessThan(1e-9);
        expect(fast.freqMHz).toBe(freqMHz);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it("with an engine's decode kernel, equals mixedStepOps on the same kernel", () => {
    const kernel = { memoryEfficiency: 0.4, vectorFlopsPerScore: 800 };
    const m = new IterationCostModel(h100, llama8b, 1, 8192, 512, kernel);
    const decodeContexts = [300, 1200, 77, 4096];
    const prefill = [{ tokens: 500, contextTokens: 100 }];
    const ops: Op[] = mixedStepOps(llama8b, { prefill, decodeContexts, decodeKernel: kernel }).ops;
    const ideal = mixedStepOps(llama8b, { prefill, decodeContexts }).ops;
    for (const clock of [0, 40, 109]) {
      const f = h100.clocks.smMHz[clock] as number;
      const ref = costAtClock(h100, ops, f);
      const fast = m.costAt(m.mixOfParts(prefill, decodeContexts), clock);
      expect(rel(fast.timeS, ref.timeS)).toBeLessThan(1e-9);
      expect(rel(fast.energyJ, ref.energyJ)).toBeLessThan(1e-9);
      // The engine's kernel is slower and draws more than an ideal one.
      expect(ref.timeS).toBeGreaterThan(costAtClock(h100, ideal, f).timeS);
    }
  });

  it("works for an MHA model and TP beyond the KV heads", () => {
    const gpt3 = getModel("gpt3-175b");
    const m = new IterationCostModel(h100, gpt3, 8, 4096, 64);
    const mix = { prefill: [{ tokens: 100, contextTokens: 20 }], decodeContexts: [50, 60] };
    const ref = costAtClock(h100, mixedStepOps(gpt3, { ...mix, tp: 8 }).ops, 1980);
    const fast = m.costAt(m.mixOfParts(mix.prefill, mix.decodeContexts), m.clockIndex(1980));
    expect(rel(fast.energyJ, ref.energyJ)).toBeLessThan(1e-9);
  });

  it("prices an MoE model (Qwen3-30B-A3B, fp8 weights and cache) as mixedStepOps does", () => {
    const qwen = {
      ...resolveModel("hf:Qwen/Qwen3-30B-A3B"),
      weightDtype: "fp8" as const,
      kvDtype: "fp8" as const,
    };
    for (const tp of [1, 2]) {
      const m = new IterationCostModel(h100, qwen, tp, 4096, 64);
      const mix = { prefill: [{ tokens: 300, contextTokens: 20 }], decodeContexts: [50, 60, 7000] };
      const ref = costAtClock(h100, mixedStepOps(qwen, { ...mix, tp }).ops, 1500);
      const fast = m.costAt(m.mixOfParts(mix.prefill, mix.decodeContexts), m.clockIndex(1500));
      expect(rel(fast.timeS, ref.timeS)).toBeLessThan(1e-9);
      expect(rel(fast.energyJ, ref.energyJ)).toBeLessThan(1e-9);
    }
  });
});

describe("IterationCostModel's shared tables", () => {
  const mix = { prefill: [{ tokens: 700, contextTokens: 0 }], decodeContexts: [400, 900] };
  const price = (m: IterationCostModel, clock: number) =>
    m.costAt(m.mixOfParts(mix.prefill, mix.decodeContexts), clock);

  it("give a second replay of equal content (other objects) the same numbers", () => {
    const clock = 60;
    const first = price(new IterationCostModel(h100, llama8b, 2, 8192, 512), clock);
    const copy = structuredClone(h100);
    const second = price(
      new IterationCostModel(copy, structuredClone(llama8b), 2, 8192, 512),
      clock,
    );
    expect(second).toEqual(first);
  });

  it("never give one profile's numbers to another of the same name", () => {
    const clock = h100.clocks.smMHz.length - 1;
    price(new IterationCostModel(h100, llama8b, 1, 8192, 512), clock);
    const hotter = { ...h100, power: { ...h100.power, dynamicW: h100.power.dynamicW * 1.5 } };
    const fast = price(new IterationCostModel(hotter, llama8b, 1, 8192, 512), clock);
    const f = h100.clocks.smMHz[clock] as number;
    const ref = costAtClock(hotter, mixedStepOps(llama8b, mix).ops, f);
    expect(rel(fast.energyJ, ref.energyJ)).toBeLessThan(1e-9);
    expect(fast.energyJ).toBeGreaterThan(
      costAtClock(h100, mixedStepOps(llama8b, mix).ops, f).energyJ,
    );
  });
});
