/** Batch-sweep scenarios for the CLI tests, written to fresh temp folders. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SIMULATION_LOG_ENV } from "../../src/sweep/run-point.js";
import { ROOT, tempDir, wattif, type CliResult } from "./helpers.js";

/** The result files two runs of one sweep must give byte for byte. */
const COMPARED = [
  "points.csv",
  "frontier.csv",
  "summary.json",
  "failures.json",
  "report.html",
  "plots/frontier.svg",
  "plots/frontier.vl.json",
  "manifest.json",
];

export function files(dir: string): Record<string, string> {
  return Object.fromEntries(COMPARED.map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

/** Run with the simulation hook on; returns the run and the indexes it simulated. */
export async function counted(args: string[], cwd: string): Promise<[CliResult, number[]]> {
  const log = join(tempDir("wattif-simlog-"), "simulated.txt");
  writeFileSync(log, "");
  process.env[SIMULATION_LOG_ENV] = log;
  try {
    const r = await wattif(args, cwd);
    const lines = readFileSync(log, "utf8").split("\n").filter(Boolean).map(Number);
    return [r, lines.sort((a, b) => a - b)];
  } finally {
    delete process.env[SIMULATION_LOG_ENV];
  }
}

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

/**
 * A Zeus sweep over eta and the replay's seed on one job and one GPU (4 points of 72 batch size x
 * limit rows each), its trace folder a copy of data/zeus (to edit).
 */
export function zeusSweep(): [dir: string, file: string] {
  const dir = tempDir("wattif-sweep-");
  mkdirSync(join(dir, "trace"));
  for (const f of ["summary_train.csv", "summary_power_a40.csv"])
    copyFileSync(join(ROOT, "data", "zeus", f), join(dir, "trace", f));
  const file = join(dir, "zeus.yaml");
  writeFileSync(
    file,
    [
      "kind: zeus",
      "name: zeus-sweep",
      "trace: trace",
      "workloads: [cifar100]",
      "gpus: [a40]",
      "sweep:",
      "  eta: [0.25, 0.75]",
      "  seed: [1, 2]",
    ].join("\n") + "\n",
  );
  return [dir, file];
}

/**
 * A capacity plan swept over the facility's PUE and the p90 TTFT target: two candidates on 20 s
 * of the Azure conversation trace, up to 4 replicas (4 points of 2 rows each).
 */
export function capacitySweep(): [dir: string, file: string] {
  const dir = tempDir("wattif-sweep-");
  const file = join(dir, "capacity.yaml");
  writeFileSync(
    file,
    [
      "kind: capacity",
      "name: capacity-sweep",
      "serving:",
      "  model: llama3-8b",
      "  hardware: h100-sxm",
      "  trace:",
      `    file: ${join(ROOT, "data", "traces", "azure_conv_2023_slice.csv")}`,
      "    window: { startS: 0, endS: 20 }",
      "  engine: { maxNumSeqs: 64 }",
      "slo: { ttftP90S: 0.5, tpotP90S: 0.05 }",
      "candidates:",
      "  - name: h100",
      "  - name: h100-cap450",
      "    policy: { kind: powerCap, powerCapW: 450 }",
      "maxReplicas: 4",
      "datacenter: { electricityUsdPerKWh: 0.08, carbonKgPerKWh: 0.35, gpuUsdPerHour: 2.5 }",
      "sweep:",
      "  datacenter.pue: [1.1, 1.5]",
      "  slo.ttftP90S: [0.5, 0.001]",
    ].join("\n") + "\n",
  );
  return [dir, file];
}
