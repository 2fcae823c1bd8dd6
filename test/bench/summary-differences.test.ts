import { describe, expect, it } from "vitest";
import { summaryDifferences } from "../../src/bench/summary-differences.js";

describe("summaryDifferences", () => {
  const golden = { name: "x", n: 3, t: { timeS: 1.5, tiny: 1e-12 }, list: [1, 2, "a"], none: null };

  it("accepts the same summary and numbers within 1e-9 relative (absolute below 1)", () => {
    expect(summaryDifferences(structuredClone(golden), golden)).toEqual([]);
    const near = { ...golden, t: { timeS: 1.5 * (1 + 5e-10), tiny: 1e-12 + 5e-10 } };
    expect(summaryDifferences(near, golden)).toEqual([]);
  });

  it("names the path of every difference", () => {
    const off = {
      name: "y",
      n: 3 * (1 + 2e-9),
      t: { timeS: 1.5, tiny: 2e-9 },
      list: [1, 2, "b"],
      none: 0,
    };
    expect(summaryDifferences(off, golden)).toEqual([
      '.name: "y" vs "x"',
      `.n: ${3 * (1 + 2e-9)} vs 3`,
      ".t.tiny: 2e-9 vs 1e-12",
      '.list.2: "b" vs "a"',
      ".none: 0 vs null",
    ]);
  });

  it("reports missing, extra or reordered keys, a shorter list, and a wrong kind of value", () => {
    expect(summaryDifferences({ b: 1, a: 2 }, { a: 2, b: 1 })).toEqual([
      ".: keys [b, a] vs [a, b]",
    ]);
    expect(summaryDifferences({ a: 1 }, { a: 1, b: 2 })).toHaveLength(1);
    expect(summaryDifferences([1], [1, 2])).toEqual([".: keys [0] vs [0, 1]"]);
    expect(summaryDifferences({ a: "1" }, { a: 1 })).toEqual(['.a: "1" vs 1']);
    expect(summaryDifferences({ a: [1] }, { a: { 0: 1 } })).toEqual([".a: [1] vs an object"]);
  });
});
