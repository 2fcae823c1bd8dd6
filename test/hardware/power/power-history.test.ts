import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PowerHistory } from "../../../src/hardware/power/power-history.js";

describe("PowerHistory", () => {
  it("integrates recorded segments and fills gaps at the fill power", () => {
    const h = new PowerHistory(100, 10);
    h.record(0, 1, 500, true);
    h.record(2, 3, 300, true); // 1 s gap at 100 W
    expect(h.energyJ(0, 3)).toBeCloseTo(500 + 100 + 300, 9);
    expect(h.energyJ(-1, 0)).toBeCloseTo(100, 9); // before the first record: fill
    expect(h.energyJ(3, 4)).toBeCloseTo(100, 9); // after the last: fill
    const s = h.stats(0.5, 2.5);
    expect(s.busyS).toBeCloseTo(1, 12);
    expect(s.idleJ).toBeCloseTo(100, 9);
    expect(s.energyJ).toBeCloseTo(250 + 100 + 150, 9);
  });

  it("counts an empty history as fill power, once", () => {
    const h = new PowerHistory(100, 10);
    expect(h.stats(0, 2)).toEqual({ busyS: 0, idleJ: 200, energyJ: 200 });
    h.record(5, 6, 300, true);
    // Fill before the first record and after the last, each counted once.
    expect(h.stats(3, 8).energyJ).toBeCloseTo(200 + 300 + 200, 9);
  });

  it("rejects a segment that starts before the last one ends", () => {
    const h = new PowerHistory(100, 10);
    h.record(0, 1, 500, true);
    expect(() => h.record(0.5, 2, 500, true)).toThrow(RangeError);
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
          const h = new PowerHistory(80, keepS);
          const all: [number, number, number][] = [];
          let t = 0;
          for (const [gap, dur, p] of segs) {
            if (gap > 0) all.push([t, t + gap, 80]);
            t += gap;
            h.record(t, t + dur, p, true);
            all.push([t, t + dur, p]);
            t += dur;
          }
          const from = Math.max(0, t - keepS);
          let direct = 0;
          for (const [a, b, p] of all)
            direct += p * Math.max(0, Math.min(b, t) - Math.max(a, from));
          expect(h.energyJ(from, t)).toBeCloseTo(direct, 6);
        },
      ),
      { numRuns: 20 },
    );
  });
});
