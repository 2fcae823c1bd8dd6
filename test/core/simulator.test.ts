import { describe, it, expect } from "vitest";
import { SimulationError, Simulator } from "../../src/core/index.js";

describe("Simulator ordering", () => {
  it("runs events by time, then priority, then FIFO", () => {
    const sim = new Simulator();
    const log: string[] = [];
    const note = (label: string) => () => log.push(`${label}@${sim.nowS}`);
    sim.schedule(2, note("late"));
    sim.schedule(1, note("p1-first"), 1);
    sim.schedule(1, note("p0"), 0);
    sim.schedule(1, note("p1-second"), 1);
    sim.schedule(1, note("p-neg"), -5);
    sim.scheduleAt(0.5, note("early"));
    sim.run();
    expect(log).toEqual(["early@0.5", "p-neg@1", "p0@1", "p1-first@1", "p1-second@1", "late@2"]);
    expect(sim.nowS).toBe(2);
  });

  it("runs zero-delay events scheduled from a handler after those already due", () => {
    const sim = new Simulator();
    const log: string[] = [];
    sim.schedule(1, (s) => {
      log.push("a");
      s.schedule(0, () => log.push("c"));
    });
    sim.schedule(1, () => log.push("b"));
    sim.run();
    expect(log).toEqual(["a", "b", "c"]);
  });

  it("passes the simulator to handlers", () => {
    const sim = new Simulator();
    let seen: Simulator | undefined;
    sim.schedule(0, (s) => (seen = s));
    sim.run();
    expect(seen).toBe(sim);
  });
});

describe("Simulator cancellation", () => {
  it("never runs cancelled events", () => {
    const sim = new Simulator();
    const log: number[] = [];
    const h = sim.schedule(1, () => log.push(1));
    sim.schedule(2, () => log.push(2));
    expect(h.cancel()).toBe(true);
    expect(h.cancelled).toBe(true);
    expect(h.timeS).toBe(1);
    expect(sim.pendingCount).toBe(1);
    sim.run();
    expect(log).toEqual([2]);
  });

  it("treats a second cancel, or a cancel after running, as a no-op", () => {
    const sim = new Simulator();
    const h = sim.schedule(1, () => undefined);
    h.cancel();
    expect(h.cancel()).toBe(false);
    expect(sim.pendingCount).toBe(0);
    const ran = sim.schedule(1, () => undefined);
    sim.run();
    expect(ran.cancel()).toBe(false);
    expect(ran.cancelled).toBe(false);
    expect(sim.pendingCount).toBe(0);
  });

  it("cancels from inside a handler, including an event at the same time", () => {
    const sim = new Simulator();
    const log: string[] = [];
    const later = sim.schedule(5, () => log.push("later"));
    sim.schedule(1, () => {
      log.push("first");
      later.cancel();
      same.cancel();
    });
    const same = sim.schedule(1, () => log.push("same"));
    sim.run();
    expect(log).toEqual(["first"]);
    expect(sim.nowS).toBe(1);
  });

  it("lets a handler cancel itself harmlessly", () => {
    const sim = new Simulator();
    const self = sim.schedule(1, () => {
      expect(self.cancel()).toBe(false);
    });
    sim.run();
    expect(self.cancelled).toBe(false);
  });
});

describe("Simulator run/step/stop", () => {
  it("run(until) runs events at or before until, then sets the clock to until", () => {
    const sim = new Simulator();
    const log: number[] = [];
    for (const t of [1, 2, 3, 4]) sim.scheduleAt(t, () => log.push(t));
    sim.run(3);
    expect(log).toEqual([1, 2, 3]);
    expect(sim.nowS).toBe(3);
    sim.run(3.5);
    expect(sim.nowS).toBe(3.5);
    expect(log).toEqual([1, 2, 3]);
    sim.run();
    expect(log).toEqual([1, 2, 3, 4]);
    expect(sim.nowS).toBe(4);
  });

  it("run(until) on an empty heap advances the clock", () => {
    const sim = new Simulator();
    sim.run(10);
    expect(sim.nowS).toBe(10);
  });

  it("run() with no limit leaves the clock at the last event", () => {
    const sim = new Simulator();
    sim.schedule(2.5, () => undefined);
    sim.run();
    expect(sim.nowS).toBe(2.5);
  });

  it("rejects an until in the past or NaN", () => {
    const sim = new Simulator();
    sim.run(5);
    expect(() => sim.run(4)).toThrow(RangeError);
    expect(() => sim.run(Number.NaN)).toThrow(RangeError);
  });

  it("step runs one event at a time", () => {
    const sim = new Simulator();
    const log: number[] = [];
    sim.schedule(1, () => log.push(1));
    const h = sim.schedule(2, () => log.push(2));
    sim.schedule(3, () => log.push(3));
    h.cancel();
    expect(sim.step()).toBe(true);
    expect(sim.nowS).toBe(1);
    expect(sim.step()).toBe(true);
    expect(sim.nowS).toBe(3);
    expect(sim.step()).toBe(false);
    expect(log).toEqual([1, 3]);
  });

  it("stop makes run return after the current event", () => {
    const sim = new Simulator();
    const log: number[] = [];
    sim.schedule(1, () => log.push(1));
    sim.schedule(2, (s) => {
      log.push(2);
      s.stop();
    });
    sim.schedule(3, () => log.push(3));
    sim.run(10);
    expect(log).toEqual([1, 2]);
    expect(sim.nowS).toBe(2);
    sim.run();
    expect(log).toEqual([1, 2, 3]);
  });

  it("refuses a nested run from inside a handler", () => {
    const sim = new Simulator();
    sim.schedule(1, (s) => s.run());
    expect(() => sim.run()).toThrow(SimulationError);
  });
});

describe("Simulator scheduling validation", () => {
  it.each([-1, Number.NaN, Infinity, -Infinity])("schedule rejects delay %s", (delayS) => {
    const sim = new Simulator();
    expect(() => sim.schedule(delayS, () => undefined)).toThrow(RangeError);
    expect(() => sim.schedule(delayS, () => undefined)).toThrow(/delayS/);
  });

  it("scheduleAt rejects times before now and non-finite times", () => {
    const sim = new Simulator();
    sim.run(5);
    expect(() => sim.scheduleAt(4, () => undefined)).toThrow(RangeError);
    expect(() => sim.scheduleAt(Number.NaN, () => undefined)).toThrow(RangeError);
    expect(() => sim.scheduleAt(Infinity, () => undefined)).toThrow(RangeError);
    expect(sim.scheduleAt(5, () => undefined).timeS).toBe(5);
  });

  it("rejects a NaN priority", () => {
    const sim = new Simulator();
    expect(() => sim.schedule(1, () => undefined, Number.NaN)).toThrow(RangeError);
  });
});

describe("Simulator failures", () => {
  it("wraps a handler error in SimulationError with the time and the cause", () => {
    const sim = new Simulator();
    const boom = new Error("boom");
    sim.schedule(1.25, () => {
      throw boom;
    });
    let caught: unknown;
    try {
      sim.run();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SimulationError);
    const err = caught as SimulationError;
    expect(err.message).toContain("1.25");
    expect(err.message).toContain("boom");
    expect(err.cause).toBe(boom);
    expect(err.timeS).toBe(1.25);
    expect(sim.failed).toBe(true);
  });

  it("refuses to run again after a failure", () => {
    const sim = new Simulator();
    sim.schedule(1, () => {
      throw new Error("boom");
    });
    sim.schedule(2, () => undefined);
    expect(() => sim.run()).toThrow(SimulationError);
    expect(() => sim.run()).toThrow(/already failed.*boom/);
    expect(() => sim.step()).toThrow(SimulationError);
  });

  it("step surfaces handler errors the same way", () => {
    const sim = new Simulator();
    sim.schedule(3, () => {
      throw new TypeError("bad");
    });
    expect(() => sim.step()).toThrow(/t=3 s.*bad/);
    expect(sim.failed).toBe(true);
  });

  it("keeps simulators independent", () => {
    const a = new Simulator();
    const b = new Simulator();
    a.schedule(1, () => {
      throw new Error("a fails");
    });
    b.schedule(1, () => undefined);
    expect(() => a.run()).toThrow(SimulationError);
    expect(() => b.run()).not.toThrow();
  });
});
