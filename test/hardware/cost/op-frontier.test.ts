import { describe, expect, it } from "vitest";
import { dominates } from "../../../src/frontier/pareto.js";
import { knobPoints, opFrontier } from "../../../src/hardware/cost/op-frontier.js";
import { decodeOps, getModel } from "../../../src/workload/model/index.js";
import { a100, gemm, h100 } from "../helpers.js";

const decode = decodeOps(getModel("llama3-8b"), { contexts: { batch: 64, context: 1024 } }).ops;

describe("opFrontier", () => {
  it("every frontier point is non-dominated among all knob settings", () => {
    for (const [profile, work] of [
      [h100, decode],
      [h100, [gemm(8192, 8192, 8192)]],
      [a100, [gemm(4096, 4096, 4096)]],
    ] as const) {
      const all = knobPoints(profile, work);
      const front = opFrontier(profile, work);
      expect(front.length).toBeGreaterThan(1);
      for (const p of front) expect(all.some((q) => dominates(q, p))).toBe(false);
    }
  });

  it("tries every clock of the grid and every 25 W cap", () => {
    const all = knobPoints(h100, decode);
    expect(all.filter((p) => p.lockedMHz !== undefined).length).toBe(h100.clocks.smMHz.length);
    expect(all.filter((p) => p.powerCapW !== undefined).length).toBe((700 - 200) / 25 + 1);
  });

  it("spans from the fastest setting to an energy optimum at an interior clock", () => {
    const front = opFrontier(a100, [gemm(8192, 8192, 8192)]);
    const fastest = front[0]!;
    const frugal = front[front.length - 1]!;
    expect(fastest.freqMHz).toBe(1410);
    expect(frugal.freqMHz).toBeGreaterThan(210);
    expect(frugal.freqMHz).toBeLessThan(1410);
    expect(frugal.energyJ).toBeLessThan(fastest.energyJ * 0.9);
  });
});
