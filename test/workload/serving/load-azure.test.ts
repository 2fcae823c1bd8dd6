import { describe, expect, it } from "vitest";
import { inputError } from "../../input/input-error-helpers.js";
import { parseAzureTimestamp } from "../../../src/workload/serving/azure-timestamp.js";
import { loadTrace, parseAzureTrace, traceStats } from "../../../src/workload/serving/index.js";
import { SLICE_CSV, tempDir } from "./helpers.js";

const HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens";
const write = tempDir();

describe("Azure trace loader", () => {
  it("loads the published format (CRLF, 7 fractional digits) as seconds since the first row", () => {
    const file = write(
      "a.csv",
      [
        HEADER,
        "2023-11-16 18:15:46.6805900,374,44",
        "2023-11-16 18:15:50.9951690,396,109",
        "2023-11-16 18:15:51.2224670,879,55",
      ].join("\r\n"),
    );
    const t = loadTrace({ file, format: "azure" });
    expect(t.name).toBe("a");
    expect(t.source).toBe(file);
    expect(t.unsortedRows).toBe(0);
    expect(t.skippedTooLong).toBe(0);
    expect(t.requests).toEqual([
      { id: 0, arrivalS: 0, inputTokens: 374, outputTokens: 44, line: 2 },
      { id: 1, arrivalS: 4.314579, inputTokens: 396, outputTokens: 109, line: 3 },
      { id: 2, arrivalS: 4.541877, inputTokens: 879, outputTokens: 55, line: 4 },
    ]);
  });

  it("keeps 100 ns resolution that Date would truncate to milliseconds", () => {
    const t = parseAzureTrace(
      `${HEADER}\n2023-11-16 18:15:46.6805900,1,1\n2023-11-16 18:15:46.6805901,1,1\n`,
      "x.csv",
    );
    expect(t.requests[1]?.arrivalS).toBe(1e-7);
    expect(t.requests[1]!.arrivalS).toBeGreaterThan(t.requests[0]!.arrivalS);
  });

  it("counts days across month and year ends exactly", () => {
    const t = parseAzureTrace(
      `${HEADER}\n2023-12-31 23:59:59.9999999,1,1\n2024-01-01 00:00:00,1,1\n2024-03-01 00:00:00.5,1,1\n`,
      "x.csv",
    );
    // 2024 is a leap year: Jan 31 + Feb 29 days to March 1.
    expect(t.requests.map((r) => r.arrivalS)).toEqual([0, 1e-7, 51_840_005_000_001 / 1e7]);
    expect(parseAzureTimestamp("2023-02-29 00:00:00")).toBeUndefined();
    expect(parseAzureTimestamp("2023-11-16 24:00:00")).toBeUndefined();
    expect(parseAzureTimestamp("2023-11-16T18:15:46.68Z")).toBeDefined();
  });

  it("sorts unsorted rows stably and counts them", () => {
    const t = parseAzureTrace(
      [
        HEADER,
        "2023-11-16 18:00:05.0000000,5,1",
        "2023-11-16 18:00:01.0000000,1,1",
        "2023-11-16 18:00:06.0000000,6,1",
        "2023-11-16 18:00:05.0000000,7,1",
        "2023-11-16 18:00:02.0000000,2,1",
      ].join("\n"),
      "u.csv",
    );
    expect(t.unsortedRows).toBe(3);
    expect(t.requests.map((r) => [r.id, r.arrivalS, r.inputTokens, r.line])).toEqual([
      [0, 0, 1, 3],
      [1, 1, 2, 6],
      [2, 4, 5, 2],
      [3, 4, 7, 5],
      [4, 5, 6, 4],
    ]);
  });

  it("accepts duplicate rows and ignores extra columns", () => {
    const row = "2023-11-16 18:00:00.0000000,9,3,x";
    const t = parseAzureTrace(`${HEADER},note\n${row}\n${row}\n`, "d.csv");
    expect(t.requests.map((r) => r.inputTokens)).toEqual([9, 9]);
  });

  it.each([
    ["missing timestamp", ",10,5", "TIMESTAMP", /missing value/],
    ["bad timestamp", "16/11/2023 18:00,10,5", "TIMESTAMP", /expected a timestamp/],
    ["8 fractional digits", "2023-11-16 18:00:00.12345678,10,5", "TIMESTAMP", /timestamp/],
    ["missing prompt", "2023-11-16 18:00:00,,5", "ContextTokens", /missing value/],
    ["non-numeric prompt", "2023-11-16 18:00:00,abc,5", "ContextTokens", /expected a number/],
    ["hex prompt", "2023-11-16 18:00:00,0x10,5", "ContextTokens", /expected a number/],
    ["negative prompt", "2023-11-16 18:00:00,-3,5", "ContextTokens", /negative/],
    ["fractional output", "2023-11-16 18:00:00,3,1.5", "GeneratedTokens", /whole number/],
    ["zero output", "2023-11-16 18:00:00,3,0", "GeneratedTokens", /at least one token/],
    ["zero prompt", "2023-11-16 18:00:00,0,4", "ContextTokens", /at least one prompt token/],
    ["short row", "2023-11-16 18:00:00,3", "GeneratedTokens", /2 cells but the header has 3/],
  ])("%s: file, line and field", (_what, row, field, message) => {
    const text = `${HEADER}\r\n2023-11-16 17:59:59.0000000,1,1\r\n${row}\r\n`;
    const e = inputError(() => parseAzureTrace(text, "bad.csv"));
    expect(e.code).toBe("VALUE");
    // The column of the cell, or just past the row's end for a missing one.
    const cells = row.split(",");
    const idx = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"].indexOf(field);
    const col =
      idx < cells.length
        ? cells.slice(0, idx).join(",").length + (idx > 0 ? 2 : 1)
        : row.length + 1;
    expect([e.file, e.line, e.col, e.path]).toEqual(["bad.csv", 3, col, field]);
    expect(e.detail).toMatch(message);
    expect(e.message.startsWith(`bad.csv:3:${col}: ${field}: `)).toBe(true);
  });

  it("names a missing column on the header line, and an empty or header-only file", () => {
    const e = inputError(() => parseAzureTrace("TIMESTAMP,ContextTokens\n", "h.csv"));
    expect([e.line, e.path]).toEqual([1, "GeneratedTokens"]);
    expect(inputError(() => parseAzureTrace("", "e.csv")).detail).toMatch(/empty/);
    expect(inputError(() => parseAzureTrace(`${HEADER}\r\n`, "e.csv")).detail).toMatch(
      /no requests/,
    );
  });

  it("an unreadable file is a FILE error", () => {
    const e = inputError(() => loadTrace({ file: "/nonexistent/trace.csv", format: "azure" }));
    expect([e.code, e.file]).toEqual(["FILE", "/nonexistent/trace.csv"]);
  });

  it("loads the shipped 10-minute slice of the conversation trace", () => {
    const t = loadTrace({ file: SLICE_CSV, format: "azure" });
    const s = traceStats(t);
    expect(s.count).toBe(2867);
    expect(s.durationS).toBeCloseTo(599.971336, 9);
    expect([s.input.p50, s.output.p50]).toEqual([1041, 217]);
    expect([s.input.max, s.output.max]).toEqual([7930, 1000]);
    expect(t.unsortedRows).toBe(0);
    expect(t.requests[2866]).toMatchObject({ inputTokens: 1143, outputTokens: 396, line: 2868 });
  });
});
