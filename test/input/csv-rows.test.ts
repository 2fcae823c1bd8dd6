/**
 * CSV rows (fast-csv) with positions a user can act on: a bad cell is named by line and column,
 * a row with too few or too many cells by where the cell is missing or extra.
 */
import { describe, expect, it } from "vitest";
import { cellCol, numberCell, parseCsvRows } from "../../src/input/csv-rows.js";
import { InputError } from "../../src/input/input-error.js";

const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
};

describe("parseCsvRows", () => {
  it("knows where each cell of a row starts, quotes and spaces included", async () => {
    const rows = await parseCsvRows('a, b,c\n1,  22,"x,y"\n', "t.csv");
    expect(rows).toEqual([{ a: "1", b: "22", c: "x,y" }]);
    expect([cellCol(rows[0]!, "a"), cellCol(rows[0]!, "b"), cellCol(rows[0]!, "c")]).toEqual([
      1, 5, 8,
    ]);
  });

  it("names a bad number by line and column", async () => {
    const rows = await parseCsvRows("stage,time\n0,1.5\n1,abc\n", "t.csv");
    expect(() => numberCell(rows[1]!, "time", "t.csv", 3)).toThrow(InputError);
    try {
      numberCell(rows[1]!, "time", "t.csv", 3);
    } catch (e) {
      expect((e as InputError).format()).toBe("t.csv:3:3: time: expected a number >= 0, got 'abc'");
    }
  });

  it("places a short row's missing cell past its end, a long row's at its first extra cell", async () => {
    const short = await rejection(parseCsvRows("a,b,c\n1,2,3\n4,5\n", "t.csv"));
    expect(short.format()).toBe(
      "t.csv:3:4: row has 2 cell(s), the header 3: a different number of columns",
    );
    const long = await rejection(parseCsvRows("a,b\n1,2,33\n", "t.csv"));
    expect(long.format()).toBe(
      "t.csv:2:5: row has 3 cell(s), the header 2: a different number of columns",
    );
  });
});
