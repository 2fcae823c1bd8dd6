import { describe, it, expect } from "vitest";
import { NonFiniteOutputError } from "../../src/report/finite-check.js";
import { toJson } from "../../src/report/index.js";
import { toJsonLine } from "../../src/report/json.js";

describe("toJson", () => {
  it("pretty-prints with 2 spaces and a trailing newline", () => {
    expect(toJson({ a: 1, b: [1, 2] })).toBe('{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}\n');
  });

  it("refuses a non-finite number anywhere, naming its field (a bug, never written)", () => {
    expect(() => toJson({ a: 1, b: { c: [0, Infinity] } })).toThrow(
      "JSON output: field b.c[1] is Infinity",
    );
    expect(() => toJson({ e: 1.5, f: -Infinity })).toThrow("field f is -Infinity");
    expect(() => toJson(NaN)).toThrow(NonFiniteOutputError);
    expect(toJson({ missing: null })).toBe('{\n  "missing": null\n}\n');
  });

  it("keeps insertion order of keys", () => {
    expect(Object.keys(JSON.parse(toJson({ z: 1, a: 2, m: 3 })) as object)).toEqual([
      "z",
      "a",
      "m",
    ]);
    expect(toJson({ z: 1, a: 2 })).not.toBe(toJson({ a: 2, z: 1 }));
  });

  it("handles undefined and bigints", () => {
    expect(toJson(undefined)).toBe("null\n");
    expect(toJson({ a: undefined, b: 1 })).toBe('{\n  "b": 1\n}\n');
    expect(toJson({ n: 2n ** 64n })).toBe('{\n  "n": "18446744073709551616"\n}\n');
  });

  it("writes JSON Lines compactly, with the same check", () => {
    expect(toJsonLine({ a: 1, b: [2, null] }, "points.jsonl")).toBe('{"a":1,"b":[2,null]}\n');
    expect(() => toJsonLine({ r: { e: NaN } }, "points.jsonl")).toThrow(
      "points.jsonl: field r.e is NaN",
    );
  });
});
