/** Batch-sweep scenarios for the CLI tests, written to fresh temp folders. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./helpers.js";

/**
 * A serving hardware comparison: two profiles (one hypothetical) x three engine batch limits,
 * each point also sweeping two clocks (the serving kind's own sweep field): 6 points, 12 rows.
 * `requests` sets the cost of a point.
 */
export function servingSweep(requests = 60): [dir: string, file: string] {
  const dir = tempDir("wattif-sweep-");
  const file = join(dir, "sweep.yaml");
  writeFileSync(
    file,
    [
      "kind: serving",
      "name: hw-compare",
      "seed: 3",
      "hardware: h100-sxm",
      "model: llama3-8b",
      "trace:",
      "  synthetic:",
      "    arrivals: { kind: poisson, ratePerS: 4 }",
      "    lengths:",
      "      input: { kind: lognormal, median: 300, sigma: 0.8 }",
      "      output: { kind: lognormal, median: 40, sigma: 0.7 }",
      `    count: ${requests}`,
      "sweep:",
      "  hardware: [h100-sxm, hypothetical-h100-2xhbm]",
      "  engine.maxNumSeqs: [4, 16, 64]",
      "  freqMHz: [1980, 1200]",
    ].join("\n") + "\n",
  );
  return [dir, file];
}

/** An estimate sweep whose second point loads but fails while running (99 layers). */
export function partlyFailingSweep(): [dir: string, file: string] {
  const dir = tempDir("wattif-sweep-");
  const file = join(dir, "fails.yaml");
  writeFileSync(
    file,
    [
      "kind: estimate",
      "name: partly-failing",
      "hardware: h100-sxm",
      "workload: { model: llama3-8b, phase: prefill, batch: 1, seq: 512 }",
      "sweep:",
      "  workload.layers: [2, 99, 4]",
    ].join("\n") + "\n",
  );
  return [dir, file];
}
