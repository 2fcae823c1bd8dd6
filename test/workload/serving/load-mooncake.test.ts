import { describe, expect, it } from "vitest";
import { inputError } from "../../input/input-error-helpers.js";
import { loadTrace, parseMooncakeTrace } from "../../../src/workload/serving/index.js";
import { tempDir } from "./helpers.js";

const write = tempDir();

describe("Mooncake trace loader", () => {
  it("reads ms timestamps as seconds since the earliest request and ignores other fields", () => {
    const file = write(
      "m.jsonl",
      [
        '{"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46, 47]}',
        "",
        '{"timestamp": 30535, "input_length": 6472, "output_length": 26, "hash_ids": [], "x": 1}',
        '{"timestamp": 27482, "input_length": 10, "output_length": 1}',
      ].join("\n"),
    );
    const t = loadTrace({ file, format: "mooncake" });
    expect(t.unsortedRows).toBe(1);
    expect(t.requests).toEqual([
      { id: 0, arrivalS: 0, inputTokens: 6955, outputTokens: 52, line: 1 },
      { id: 1, arrivalS: 0, inputTokens: 10, outputTokens: 1, line: 4 },
      { id: 2, arrivalS: 3.053, inputTokens: 6472, outputTokens: 26, line: 3 },
    ]);
    expect(t.fields?.input).toBe("input_length");
  });

  it.each([
    ["bad JSON", '{"timestamp": 1,', undefined, /not valid JSON/],
    ["not an object", "[1, 2, 3]", undefined, /one JSON object per line/],
    ["missing timestamp", '{"input_length": 1, "output_length": 1}', "timestamp", /missing/],
    [
      "string length",
      '{"timestamp": 1, "input_length": "x", "output_length": 1}',
      "input_length",
      /expected a number/,
    ],
    [
      "negative length",
      '{"timestamp": 1, "input_length": -1, "output_length": 1}',
      "input_length",
      /negative/,
    ],
    [
      "negative time",
      '{"timestamp": -5, "input_length": 1, "output_length": 1}',
      "timestamp",
      /negative/,
    ],
    [
      "zero output",
      '{"timestamp": 1, "input_length": 1, "output_length": 0}',
      "output_length",
      /at least one token/,
    ],
    ["missing output", '{"timestamp": 1, "input_length": 1}', "output_length", /missing/],
  ])("%s: file, line and field", (_what, bad, field, message) => {
    const text = `{"timestamp": 0, "input_length": 1, "output_length": 1}\n\n${bad}\n`;
    const e = inputError(() => parseMooncakeTrace(text, "m.jsonl"));
    expect([e.code, e.file, e.line, e.path]).toEqual(["VALUE", "m.jsonl", 3, field]);
    expect(e.detail).toMatch(message);
  });

  it("an empty file is an error", () => {
    expect(inputError(() => parseMooncakeTrace("\n\n", "e.jsonl")).detail).toMatch(/empty/);
  });
});
