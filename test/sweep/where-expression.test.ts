/** The `where:` filter language: arithmetic, comparisons, and/or/not, fields, and refusals. */
import { describe, expect, it } from "vitest";
import { compileWhere } from "../../src/sweep/where-expression.js";
import { inputError } from "../input/input-error-helpers.js";

const doc: Record<string, unknown> = {
  hardware: "h100-sxm",
  "cluster.tp": 2,
  "cluster.replicas": 4,
  microbatches: 8,
};
const lookup = (name: string) => doc[name];
const test = (text: string) => compileWhere(text)(lookup);

describe("where expressions", () => {
  it("compares arithmetic over fields", () => {
    expect(test("cluster.tp * cluster.replicas <= 8")).toBe(true);
    expect(test("cluster.tp * cluster.replicas < 8")).toBe(false);
    expect(test("microbatches % 4 == 0 and microbatches / 2 - 1 == 3")).toBe(true);
    expect(test("-cluster.tp + 3 == 1")).toBe(true);
    expect(test("microbatches-1 == 7")).toBe(true);
  });

  it("compares strings and combines with and/or/not and symbols", () => {
    expect(test("hardware == 'h100-sxm'")).toBe(true);
    expect(test('hardware != "h100-sxm" || microbatches > 4')).toBe(true);
    expect(test("not (hardware == 'h100-sxm') && true")).toBe(false);
    expect(test("!(cluster.tp > 2)")).toBe(true);
  });

  it("short-circuits, so a field set in some points only can be guarded", () => {
    expect(test("hardware == 'h100-sxm' or missing.field > 1")).toBe(true);
    expect(inputError(() => test("missing.field > 1")).detail).toMatch(
      /'missing.field' is not set/,
    );
  });

  it("refuses what it cannot read, and arithmetic on strings", () => {
    expect(inputError(() => compileWhere("tp >")).detail).toMatch(/unexpected end/);
    expect(inputError(() => compileWhere("(tp > 1")).detail).toMatch(/missing '\)'/);
    expect(inputError(() => compileWhere("tp ; 1")).detail).toMatch(/cannot read/);
    expect(inputError(() => compileWhere("process.exit(1)")).detail).toMatch(/unexpected '\('/);
    expect(inputError(() => test("hardware > 1")).detail).toMatch(/not a number/);
  });
});
