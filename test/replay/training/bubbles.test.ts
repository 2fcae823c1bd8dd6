/**
 * Pipeline bubbles of the schedules with uniform stages, against the published formulas.
 * T_F = 1 and T_B = 2 (a backward costs two forwards) unless said; ZB-H1 uses T_F = T_B = T_W.
 */
import { describe, expect, it } from "vitest";
import { replayIteration } from "../../../src/replay/training/index.js";
import {
  gpipeSchedule,
  interleaved1F1BSchedule,
  oneFOneBSchedule,
  zbH1Schedule,
} from "../../../src/workload/training/index.js";
import { kindCosts, relErr } from "../../workload/training/helpers.js";

const shapes: [number, number][] = [
  [4, 8],
  [8, 12],
  [8, 32],
  [4, 4],
];
const opts = { pBlockingW: 50 };

function bubbleFraction(r: { timeS: number; devices: { busyFraction: number }[] }): number[] {
  return r.devices.map((d) => 1 - d.busyFraction);
}

describe("bubble fractions with uniform stages", () => {
  it.each(shapes)("1F1B and GPipe, p=%i m=%i: (p-1)/(m+p-1) on every stage", (p, m) => {
    const want = (p - 1) / (m + p - 1);
    for (const build of [oneFOneBSchedule, gpipeSchedule]) {
      for (const tb of [1, 2]) {
        const dag = build({ stages: p, microbatches: m });
        const r = replayIteration(dag, kindCosts(dag, { forward: 1, backward: tb }), 1410, opts);
        for (const f of bubbleFraction(r)) expect(Math.abs(f - want)).toBeLessThan(1e-12);
      }
    }
  });

  it.each(shapes.filter(([p, m]) => m % p === 0))(
    "interleaved 1F1B, p=%i m=%i: bubble / ideal time = (p-1)/(v m) (Megatron)",
    (p, m) => {
      for (const v of [1, 2, 3, 4]) {
        const dag = interleaved1F1BSchedule({ stages: p, microbatches: m, chunks: v });
        // A chunk holds 1/v of the stage's layers.
        const r = replayIteration(
          dag,
          kindCosts(dag, { forward: 1 / v, backward: 2 / v }),
          1410,
          opts,
        );
        const idealS = m * 3;
        expect(relErr((r.timeS - idealS) / idealS, (p - 1) / (v * m))).toBeLessThan(1e-9);
        // The same as a fraction of the iteration: (p-1)/(v m + p-1).
        for (const f of bubbleFraction(r))
          expect(relErr(f, (p - 1) / (v * m + p - 1))).toBeLessThan(1e-9);
      }
    },
  );

  it.each(shapes)("ZB-H1, p=%i m=%i: one third of 1F1B's bubble with T_F = T_B = T_W", (p, m) => {
    const zb = zbH1Schedule({ stages: p, microbatches: m });
    const zr = replayIteration(
      zb,
      kindCosts(zb, { forward: 1, "backward-input": 1, "backward-weight": 1 }),
      1410,
      opts,
    );
    const ob = oneFOneBSchedule({ stages: p, microbatches: m });
    const or = replayIteration(ob, kindCosts(ob, { forward: 1, backward: 2 }), 1410, opts);
    const idealS = 3 * m;
    // Tolerance 1e-9: with uniform stages the schedule reaches (p-1)(T_F + T_B - T_W) exactly.
    expect(relErr(zr.timeS - idealS, (or.timeS - idealS) / 3)).toBeLessThan(1e-9);
    expect(zr.timeS - idealS).toBeCloseTo(p - 1, 9);
  });
});
