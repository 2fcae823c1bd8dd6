import { fsum } from "d3-array";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costAtClock } from "../../../src/hardware/cost/cost-at-clock.js";
import { opCostAt } from "../../../src/hardware/cost/cost-at-clock.js";
import { costOf } from "../../../src/hardware/cost/cost-model.js";
import { clockFactors } from "../../../src/hardware/power/power-model.js";
import { PowerTimeline } from "../../../src/hardware/power/power-timeline.js";
import { SegmentKind } from "../../../src/hardware/power/segment-kind.js";
import { decodeOps, getModel, prefillOps } from "../../../src/workload/model/index.js";
import { opsOf, type Op, type Work } from "../../../src/hardware/op.js";
import { copy, gemm, h100 } from "../helpers.js";

const llama = getModel("llama3-8b");
const prefill = prefillOps(llama, { batch: 1, seqTokens: 2048 }).ops;
const decode = decodeOps(llama, { contexts: { batch: 64, context: 1024 } }).ops;
const grid = h100.clocks.smMHz;

/** Random single kernels across the shapes a step contains. */
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1, max: 16384 }),
      fc.integer({ min: 64, max: 16384 }),
      fc.integer({ min: 64, max: 16384 }),
    )
    .map(([m, n, k]) => gemm(m, n, k)),
  fc.integer({ min: 1 << 10, max: 1 << 30 }).map((b) => copy(b)),
  fc
    .tuple(fc.integer({ min: 1 << 10, max: 1 << 28 }), fc.integer({ min: 0, max: 40 }))
    .map(([n, f]): Op => ({
      name: "ew",
      kind: "elementwise",
      dtype: "bf16",
      flops: n * f,
      bytes: 4 * n,
    })),
);

/** The power timeline `work` draws at one clock: each op (its repetitions back to back) in turn. */
function timelineOf(work: Work, freqMHz: number): PowerTimeline {
  const clock = clockFactors(h100, freqMHz);
  const power = new PowerTimeline();
  power.keepWindow(Infinity, h100.power.idleW);
  for (const op of opsOf(work)) {
    const c = opCostAt(h100, op, clock);
    power.add(power.endS, power.endS + c.timeS * (op.count ?? 1), c.powerW, SegmentKind.Busy);
  }
  return power;
}

describe("cost model", () => {
  it("energy of a step equals the integral of its power timeline (rel < 1e-9)", () => {
    for (const work of [prefill, decode]) {
      for (const f of [345, 990, 1410, 1980]) {
        const c = costAtClock(h100, work, f);
        const power = timelineOf(work, f);
        const integral = fsum(power.segments(), (s) => s.powerW * (s.endS - s.startS));
        expect(Math.abs(integral / c.energyJ - 1)).toBeLessThan(1e-9);
        expect(Math.abs(power.energyJ() / c.energyJ - 1)).toBeLessThan(1e-9);
        // The window query the cap controller makes, over the whole step.
        const window = power.windowStats(0, c.timeS);
        expect(Math.abs(window.energyJ / c.energyJ - 1)).toBeLessThan(1e-9);
        expect(Math.abs(window.busyS / c.timeS - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it("power never rises when the locked clock is lowered", () => {
    fc.assert(
      fc.property(opArb, (op) => {
        let prev = Infinity;
        for (let i = grid.length - 1; i >= 0; i--) {
          const c = costOf(h100, op, { lockedMHz: grid[i] });
          expect(c.avgPowerW).toBeLessThanOrEqual(prev + 1e-9);
          prev = c.avgPowerW;
        }
      }),
      { numRuns: 60 },
    );
  });

  it("power never rises when the cap is lowered, and stays under it when a clock can", () => {
    fc.assert(
      fc.property(opArb, (op) => {
        let prev = Infinity;
        for (let capW = 700; capW >= 200; capW -= 25) {
          const c = costOf(h100, op, { powerCapW: capW });
          expect(c.avgPowerW).toBeLessThanOrEqual(prev + 1e-9);
          const lowest = costAtClock(h100, op, grid[0] as number);
          if (lowest.avgPowerW <= capW) expect(c.avgPowerW).toBeLessThanOrEqual(capW);
          prev = c.avgPowerW;
        }
      }),
      { numRuns: 60 },
    );
  });

  it("a cap above every power the work reaches gives byte-identical results to no cap", () => {
    // A what-if part whose limit can be raised far above what a big GEMM step draws.
    const roomy = structuredClone(h100);
    roomy.powerLimit = { ...h100.powerLimit!, maxW: 3000 };
    for (const work of [prefill, decode, [copy(1 << 28)], [gemm(8192, 8192, 8192)]]) {
      const uncapped = costAtClock(roomy, work, 1980);
      const capW = Math.ceil(uncapped.avgPowerW) + 1;
      const capped = costOf(roomy, work, { powerCapW: capW });
      const free = costOf(roomy, work, { uncapped: true });
      expect(capped.capBound).toBe(false);
      expect(JSON.stringify(capped)).toBe(JSON.stringify(free));
      expect(capped.energyJ).toBe(uncapped.energyJ);
    }
  });

  it("f_max with no cap reproduces the plain run at f_max", () => {
    const c = costOf(h100, decode, { lockedMHz: 1980, powerCapW: 700 });
    const plain = costAtClock(h100, decode, 1980);
    expect(c.capBound).toBe(false);
    expect(c.energyJ).toBe(plain.energyJ);
    expect(c.timeS).toBe(plain.timeS);
  });

  it("compute time scales ~1/f; memory-bound time barely moves with f above the issue knee", () => {
    const big = gemm(8192, 8192, 8192);
    const t1 = costAtClock(h100, big, 1980).timeS;
    const t2 = costAtClock(h100, big, 990).timeS;
    expect(t2 / t1).toBeGreaterThan(1.9);
    expect(t2 / t1).toBeLessThan(2.05);
    const mem = copy(1 << 30);
    const m1 = costAtClock(h100, mem, 1980).timeS;
    const m2 = costAtClock(h100, mem, 1200).timeS;
    expect(m2 / m1).toBeLessThan(1.01);
    const m3 = costAtClock(h100, mem, 345).timeS;
    expect(m3 / m1).toBeGreaterThan(1.2); // below the issue knee the SMs throttle HBM
  });

  it("a step costs the sum of its ops", () => {
    const parts = decode.map((op) => costAtClock(h100, op, 1410));
    const whole = costAtClock(h100, decode, 1410);
    expect(whole.timeS).toBeCloseTo(
      fsum(parts, (p) => p.timeS),
      12,
    );
    expect(whole.energyJ).toBeCloseTo(
      fsum(parts, (p) => p.energyJ),
      9,
    );
  });

  it("decode is memory-bound: locking 1200 MHz costs little time and saves energy", () => {
    const hi = costOf(h100, decode);
    const lo = costOf(h100, decode, { lockedMHz: 1200 });
    expect(lo.timeS / hi.timeS).toBeLessThan(1.15);
    expect(lo.energyJ / hi.energyJ).toBeLessThan(0.9);
  });

  it("rejects clocks off the grid and caps outside the limits", () => {
    expect(() => costOf(h100, decode, { lockedMHz: 1000 })).toThrow(/not on h100-sxm's clock grid/);
    expect(() => costOf(h100, decode, { powerCapW: 800 })).toThrow(/outside/);
    expect(() => costOf(h100, decode, { powerCapW: 150 })).toThrow(/outside/);
  });
});
