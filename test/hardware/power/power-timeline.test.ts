import { fsum } from "d3-array";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PowerTimeline } from "../../../src/hardware/power/power-timeline.js";
import { SegmentKind } from "../../../src/hardware/power/segment-kind.js";

const { Busy, Idle, Overhead, Blocking } = SegmentKind;

describe("PowerTimeline", () => {
  it("totals energy per kind for all its devices, bins it and keeps its peak", () => {
    const p = new PowerTimeline({ originS: 10, scale: 2 });
    p.add(10, 10.5, 100, Idle);
    p.add(10.5, 12, 400, Busy);
    p.add(12, 12.25, 150, Overhead);
    expect(p.endS).toBe(12.25);
    expect(p.energyJ(Idle)).toBe(100);
    expect(p.energyJ(Busy)).toBe(1200);
    expect(p.energyJ(Overhead)).toBe(75);
    expect(p.energyJ(Blocking)).toBe(0);
    expect(p.energyJ()).toBe(1375);
    expect([...p.binEnergiesJ()]).toEqual([100 + 400, 800, 75]);
    expect(p.peakInstantW).toBe(800);
    expect(p.maxPowerW(Busy)).toBe(400);
    expect(p.maxPowerW(Overhead)).toBe(150);
  });

  it("keeps segments (equal neighbours merged) and their step function", () => {
    const p = new PowerTimeline({ scale: 2 });
    p.add(0, 1, 100, Blocking);
    p.add(1, 2, 300, Busy);
    p.add(2, 3, 300, Busy);
    p.add(3, 4, 300, Blocking);
    expect(p.segments()).toEqual([
      { startS: 0, endS: 1, powerW: 200, kind: Blocking },
      { startS: 1, endS: 3, powerW: 600, kind: Busy },
      { startS: 3, endS: 4, powerW: 600, kind: Blocking },
    ]);
    expect(p.steps()).toEqual({ tS: [0, 1, 4], powerW: [200, 600] });
  });

  it("keeps totals but no segments when told not to", () => {
    const p = new PowerTimeline({ keepSegments: false });
    p.add(0, 2, 100, Idle);
    expect(p.energyJ()).toBe(200);
    expect(() => p.segments()).toThrow(/does not keep/);
    expect(() => p.steps()).toThrow(/does not keep/);
  });

  it("takes contiguous segments only", () => {
    const p = new PowerTimeline();
    p.add(0, 1, 500, Busy);
    p.add(1, 1, 900, Busy); // empty: ignored
    expect(() => p.add(0.5, 2, 500, Busy)).toThrow(RangeError);
    expect(() => p.add(1.5, 2, 500, Busy)).toThrow(RangeError);
    expect(p.peakInstantW).toBe(500);
  });

  it("sums timelines: exact energies per kind, bins, steps; the peak bounds the sum's", () => {
    const a = new PowerTimeline({ scale: 2 });
    a.add(0, 1.5, 100, Busy);
    a.add(1.5, 3, 50, Idle);
    const b = new PowerTimeline();
    b.add(0, 0.5, 80, Idle);
    b.add(0.5, 2, 300, Busy);
    const sum = PowerTimeline.sum([a, b]);
    expect(sum.endS).toBe(3);
    expect(sum.energyJ(Busy)).toBe(300 + 450);
    expect(sum.energyJ(Idle)).toBe(150 + 40);
    expect(sum.energyJ()).toBe(a.energyJ() + b.energyJ());
    expect([...sum.binEnergiesJ()]).toEqual([200 + 40 + 150, 100 + 50 + 300, 100]);
    expect(sum.steps()).toEqual({
      tS: [0, 0.5, 1.5, 2, 3],
      powerW: [280, 500, 400, 100],
    });
    expect(sum.peakInstantW).toBe(500);
    expect(() => sum.add(3, 4, 1, Busy)).toThrow(/read-only/);
    expect(() => sum.segments()).toThrow(/steps, not kinds/);
    expect(() => PowerTimeline.sum([a, new PowerTimeline({ originS: 1 })])).toThrow(/origin/);
  });
});

describe("PowerTimeline window queries", () => {
  const windowed = (fillPowerW: number, windowS: number) => {
    const p = new PowerTimeline();
    p.keepWindow(windowS, fillPowerW);
    return p;
  };

  it("integrates one device's recent segments; time outside them is fill", () => {
    const p = new PowerTimeline({ scale: 8 });
    p.keepWindow(10, 100);
    p.add(0, 1, 500, Busy);
    p.add(1, 2, 100, Idle);
    p.add(2, 3, 300, Busy);
    expect(p.windowStats(0, 3).energyJ).toBeCloseTo(500 + 100 + 300, 9);
    expect(p.windowStats(-1, 0).energyJ).toBeCloseTo(100, 9); // before the first: fill
    expect(p.windowStats(3, 4).energyJ).toBeCloseTo(100, 9); // after the last: fill
    const s = p.windowStats(0.5, 2.5);
    expect(s.busyS).toBeCloseTo(1, 12);
    expect(s.idleJ).toBeCloseTo(100, 9);
    expect(s.energyJ).toBeCloseTo(250 + 100 + 150, 9);
  });

  it("counts an empty timeline as fill power, once", () => {
    const p = windowed(100, 10);
    expect(p.windowStats(0, 2)).toEqual({ busyS: 0, idleJ: 200, energyJ: 200 });
    p.add(0, 1, 300, Busy);
    expect(p.windowStats(-2, 3).energyJ).toBeCloseTo(200 + 300 + 200, 9);
  });

  it("needs keepWindow before the first segment", () => {
    const p = new PowerTimeline();
    expect(() => p.windowStats(0, 1)).toThrow(/keepWindow/);
    p.add(0, 1, 300, Busy);
    expect(() => p.keepWindow(1, 100)).toThrow(/before the first segment/);
  });

  it("matches a direct sum over random timelines, also after pruning and compaction", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 0.01, noNaN: true }),
            fc.double({ min: 1e-4, max: 0.02, noNaN: true }),
            fc.double({ min: 50, max: 900, noNaN: true }),
          ),
          { minLength: 1, maxLength: 9000 },
        ),
        (segs) => {
          const keepS = 0.5;
          const p = windowed(80, keepS);
          p.add(0, 1e-3, 80, Idle);
          let t = 1e-3;
          for (const [gap, dur, w] of segs) {
            p.add(t, t + gap, 80, Idle);
            t += gap;
            p.add(t, t + dur, w, Busy);
            t += dur;
          }
          const from = Math.max(0, t - keepS);
          const direct = fsum(
            p.segments(),
            (s) => s.powerW * Math.max(0, Math.min(s.endS, t) - Math.max(s.startS, from)),
          );
          expect(p.windowStats(from, t).energyJ).toBeCloseTo(direct, 6);
        },
      ),
      { numRuns: 20 },
    );
  });
});
