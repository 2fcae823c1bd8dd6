import { describe, expect, it } from "vitest";
import { inputError } from "../../input/input-error-helpers.js";
import {
  inferTraceFormat,
  loadTrace,
  traceStats,
  type Trace,
} from "../../../src/workload/serving/index.js";
import { SLICE_CSV, tempDir } from "./helpers.js";

const write = tempDir();

describe("loadTrace", () => {
  it("infers the format from the extension and the first line", () => {
    expect(inferTraceFormat("a.jsonl", "")).toBe("mooncake");
    expect(inferTraceFormat("a.txt", '{"timestamp": 0}')).toBe("mooncake");
    expect(inferTraceFormat("a.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\r\n")).toBe("azure");
    expect(inferTraceFormat("a.csv", "\ufeffarrival_s,input_tokens,output_tokens\n")).toBe("csv");
    const e = inputError(() => inferTraceFormat("a.csv", "\n\ntime,in,out\n"));
    expect([e.file, e.line]).toEqual(["a.csv", 3]);
  });

  it("dispatches to each loader and applies the options", () => {
    const csv = write("p.csv", "arrival_s,input_tokens,output_tokens\n0,5,1\n1,6,1\n2,7,1\n");
    const json = write("m.jsonl", '{"timestamp":0,"input_length":5,"output_length":1}\n');
    expect(loadTrace({ file: csv, limit: 2, name: "mine" })).toMatchObject({
      name: "mine",
      requests: [{ inputTokens: 5 }, { inputTokens: 6 }],
    });
    expect(loadTrace({ file: json }).requests).toHaveLength(1);
    // An explicit format wins over inference: the CSV is not Azure.
    expect(inputError(() => loadTrace({ file: csv, format: "azure" })).path).toBe("TIMESTAMP");
  });

  it("the shipped slice: window and rate scale on the real trace", () => {
    const full = loadTrace({ file: SLICE_CSV });
    const firstMinute = loadTrace({ file: SLICE_CSV, window: { endS: 60 } });
    const doubled = loadTrace({ file: SLICE_CSV, window: { endS: 60 }, rateScale: 2 });
    expect(firstMinute.requests.length).toBe(full.requests.filter((r) => r.arrivalS < 60).length);
    expect(traceStats(doubled).meanRatePerS).toBeCloseTo(
      2 * traceStats(firstMinute).meanRatePerS,
      9,
    );
    // 205 of the slice's requests need more than 4,096 tokens (the longest 7,979); line 25 first.
    const e = inputError(() => loadTrace({ file: SLICE_CSV, maxContextTokens: 4096 }));
    expect([e.file, e.line, e.path]).toEqual([SLICE_CSV, 25, "ContextTokens"]);
    const skipped = loadTrace({ file: SLICE_CSV, maxContextTokens: 4096, onTooLong: "skip" });
    expect([skipped.requests.length, skipped.skippedTooLong]).toEqual([2662, 205]);
    expect(loadTrace({ file: SLICE_CSV, maxContextTokens: 7979 }).requests).toHaveLength(2867);
  });
});

describe("traceStats", () => {
  it("count, duration, rate and token quantiles", () => {
    const trace: Trace = {
      name: "t",
      requests: [1, 2, 3, 4].map((n, id) => ({
        id,
        arrivalS: 2 * n,
        inputTokens: 10 * n,
        outputTokens: n,
      })),
      skippedTooLong: 0,
      unsortedRows: 0,
    };
    const s = traceStats(trace);
    expect([s.count, s.durationS, s.meanRatePerS]).toEqual([4, 6, 0.5]);
    expect(s.input).toMatchObject({ mean: 25, p50: 25, p90: 37, max: 40, total: 100 });
    expect(s.input.p99).toBeCloseTo(39.7, 12);
    expect(traceStats({ ...trace, requests: [] }).count).toBe(0);
  });
});
