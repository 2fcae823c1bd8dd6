import { describe, expect, it } from "vitest";
import { RngStream } from "../../../src/core/rng.js";
import { costAtClock } from "../../../src/hardware/cost-at-clock.js";
import { WindowedCapController } from "../../../src/hardware/windowed-cap.js";
import { CapClock } from "../../../src/replay/serving/cap-clock.js";
import { IterationCostModel } from "../../../src/replay/serving/iteration-cost.js";
import { mixedStepOps } from "../../../src/workload/model/index.js";
import { h100, llama8b } from "./helpers.js";

describe("CapClock", () => {
  it("picks the same clocks as WindowedCapController for a fixed ceiling and cap", () => {
    const grid = h100.clocks.smMHz;
    const model = new IterationCostModel(h100, llama8b, 1, 8192, 256, 1);
    for (const [capW, ceilingMHz] of [
      [700, 1980],
      [450, 1980],
      [300, 1500],
    ] as const) {
      const ref = new WindowedCapController(h100, capW, ceilingMHz);
      const ours = new CapClock(h100);
      const ceiling = grid.indexOf(ceilingMHz);
      const rng = new RngStream(`cap-${capW}`);
      let nowS = 0;
      for (let i = 0; i < 400; i++) {
        const prefill = rng.next() < 0.3 ? [{ tokens: rng.int(256, 8000) }] : [];
        const decodeContexts = Array.from({ length: rng.int(1, 128) }, () => rng.int(100, 3000));
        const ops = mixedStepOps(llama8b, { prefill, decodeContexts }).ops;
        const mix = model.mixOfParts(prefill, decodeContexts);
        const a = ref.choose(nowS, (f) => costAtClock(h100, ops, f));
        const b = ours.choose(nowS, ceiling, capW, (k) => model.costAt(mix, k));
        expect(b.cost.freqMHz).toBe(a.freqMHz);
        expect(b.capBound).toBe(a.capBound);
        for (const c of [ref, ours]) c.record(nowS, nowS + a.timeS, a.avgPowerW, true);
        nowS += a.timeS;
        if (rng.next() < 0.2) {
          const gapS = rng.uniform(0.001, 0.5);
          for (const c of [ref, ours]) c.record(nowS, nowS + gapS, h100.power.idleW, false);
          nowS += gapS;
        }
      }
    }
  });
});
