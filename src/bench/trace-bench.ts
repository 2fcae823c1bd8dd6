/**
 * Load time and figures of the full Azure 2023 traces (data/traces), for `npm run bench`:
 * timings depend on the machine, so this is a benchmark, not a test.
 * Each figure is set beside the published one so a loader regression shows.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadTrace } from "../workload/serving/load-trace.js";
import { traceStats, type TraceStats } from "../workload/serving/trace-stats.js";

/** Published figures (REFERENCE.md section 5; Splitwise, ISCA 2024). */
export const AZURE_2023_PUBLISHED = {
  azure_llm_inference_2023_conv: { count: 19_366, inputP50: 1_020, outputP50: 129 },
  azure_llm_inference_2023_code: { count: 8_819, inputP50: 1_469, outputP50: 13 },
} as const;

export interface TraceBenchRow {
  file: string;
  stats: TraceStats;
  /** Median wall time of one load (read + parse + sort), ms. */
  loadMs: number;
  /** Count and both p50s equal the published figures. */
  matchesPublished: boolean;
}

/** Each present trace of `dir` loaded `repeats` times; absent files are left out. */
export function benchAzureTraces(dir: string, repeats = 5): TraceBenchRow[] {
  const rows: TraceBenchRow[] = [];
  for (const [name, want] of Object.entries(AZURE_2023_PUBLISHED)) {
    const file = join(dir, `${name}.csv`);
    if (!existsSync(file)) continue;
    const times: number[] = [];
    let stats: TraceStats | undefined;
    for (let i = 0; i < repeats; i++) {
      const start = performance.now();
      const trace = loadTrace({ file, format: "azure" });
      times.push(performance.now() - start);
      stats ??= traceStats(trace);
    }
    if (stats === undefined) continue;
    times.sort((a, b) => a - b);
    rows.push({
      file,
      stats,
      loadMs: times[Math.floor(times.length / 2)] ?? NaN,
      matchesPublished:
        stats.count === want.count &&
        stats.input.p50 === want.inputP50 &&
        stats.output.p50 === want.outputP50,
    });
  }
  return rows;
}
