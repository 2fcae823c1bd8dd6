import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { Simulator } from "../../src/core/index.js";

interface Ran {
  timeS: number;
  priority: number;
  order: number;
}

const eventArb = fc.record({
  // Few distinct values so ties in time and priority are common.
  timeS: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 10, noNaN: true })),
  priority: fc.integer({ min: -2, max: 2 }),
  cancel: fc.boolean(),
});

describe("Simulator ordering property", () => {
  it("runs random schedules in nondecreasing (time, priority, insertion) order", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 200 }), (events) => {
        const sim = new Simulator();
        const ran: Ran[] = [];
        const expected: Ran[] = [];
        events.forEach((e, order) => {
          const h = sim.scheduleAt(
            e.timeS,
            (s) => {
              expect(s.nowS).toBe(e.timeS);
              ran.push({ timeS: e.timeS, priority: e.priority, order });
            },
            e.priority,
          );
          if (e.cancel) h.cancel();
          else expected.push({ timeS: e.timeS, priority: e.priority, order });
        });
        sim.run();
        expected.sort((a, b) => a.timeS - b.timeS || a.priority - b.priority || a.order - b.order);
        expect(ran).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the order when handlers schedule more events while running", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.integer({ min: 0, max: 2 })),
          {
            minLength: 1,
            maxLength: 50,
          },
        ),
        (delays) => {
          const sim = new Simulator();
          const ranS: number[] = [];
          let next = 0;
          const spawn = (s: Simulator): void => {
            ranS.push(s.nowS);
            const d = delays[next++ % delays.length];
            if (d !== undefined && next < 300) s.schedule(d[0], spawn, d[1]);
          };
          for (const [d, p] of delays) sim.schedule(d, spawn, p);
          sim.run();
          for (let i = 1; i < ranS.length; i++) {
            expect(ranS[i]).toBeGreaterThanOrEqual(ranS[i - 1] as number);
          }
        },
      ),
    );
  });
});
