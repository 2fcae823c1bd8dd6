import { describe, it, expect } from "vitest";
import { deriveSeed, RngStream, Simulator } from "../../src/core/index.js";

function take(stream: RngStream, n: number): number[] {
  return Array.from({ length: n }, () => stream.next());
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function variance(xs: number[]): number {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) * (x - m), 0) / (xs.length - 1);
}

const N = 20_000;

describe("deriveSeed", () => {
  it("depends on both the scenario seed and the stream name", () => {
    expect(deriveSeed(1, "a")).not.toBe(deriveSeed(1, "b"));
    expect(deriveSeed(1, "a")).not.toBe(deriveSeed(2, "a"));
    expect(deriveSeed(1, "a")).toBe(deriveSeed(1, "a"));
  });

  it("is unambiguous when names contain the separator", () => {
    expect(deriveSeed("a/b", "c")).not.toBe(deriveSeed("a", "b/c"));
  });
});

describe("Simulator.rng streams", () => {
  it("caches one stream per name", () => {
    const sim = new Simulator({ seed: 7 });
    expect(sim.rng("a")).toBe(sim.rng("a"));
  });

  it("gives the same sequence for the same seed and name", () => {
    const x = take(new Simulator({ seed: 42 }).rng("arrivals"), 100);
    const y = take(new Simulator({ seed: 42 }).rng("arrivals"), 100);
    expect(x).toEqual(y);
  });

  it("gives different sequences for different names and different seeds", () => {
    const a = take(new Simulator({ seed: 42 }).rng("a"), 20);
    const b = take(new Simulator({ seed: 42 }).rng("b"), 20);
    const a2 = take(new Simulator({ seed: 43 }).rng("a"), 20);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(a2);
  });

  it("does not let other streams, or their creation order, change a stream", () => {
    const alone = take(new Simulator({ seed: "s" }).rng("a"), 50);
    const sim = new Simulator({ seed: "s" });
    const b = sim.rng("b");
    take(b, 17);
    const a = sim.rng("a");
    const interleaved: number[] = [];
    for (let i = 0; i < 50; i++) {
      interleaved.push(a.next());
      b.next();
    }
    expect(interleaved).toEqual(alone);
  });

  it("uses a fixed default seed", () => {
    expect(take(new Simulator().rng("x"), 10)).toEqual(take(new Simulator().rng("x"), 10));
  });

  it("matches a RngStream built from deriveSeed", () => {
    const viaSim = take(new Simulator({ seed: 9 }).rng("len"), 10);
    expect(take(new RngStream(deriveSeed(9, "len")), 10)).toEqual(viaSim);
  });
});

describe("RngStream distributions", () => {
  const rng = (name: string) => new RngStream(deriveSeed("stats", name));

  it("next is in [0, 1) with mean 1/2", () => {
    const xs = take(rng("next"), N);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 1);
  });

  it("uniform stays in range with the right mean", () => {
    const r = rng("uniform");
    const xs = Array.from({ length: N }, () => r.uniform(-2, 6));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...xs)).toBeLessThan(6);
    expect(Math.abs(mean(xs) - 2)).toBeLessThan(0.1);
  });

  it("exponential has mean 1/rate", () => {
    const r = rng("exp");
    const xs = Array.from({ length: N }, () => r.exponential(4));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    // Standard error of the mean is 0.25 / sqrt(N) ~ 0.0018.
    expect(Math.abs(mean(xs) - 0.25)).toBeLessThan(0.01);
  });

  it("normal has the right mean and sd", () => {
    const r = rng("normal");
    const xs = Array.from({ length: N }, () => r.normal(10, 3));
    expect(Math.abs(mean(xs) - 10)).toBeLessThan(0.1);
    expect(Math.abs(Math.sqrt(variance(xs)) - 3)).toBeLessThan(0.1);
  });

  it.each([
    [0.5, 2],
    [1, 1],
    [3.5, 0.5],
    [20, 0.1],
  ])(
    "gamma(shape=%s, scale=%s) has mean shape*scale and variance shape*scale^2",
    (shape, scale) => {
      const r = rng(`gamma-${shape}`);
      const xs = Array.from({ length: N }, () => r.gamma(shape, scale));
      expect(Math.min(...xs)).toBeGreaterThan(0);
      const m = shape * scale;
      const v = shape * scale * scale;
      expect(Math.abs(mean(xs) - m)).toBeLessThan(5 * Math.sqrt(v / N));
      expect(Math.abs(variance(xs) / v - 1)).toBeLessThan(0.1);
    },
  );

  it("int covers [lo, hi] inclusively and uniformly", () => {
    const r = rng("int");
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const k = r.int(-1, 3);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([-1, 0, 1, 2, 3]);
    for (const c of counts.values()) expect(Math.abs(c / N - 0.2)).toBeLessThan(0.02);
  });

  it("int handles ranges wider than 32 bits", () => {
    const r = rng("int-wide");
    const lo = 0;
    const hi = 2 ** 40;
    const xs = Array.from({ length: 1000 }, () => r.int(lo, hi));
    for (const x of xs) {
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(lo);
      expect(x).toBeLessThanOrEqual(hi);
    }
    // Low bits vary too (a 32-bit uniform scaled up would leave multiples of 256).
    expect(xs.some((x) => x % 256 !== 0)).toBe(true);
  });

  it("choice picks every element", () => {
    const r = rng("choice");
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(r.choice(["a", "b", "c"]));
    expect([...seen].sort()).toEqual(["a", "b", "c"]);
  });

  it("is deterministic across the distribution methods", () => {
    const draw = (r: RngStream) => [r.normal(0, 1), r.gamma(2, 1), r.exponential(1), r.int(0, 9)];
    expect(draw(rng("mix"))).toEqual(draw(rng("mix")));
  });

  it("rejects invalid parameters", () => {
    const r = rng("bad");
    expect(() => r.exponential(0)).toThrow(RangeError);
    expect(() => r.exponential(Number.NaN)).toThrow(RangeError);
    expect(() => r.gamma(0, 1)).toThrow(RangeError);
    expect(() => r.gamma(1, -1)).toThrow(RangeError);
    expect(() => r.normal(0, -1)).toThrow(RangeError);
    expect(() => r.uniform(2, 1)).toThrow(RangeError);
    expect(() => r.int(0.5, 2)).toThrow(RangeError);
    expect(() => r.int(3, 2)).toThrow(RangeError);
    expect(() => r.choice([])).toThrow(RangeError);
  });
});
