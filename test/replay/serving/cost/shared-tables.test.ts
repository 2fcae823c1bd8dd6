/** Shared tables are looked up by content, and the most recently used ones are kept. */
import { describe, expect, it } from "vitest";
import { SharedTables } from "../../../../src/replay/serving/cost/shared-tables.js";

describe("SharedTables", () => {
  it("returns the same tables for equal content held in other objects", () => {
    const shared = new SharedTables<number[]>();
    const a = shared.get({ name: "h100", idleW: 70 }, () => [1]);
    const b = shared.get({ name: "h100", idleW: 70 }, () => [2]);
    const c = shared.get({ name: "h100", idleW: 71 }, () => [3]);
    expect(b).toBe(a);
    expect(c).toEqual([3]);
    expect(shared.size).toBe(2);
  });

  it("drops the least recently used beyond its size", () => {
    const shared = new SharedTables<string>(2);
    shared.get("a", () => "a1");
    shared.get("b", () => "b1");
    shared.get("a", () => "a2"); // used again: b is now the oldest
    shared.get("c", () => "c1");
    expect(shared.size).toBe(2);
    expect(shared.get("a", () => "a3")).toBe("a1");
    expect(shared.get("b", () => "b2")).toBe("b2");
  });
});
