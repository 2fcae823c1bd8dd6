import { describe, it, expect } from "vitest";
import { parseString } from "fast-csv";
import { toCsv, csvColumns } from "../../src/report/index.js";

function parse(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text)
      .on("error", reject)
      .on("data", (row: string[]) => rows.push(row))
      .on("end", () => resolve(rows));
  });
}

describe("toCsv", () => {
  it("writes a header from the union of keys in first-seen order", async () => {
    const csv = await toCsv([
      { a: 1, b: 2 },
      { c: 3, a: 4 },
    ]);
    expect(csv).toBe("a,b,c\n1,2,\n4,,3\n");
  });

  it("quotes commas, quotes and newlines and round-trips them", async () => {
    const rows = [{ s: "x,y" }, { s: 'say "hi"' }, { s: "two\nlines" }, { s: "cr\r\nlf" }];
    const csv = await toCsv(rows);
    expect(csv).toBe('s\n"x,y"\n"say ""hi"""\n"two\nlines"\n"cr\r\nlf"\n');
    expect(await parse(csv)).toEqual([["s"], ["x,y"], ['say "hi"'], ["two\nlines"], ["cr\r\nlf"]]);
  });

  it("quotes header names that need it", async () => {
    expect(await toCsv([{ "a,b": 1 }])).toBe('"a,b"\n1\n');
  });

  it("flattens nested objects into dotted columns", async () => {
    const csv = await toCsv([{ point: 1, ttftS: { p50: 0.25, p99: 1.5 } }]);
    expect(csv).toBe("point,ttftS.p50,ttftS.p99\n1,0.25,1.5\n");
  });

  it("formats numbers, booleans and nullish values deterministically", async () => {
    const csv = await toCsv([
      { x: 0.1 + 0.2, y: 1e-7, z: 12345678, t: true, f: false, n: null, u: undefined },
    ]);
    expect(csv).toBe("x,y,z,t,f,n,u\n0.3,1e-7,12345678,true,false,,\n");
  });

  it("uses the given columns, in order, dropping others and leaving missing cells empty", async () => {
    const csv = await toCsv([{ a: 1, b: 2, c: { d: 3 } }], ["c.d", "missing", "a"]);
    expect(csv).toBe("c.d,missing,a\n3,,1\n");
  });

  it("writes the header even with no rows, and nothing with no columns", async () => {
    expect(await toCsv([], ["a", "b"])).toBe("a,b\n");
    expect(await toCsv([])).toBe("");
  });

  it("refuses a non-finite number, naming its column and row, and keeps null empty", async () => {
    await expect(
      toCsv([
        { a: 1, b: { c: 2 } },
        { a: null, b: { c: Infinity } },
      ]),
    ).rejects.toThrow("CSV column b.c, row 2 is Infinity");
    expect(await toCsv([{ a: null, b: undefined }])).toBe("a,b\n,\n");
  });

  it("gives byte-identical output for equal input", async () => {
    const rows = [{ a: 1 / 3, b: { c: "x" } }];
    expect(await toCsv(rows)).toBe(await toCsv(structuredClone(rows)));
  });

  it("lists flattened columns", () => {
    expect(csvColumns([{ a: { b: 1 } }, { c: 2, a: { b: 3, e: 4 } }])).toEqual(["a.b", "c", "a.e"]);
  });
});
