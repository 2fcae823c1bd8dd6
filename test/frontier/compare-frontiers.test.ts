import { describe, expect, it } from "vitest";
import { compareFrontiers, linearGrid, xAtY, yAtX } from "../../src/frontier/index.js";

const A = [
  { x: 1, y: 10 },
  { x: 2, y: 6 },
  { x: 4, y: 4 },
];
const B = [
  { x: 1.5, y: 7 },
  { x: 3, y: 3 },
];

describe("yAtX / xAtY", () => {
  it("interpolates along the frontier, holds past its end, and cannot go faster", () => {
    expect(yAtX(A, 0.5)).toBeNull();
    expect(yAtX(A, 1)).toBe(10);
    expect(yAtX(A, 1.5)).toBe(8);
    expect(yAtX(A, 3)).toBe(5);
    expect(yAtX(A, 9)).toBe(4);
  });

  it("mirrors for time at equal energy", () => {
    expect(xAtY(A, 3)).toBeNull();
    expect(xAtY(A, 5)).toBe(3);
    expect(xAtY(A, 8)).toBe(1.5);
    expect(xAtY(A, 20)).toBe(1);
  });
});

describe("compareFrontiers", () => {
  it("finds the winner at each grid value and the ranges it wins over", () => {
    const c = compareFrontiers(
      [
        { name: "a", points: A },
        { name: "b", points: B },
      ],
      7,
    );
    expect(c.atEqualX.map((r) => r.at)).toEqual(linearGrid(1, 4, 7));
    // x = 1: only a is that fast; 1.5: b (7 < 8); from there b stays lower.
    expect(c.atEqualX.map((r) => r.winner)).toEqual([0, 1, 1, 1, 1, 1, 1]);
    expect(c.atEqualX[1]?.values).toEqual([8, 7]);
    expect(c.winsByX).toEqual([
      { winner: 0, from: 1, to: 1 },
      { winner: 1, from: 1.5, to: 4 },
    ]);
    // Energy 3: only b gets that low; energy 10: a is at x 1, b at 1.5.
    const first = c.atEqualY[0]!;
    expect(first.at).toBe(3);
    expect(first.values).toEqual([null, 3]);
    expect(c.atEqualY[c.atEqualY.length - 1]?.values).toEqual([1, 1.5]);
    expect(c.atEqualY[c.atEqualY.length - 1]?.winner).toBe(0);
  });
});
