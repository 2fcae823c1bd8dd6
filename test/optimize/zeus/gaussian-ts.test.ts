import { describe, expect, it } from "vitest";
import { RngStream } from "../../../src/core/rng.js";
import { GaussianThompson } from "../../../src/optimize/zeus/gaussian-ts.js";

describe("Gaussian Thompson sampling over batch sizes", () => {
  it("tries arms with too few observations first", () => {
    const ts = new GaussianThompson([1, 2], new RngStream("t"));
    ts.observe(1, 10);
    ts.observe(1, 11);
    expect(ts.pick()).toBe(2);
  });

  it("picks the clearly cheaper arm almost always, the close one sometimes", () => {
    const ts = new GaussianThompson([1, 2, 3], new RngStream("t"));
    for (const c of [100, 104, 96]) ts.observe(1, c); // mean 100
    for (const c of [101, 105, 97]) ts.observe(2, c); // mean 101: close to arm 1
    for (const c of [300, 310, 290]) ts.observe(3, c); // far worse
    const picks = Array.from({ length: 400 }, () => ts.pick());
    expect(picks.filter((a) => a === 3).length).toBe(0);
    expect(picks.filter((a) => a === 1).length).toBeGreaterThan(
      picks.filter((a) => a === 2).length,
    );
    expect(picks.filter((a) => a === 2).length).toBeGreaterThan(0);
  });

  it("believes an arm's mean exactly when its costs are all equal", () => {
    const ts = new GaussianThompson([1], new RngStream("t"));
    ts.observe(1, 5);
    ts.observe(1, 5);
    expect(ts.belief(1)).toEqual({ meanJ: 5, sdJ: 0 });
  });
});
