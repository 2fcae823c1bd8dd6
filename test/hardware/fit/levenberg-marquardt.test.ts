import { describe, expect, it } from "vitest";
import { levenbergMarquardt } from "../../../src/hardware/fit/levenberg-marquardt.js";

describe("levenbergMarquardt", () => {
  it("recovers the parameters of an exponential from exact samples", () => {
    const xs = Array.from({ length: 30 }, (_, i) => i / 10);
    const truth = [2.5, -1.3, 0.4];
    const f = (p: readonly number[], x: number) => p[0]! * Math.exp(p[1]! * x) + p[2]!;
    const ys = xs.map((x) => f(truth, x));
    const r = levenbergMarquardt((p) => xs.map((x, i) => f(p, x) - ys[i]!), [1, -0.5, 0]);
    r.x.forEach((v, i) => expect(v).toBeCloseTo(truth[i]!, 6));
    expect(r.cost).toBeLessThan(1e-14);
  });

  it("minimises Rosenbrock's valley", () => {
    const r = levenbergMarquardt((p) => [10 * (p[1]! - p[0]! ** 2), 1 - p[0]!], [-1.2, 1], {
      maxIterations: 500,
    });
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });
});
