import { describe, expect, it } from "vitest";
import {
  assertFiniteText,
  assertFiniteTree,
  finiteOrThrow,
  nonFinitePath,
  NonFiniteOutputError,
} from "../../src/report/finite-check.js";

describe("finite checks at the writers", () => {
  it("passes finite numbers and refuses the others, naming where", () => {
    expect(finiteOrThrow(0, "x")).toBe(0);
    expect(() => finiteOrThrow(NaN, "points.csv: energyJ")).toThrow(
      /^points\.csv: energyJ is NaN, which wattif never writes/,
    );
  });

  it("finds the first non-finite number in nested data, typed arrays included", () => {
    expect(nonFinitePath({ a: [1, { b: 2 }], c: null, d: "NaN" })).toBeUndefined();
    expect(nonFinitePath({ a: [1, { b: -Infinity }] })).toBe("a[1].b");
    expect(nonFinitePath({ s: new Float64Array([1, NaN]) })).toBe("s[1]");
    expect(nonFinitePath(NaN)).toBe("(value)");
    expect(() => assertFiniteTree({ x: { y: NaN } }, "summary.json")).toThrow(
      "summary.json: field x.y is NaN",
    );
  });

  it("refuses terminal text that shows NaN or Infinity, quoting the line", () => {
    assertFiniteText("model NaNo-7b\ntime 1.5 ms\nInfinityBand 3\n", "stdout");
    expect(() => assertFiniteText("hardware h100\ntime NaN ms\n", "stdout")).toThrow(
      /^stdout: the line "time NaN ms" is NaN/,
    );
    expect(() => assertFiniteText("ratio -Infinity\n", "stdout")).toThrow(NonFiniteOutputError);
  });

  it("does not take the user's own strings (a scenario named NaN) for numbers, only those", () => {
    const text = "NaN: llama3-8b on H100\nabout: beats Infinity\ntime 1.5 ms\n";
    assertFiniteText(text, "stdout", ["NaN", "beats Infinity"]);
    expect(() => assertFiniteText(text, "stdout", ["NaN"])).toThrow(/the line "about: beats/);
    // A user string is blanked where it stands, not every NaN: a printed one is still caught.
    expect(() =>
      assertFiniteText("about: beats Infinity\nenergy NaN J\n", "stdout", ["beats Infinity"]),
    ).toThrow(/^stdout: the line "energy NaN J"/);
  });
});
