import { describe, it, expect } from "vitest";
import { flatten, isPlainObject } from "../../src/report/index.js";

describe("flatten", () => {
  it("expands nested objects into dotted keys in depth-first insertion order", () => {
    const row = { name: "a", ttftS: { p50: 0.1, p99: { raw: 2 } }, energyJ: 5 };
    const flat = flatten(row);
    expect(flat).toEqual({ name: "a", "ttftS.p50": 0.1, "ttftS.p99.raw": 2, energyJ: 5 });
    expect(Object.keys(flat)).toEqual(["name", "ttftS.p50", "ttftS.p99.raw", "energyJ"]);
  });

  it("indexes arrays and drops empty containers", () => {
    expect(flatten({ a: [1, { b: 2 }], e: {}, f: [] })).toEqual({ "a.0": 1, "a.1.b": 2 });
  });

  it("keeps non-plain objects and nullish values as leaves", () => {
    const when = new Date(0);
    const map = new Map([["k", 1]]);
    expect(flatten({ when, map, n: null, u: undefined })).toEqual({
      when,
      map,
      n: null,
      u: undefined,
    });
  });

  it("applies a prefix", () => {
    expect(flatten({ a: { b: 1 } }, "run")).toEqual({ "run.a.b": 1 });
  });

  it("allows shared (non-cyclic) references but rejects cycles", () => {
    const shared = { x: 1 };
    expect(flatten({ a: shared, b: shared })).toEqual({ "a.x": 1, "b.x": 1 });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => flatten(cyclic)).toThrow(TypeError);
  });

  it("recognises plain objects only", () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
    expect(isPlainObject(null)).toBe(false);
  });
});
