import { describe, expect, it } from "vitest";
import { inputError } from "../../input/input-error-helpers.js";
import {
  applyTraceOptions,
  parsePlainCsvTrace,
  syntheticTrace,
  type Trace,
} from "../../../src/workload/serving/index.js";

// Arrivals 10..19 s (line n+2 arrives at 10+n), prompts 100*(n+1), outputs 10.
const TRACE: Trace = parsePlainCsvTrace(
  "arrival_s,input_tokens,output_tokens\n" +
    Array.from({ length: 10 }, (_, n) => `${10 + n},${100 * (n + 1)},10`).join("\n"),
  "t.csv",
);
const arrivals = (t: Trace) => t.requests.map((r) => r.arrivalS);
const inputs = (t: Trace) => t.requests.map((r) => r.inputTokens);

describe("applyTraceOptions", () => {
  it("no options: the same requests", () => {
    expect(applyTraceOptions(TRACE, {})).toEqual(TRACE);
  });

  it("window is relative to the first arrival, [start, end), re-based to start at 0", () => {
    const t = applyTraceOptions(TRACE, { window: { startS: 2, endS: 5 } });
    expect(arrivals(t)).toEqual([0, 1, 2]);
    expect(inputs(t)).toEqual([300, 400, 500]);
    expect(t.requests.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(arrivals(applyTraceOptions(TRACE, { window: { endS: 2 } }))).toEqual([0, 1]);
    expect(arrivals(applyTraceOptions(TRACE, { window: { startS: 8.5 } }))).toEqual([0.5]);
  });

  it("an empty window is an error that gives the trace's span", () => {
    const e = inputError(() => applyTraceOptions(TRACE, { window: { startS: 20 } }));
    expect([e.file, e.path]).toEqual(["t.csv", "window"]);
    expect(e.detail).toMatch(/spans 9\.000 s/);
  });

  it("rateScale 2 halves arrival times and inter-arrival gaps", () => {
    const t = applyTraceOptions(TRACE, { rateScale: 2 });
    expect(arrivals(t)).toEqual(arrivals(TRACE).map((a) => a / 2));
  });

  it("limit keeps the earliest requests", () => {
    expect(inputs(applyTraceOptions(TRACE, { limit: 3 }))).toEqual([100, 200, 300]);
    expect(applyTraceOptions(TRACE, { limit: 99 }).requests).toHaveLength(10);
  });

  it("applies window, then rate scale, then limit, then the context check", () => {
    const t = applyTraceOptions(TRACE, {
      window: { startS: 1 },
      rateScale: 4,
      limit: 5,
      maxContextTokens: 410,
      onTooLong: "skip",
    });
    // Window drops the first; limit keeps 200..600; prompts 500 and 600 (+10 output) do not fit.
    expect(inputs(t)).toEqual([200, 300, 400]);
    expect(arrivals(t)).toEqual([0, 0.25, 0.5]);
    expect(t.skippedTooLong).toBe(2);
    // A too-long prompt past the limit does not stop the run, even under reject.
    expect(applyTraceOptions(TRACE, { limit: 3, maxContextTokens: 310 }).requests).toHaveLength(3);
  });

  it("reject (the default) names the file, line and field of the first too-long row", () => {
    const e = inputError(() => applyTraceOptions(TRACE, { maxContextTokens: 605 }));
    // Prompt 600 + output 10 = 610 > 605: the row with prompt 600 is on line 7.
    expect([e.code, e.file, e.line, e.path]).toEqual(["VALUE", "t.csv", 7, "input_tokens"]);
    expect(e.detail).toMatch(
      /prompt 600 \+ output 10 = 610 tokens exceed the model's context of 605/,
    );
  });

  it("prompt + output must fit, not just the prompt; a fit to the token is kept", () => {
    expect(applyTraceOptions(TRACE, { maxContextTokens: 1010 }).requests).toHaveLength(10);
    const t = applyTraceOptions(TRACE, { maxContextTokens: 1009, onTooLong: "skip" });
    expect([t.requests.length, t.skippedTooLong]).toEqual([9, 1]);
  });

  it("skipping everything is an error; skip counts add up over applications", () => {
    const e = inputError(() =>
      applyTraceOptions(TRACE, { maxContextTokens: 50, onTooLong: "skip" }),
    );
    expect(e.path).toBe("maxContextTokens");
    const once = applyTraceOptions(TRACE, { maxContextTokens: 1000, onTooLong: "skip" });
    const twice = applyTraceOptions(once, { maxContextTokens: 900, onTooLong: "skip" });
    expect([once.skippedTooLong, twice.skippedTooLong]).toEqual([1, 2]);
  });

  it("a synthetic trace's too-long request is named by its id", () => {
    const syn = syntheticTrace({
      seed: 1,
      arrivals: { kind: "all-at-zero" },
      lengths: { input: { kind: "fixed", tokens: 100 }, output: { kind: "fixed", tokens: 1 } },
      count: 3,
    });
    const e = inputError(() => applyTraceOptions(syn, { maxContextTokens: 64 }));
    expect([e.file, e.line, e.path]).toEqual([undefined, undefined, "inputTokens"]);
    expect(e.detail).toMatch(/^request 0: prompt 100/);
  });

  it.each([
    [{ window: { startS: -1 } }, "window.startS"],
    [{ window: { startS: 5, endS: 5 } }, "window.endS"],
    [{ rateScale: 0 }, "rateScale"],
    [{ rateScale: Number.NaN }, "rateScale"],
    [{ limit: 1.5 }, "limit"],
    [{ limit: 0 }, "limit"],
    [{ maxContextTokens: -1 }, "maxContextTokens"],
    [{ onTooLong: "truncate" as "skip" }, "onTooLong"],
  ])("bad option %j names its path", (opts, path) => {
    expect(inputError(() => applyTraceOptions(TRACE, opts)).path).toBe(path);
  });

  it("does not modify the input trace", () => {
    const before = structuredClone(TRACE);
    applyTraceOptions(TRACE, { window: { startS: 1 }, rateScale: 3, limit: 2 });
    expect(TRACE).toEqual(before);
  });
});
