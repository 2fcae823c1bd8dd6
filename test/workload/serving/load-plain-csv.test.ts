import { describe, expect, it } from "vitest";
import { inputError } from "../../input/input-error-helpers.js";
import { loadTrace, parsePlainCsvTrace } from "../../../src/workload/serving/index.js";
import { tempDir } from "./helpers.js";

const write = tempDir();

describe("plain CSV trace loader", () => {
  it("keeps arrival_s as written; columns in any order; quoted cells", () => {
    const file = write(
      "p.csv",
      'output_tokens,arrival_s,input_tokens\n10,0.5,100\n"20",1.25,200\n30,1.25,300\n',
    );
    const t = loadTrace({ file, format: "csv" });
    expect(t.requests).toEqual([
      { id: 0, arrivalS: 0.5, inputTokens: 100, outputTokens: 10, line: 2 },
      { id: 1, arrivalS: 1.25, inputTokens: 200, outputTokens: 20, line: 3 },
      { id: 2, arrivalS: 1.25, inputTokens: 300, outputTokens: 30, line: 4 },
    ]);
    expect(t.unsortedRows).toBe(0);
  });

  it("sorts unsorted arrivals and counts them", () => {
    const t = parsePlainCsvTrace(
      "arrival_s,input_tokens,output_tokens\n3,1,1\n1,2,1\n2,3,1\n",
      "u.csv",
    );
    expect(t.unsortedRows).toBe(2);
    expect(t.requests.map((r) => [r.arrivalS, r.inputTokens])).toEqual([
      [1, 2],
      [2, 3],
      [3, 1],
    ]);
  });

  it("requires the header", () => {
    const e = inputError(() => parsePlainCsvTrace("0,100,10\n1,100,10\n", "n.csv"));
    expect([e.line, e.path]).toEqual([1, "arrival_s"]);
    expect(e.detail).toMatch(/missing column/);
  });

  it.each([
    ["missing arrival", ",1,1", "arrival_s", /missing value/],
    ["negative arrival", "-1,1,1", "arrival_s", /negative/],
    ["infinite arrival", "1e400,1,1", "arrival_s", /finite/],
    ["text arrival", "soon,1,1", "arrival_s", /expected a number/],
    ["missing prompt", "1,,1", "input_tokens", /missing value/],
    ["negative output", "1,1,-2", "output_tokens", /negative/],
    ["zero output", "1,1,0", "output_tokens", /at least one token/],
    ["too many cells", "1,1,1,1", undefined, /4 cells but the header has 3/],
  ])("%s: file, line and field", (_what, row, field, message) => {
    const text = `arrival_s,input_tokens,output_tokens\n0,1,1\n${row}\n`;
    const e = inputError(() => parsePlainCsvTrace(text, "bad.csv"));
    expect([e.code, e.file, e.line, e.path]).toEqual(["VALUE", "bad.csv", 3, field]);
    expect(e.detail).toMatch(message);
  });
});
