/**
 * Both Azure LLM inference traces of 2023, as published, load with the published figures
 * (REFERENCE.md section 5): counts, spans and median prompt and output lengths.
 */
import { describe, expect, it } from "vitest";
import { loadTrace } from "../../../src/workload/serving/load-trace.js";
import { traceStats } from "../../../src/workload/serving/trace-stats.js";

describe("the full Azure 2023 traces", () => {
  it("conversation: 19,366 requests over ~58 min, prompt p50 1,020, output p50 129", () => {
    const t = loadTrace({ file: "data/traces/azure_llm_inference_2023_conv.csv", format: "azure" });
    const s = traceStats(t);
    expect(s.count).toBe(19_366);
    expect(s.durationS / 60).toBeCloseTo(58.4, 1);
    expect(s.input.p50).toBe(1_020);
    expect(s.output.p50).toBe(129);
    expect(s.input.max).toBe(14_050);
    expect(t.unsortedRows).toBe(0);
  });

  it("code: 8,819 requests over ~57 min, prompt p50 1,469, output p50 13", () => {
    const s = traceStats(
      loadTrace({ file: "data/traces/azure_llm_inference_2023_code.csv", format: "azure" }),
    );
    expect(s.count).toBe(8_819);
    expect(s.durationS / 60).toBeCloseTo(57.3, 1);
    expect(s.input.p50).toBe(1_469);
    expect(s.output.p50).toBe(13);
  });
});
