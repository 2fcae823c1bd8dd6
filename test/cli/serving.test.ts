/**
 * `wattif run` on serving scenarios: the one-point JSON contract, the files a sweep writes
 * (deterministic to the byte), and bad input (exit 2 with the file and line, no stack trace, no
 * result files). The built-in quickstart (`wattif` alone) is run by bin.test.ts.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { badInput, ok, parseCsv, snapshotDir, tempDir } from "./helpers.js";

const SUMMARY_KEYS = ["mean", "p50", "p90", "p99"] as const;
const LATENCIES = ["ttftS", "tpotS", "itlS", "e2eS"] as const;
const SCALARS = [
  "requests",
  "outputTokens",
  "durationS",
  "throughputTokS",
  "gpuEnergyJ",
  "nodeEnergyJ",
  "totalEnergyJ",
  "gpuEnergyPerOutputTokenJ",
  "totalEnergyPerOutputTokenJ",
  "gpuEnergyPerRequestJ",
  "avgGpuPowerW",
  "avgNodePowerW",
  "peakGpuPowerW",
  "gpus",
] as const;

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** Write a scenario (YAML lines) into a fresh temp folder; returns [folder, scenario path]. */
function scenario(...lines: string[]): [string, string] {
  const dir = tempDir("wattif-serving-");
  const file = join(dir, "scenario.yaml");
  writeFileSync(file, lines.join("\n") + "\n");
  return [dir, file];
}

const HEAD = ["kind: serving", "hardware: h100-sxm", "model: llama3-8b"];
/** ~20 s of Poisson arrivals: idle gaps, overlapping requests, varied lengths. */
const POISSON = [
  "seed: 3",
  "trace:",
  "  synthetic:",
  "    arrivals: {kind: poisson, ratePerS: 6}",
  "    lengths: {input: {kind: lognormal, median: 400, sigma: 0.8}, output: {kind: lognormal, median: 80, sigma: 0.8}}",
  "    count: 120",
];

/** Checks the contract's result object; returns it. */
function expectContract(r: Record<string, unknown>, requests: number): Record<string, unknown> {
  for (const k of SCALARS) expect(typeof r[k], k).toBe("number");
  for (const k of LATENCIES) {
    const s = r[k] as Record<string, unknown>;
    expect(typeof s, k).toBe("object");
    for (const q of SUMMARY_KEYS) {
      expect(typeof s[q], `${k}.${q}`).toBe("number");
      expect(s[q] as number, `${k}.${q}`).toBeGreaterThan(0);
    }
    expect(s.p50 as number).toBeLessThanOrEqual(s.p90 as number);
    expect(s.p90 as number).toBeLessThanOrEqual(s.p99 as number);
  }
  const n = (k: string) => r[k] as number;
  expect(n("requests")).toBe(requests);
  expect(Number.isInteger(n("outputTokens"))).toBe(true);
  expect(n("gpus")).toBe(1);
  expect(rel(n("gpuEnergyPerOutputTokenJ") * n("outputTokens"), n("gpuEnergyJ"))).toBeLessThan(
    1e-9,
  );
  expect(rel(n("gpuEnergyPerRequestJ") * n("requests"), n("gpuEnergyJ"))).toBeLessThan(1e-9);
  expect(rel(n("avgGpuPowerW") * n("durationS"), n("gpuEnergyJ"))).toBeLessThan(1e-9);
  // The scope identities: total = GPU + node, node = its power over the run.
  expect(rel(n("gpuEnergyJ") + n("nodeEnergyJ"), n("totalEnergyJ"))).toBeLessThan(1e-9);
  expect(rel(n("avgNodePowerW") * n("durationS"), n("nodeEnergyJ"))).toBeLessThan(1e-9);
  expect(rel(n("totalEnergyPerOutputTokenJ") * n("outputTokens"), n("totalEnergyJ"))).toBeLessThan(
    1e-9,
  );
  expect(rel(n("throughputTokS") * n("durationS"), n("outputTokens"))).toBeLessThan(1e-9);
  expect(n("peakGpuPowerW")).toBeGreaterThanOrEqual(n("avgGpuPowerW"));
  return r;
}

describe("wattif run <serving scenario>", () => {
  it.concurrent("without a sweep, --json prints one result object (the contract)", async () => {
    const [dir, file] = scenario(...HEAD, ...POISSON);
    const out = join(dir, "out");
    const stdout = await ok(["run", file, "--json", "--out", out]);
    const parsed: unknown = JSON.parse(stdout);
    expect(typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)).toBe(true);
    const r = expectContract(parsed as Record<string, unknown>, 120);
    // The one point is also the one row of points.csv and the one line of points.jsonl.
    const rows = parseCsv(readFileSync(join(out, "points.csv"), "utf8"));
    expect(rows.length).toBe(1);
    expect(rel(Number(rows[0]?.gpuEnergyJ), r.gpuEnergyJ as number)).toBeLessThan(1e-5);
    const lines = readFileSync(join(out, "points.jsonl"), "utf8").trimEnd().split("\n");
    expect(lines.length).toBe(1);
    expect(JSON.parse(lines[0] as string).gpuEnergyJ).toBe(r.gpuEnergyJ);
  });

  it.concurrent("a sweep writes points.csv, points.jsonl, frontier.csv, summary.json", async () => {
    const [dir, file] = scenario(
      ...HEAD,
      "name: small-sweep",
      ...POISSON,
      "sweep:",
      "  freqMHz: [1980, 1200]",
      "  powerCapW: [700, 400]",
      "frontier: {energy: gpuEnergyPerOutputTokenJ, latency: itlS.p50}",
    );
    const out = join(dir, "out");
    const text = await ok(["run", file, "--out", out]);
    // Deterministic to the byte: a second run prints and writes the same.
    const again = join(dir, "again");
    expect(await ok(["run", file, "--out", again])).toBe(text);
    expect(snapshotDir(again)).toEqual(snapshotDir(out));
    expect(Object.keys(snapshotDir(out)).sort()).toEqual([
      "frontier.csv",
      "latency-cdf.csv",
      "manifest.json",
      "plots/frontier.svg",
      "plots/frontier.vl.json",
      "plots/latency-cdf.svg",
      "plots/latency-cdf.vl.json",
      "plots/power.svg",
      "plots/power.vl.json",
      "points.csv",
      "points.jsonl",
      "report.html",
      "summary.json",
    ]);
    // points.csv: one row per point, knobs then every metric with nested names flattened.
    const csv = readFileSync(join(out, "points.csv"), "utf8");
    const header = csv.split("\n")[0]?.split(",") ?? [];
    for (const k of ["index", "freqMHz", "powerCapW", "onFrontier", ...SCALARS])
      expect(header).toContain(k);
    for (const k of LATENCIES) for (const q of SUMMARY_KEYS) expect(header).toContain(`${k}.${q}`);
    expect(header.some((c) => c.startsWith("gpuPowerSeriesW"))).toBe(false);
    // The latency CDFs are in latency-cdf.csv, not in points.csv's columns.
    expect(header.some((c) => c.startsWith("latencyQuantilesS"))).toBe(false);
    const rows = parseCsv(csv);
    expect(rows.map((r) => [r.freqMHz, r.powerCapW])).toEqual([
      ["1980", "700"],
      ["1980", "400"],
      ["1200", "700"],
      ["1200", "400"],
    ]);
    // points.jsonl: one full result object per point, in the same order.
    const points = readFileSync(join(out, "points.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(points.length).toBe(4);
    points.forEach((p, i) => {
      expectContract(p, 120);
      expect(p.knobs).toEqual({
        freqMHz: Number(rows[i]?.freqMHz),
        powerCapW: Number(rows[i]?.powerCapW),
      });
      expect(rel(Number(rows[i]?.["ttftS.p50"]), (p.ttftS as { p50: number }).p50)).toBeLessThan(
        1e-5,
      );
      expect(Array.isArray(p.gpuPowerSeriesW)).toBe(true);
    });
    // frontier.csv: the rows of points.csv marked on the frontier.
    const frontier = parseCsv(readFileSync(join(out, "frontier.csv"), "utf8"));
    expect(frontier.length).toBeGreaterThanOrEqual(1);
    expect(frontier).toEqual(rows.filter((r) => r.onFrontier === "true"));
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary).toMatchObject({
      scenario: "small-sweep",
      kind: "serving",
      hardware: "h100-sxm",
      model: "llama3-8b",
      requests: 120,
      points: 4,
      frontierPoints: frontier.length,
      frontierMetrics: { energy: "gpuEnergyPerOutputTokenJ", latency: "itlS.p50" },
    });
    expectContract(summary.default.result, 120);
    // The terminal table: the frontier (*) and the default setting placed among it.
    expect(text).toMatch(/^small-sweep: llama3-8b on .*120 requests/);
    expect(text).toMatch(/^default +default /m);
    expect(text).toMatch(/^\* +freqMHz=\d+ powerCapW=\d+ /m);
  });
});

describe("wattif run <serving scenario>: bad input", () => {
  const AZURE_HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens";
  const row = (s: number, input: string, output: string) =>
    `2023-11-16 18:15:${String(40 + s).padStart(2, "0")}.6805900,${input},${output}`;

  /** A scenario over `rows` (an Azure CSV beside it); returns [trace path, scenario path, out]. */
  function withTrace(rows: string[], ...extra: string[]): [string, string, string] {
    const [dir, file] = scenario(...HEAD, "trace:", "  file: trace.csv", ...extra);
    const trace = join(dir, "trace.csv");
    writeFileSync(trace, [AZURE_HEADER, ...rows].join("\n") + "\n");
    return [trace, file, join(dir, "out")];
  }

  async function refused(file: string, out: string): Promise<string> {
    const err = await badInput(["run", file, "--out", out]);
    // Bad input leaves no results behind.
    expect(existsSync(out)).toBe(false);
    return err;
  }

  // Line and column: the cell's first character (a missing cell: just past the row's end).
  it.concurrent("a negative token count: the trace file and line", async () => {
    const [trace, file, out] = withTrace([row(0, "374", "44"), row(1, "-5", "44")]);
    const err = await refused(file, out);
    expect(err).toContain(`wattif: ${trace}:3:29: ContextTokens: must not be negative, got '-5'`);
  });

  it.concurrent("a missing field (empty cell, short row): the trace file and line", async () => {
    const [trace, file, out] = withTrace([
      row(0, "374", "44"),
      row(1, "396", ""),
      row(2, "5", "6"),
    ]);
    expect(await refused(file, out)).toContain(
      `wattif: ${trace}:3:33: GeneratedTokens: missing value`,
    );
    const [trace2, file2, out2] = withTrace([
      row(0, "374", "44"),
      row(1, "5", "6"),
      "2023-11-16 18:15:42.6805900,396",
    ]);
    expect(await refused(file2, out2)).toContain(
      `wattif: ${trace2}:4:32: GeneratedTokens: row has 2 cells but the header has 3 (missing value)`,
    );
  });

  it.concurrent("a prompt longer than maxModelLen under onTooLong: reject", async () => {
    const rows = [row(0, "374", "44"), row(1, "100", "20"), row(2, "600", "44")];
    const [trace, file, out] = withTrace(
      rows,
      "  onTooLong: reject",
      "engine:",
      "  maxModelLen: 512",
    );
    const err = await refused(file, out);
    expect(err).toContain(
      `wattif: ${trace}:4: ContextTokens: prompt 600 + output 44 = 644 tokens exceed the model's context of 512 tokens`,
    );
  });

  it.concurrent("llama3-70b on one H100: does not fit in GPU memory", async () => {
    const [dir, file] = scenario(
      "kind: serving",
      "hardware: h100-sxm",
      "model: llama3-70b",
      ...POISSON,
    );
    const err = await refused(file, join(dir, "out"));
    expect(err).toMatch(/model: model does not fit in GPU memory: llama3-70b on 1 x h100-sxm/);
    expect(err).toContain("raise tp");
  });
});

describe("a trace whose every output is one token (no inter-token latency)", () => {
  const ONE_TOKEN = [
    "seed: 3",
    "trace:",
    "  synthetic:",
    "    arrivals: {kind: poisson, ratePerS: 4}",
    "    lengths: {input: {kind: lognormal, median: 300, sigma: 0.8}, output: {kind: fixed, tokens: 1}}",
    "    count: 20",
    "sweep:",
    "  freqMHz: [1980, 1200]",
  ];

  it("on the default ITL frontier is bad input naming frontier.latency, not NaN", async () => {
    const [dir, file] = scenario(...HEAD, ...ONE_TOKEN);
    const err = await badInput(["run", file, "--out", join(dir, "out")]);
    expect(err).toMatch(/frontier\.latency: itlS\.p50 has no value in this run/);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("on a TTFT frontier writes the empty summaries as empty cells and nulls", async () => {
    const [dir, file] = scenario(...HEAD, ...ONE_TOKEN, "frontier:", "  latency: ttftS.p50");
    const out = join(dir, "out");
    const text = await ok(["run", file, "--out", out]);
    expect(text).not.toMatch(/NaN|Infinity/);
    const rows = parseCsv(readFileSync(join(out, "points.csv"), "utf8"));
    for (const r of rows) {
      expect(r["itlS.p50"]).toBe("");
      expect(r["tpotS.count"]).toBe("0");
      expect(Number(r["ttftS.p50"])).toBeGreaterThan(0);
    }
    const line = JSON.parse(readFileSync(join(out, "points.jsonl"), "utf8").split("\n")[0]!);
    expect(line.tpotS).toEqual({ mean: null, p50: null, p90: null, p99: null, count: 0 });
  });

  it("with a TPOT SLO reports no samples, which miss nothing", async () => {
    const [dir, file] = scenario(
      ...HEAD,
      ...ONE_TOKEN,
      "frontier:",
      "  latency: ttftS.p50",
      "slo:",
      "  tpotS: 0.05",
    );
    const out = join(dir, "out");
    const text = await ok(["run", file, "--out", out]);
    expect(text).toContain("TPOT p90 none (no samples) vs 50.00 ms (met)");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.sloCheck).toMatchObject({ tpotP90S: null, tpotMissPct: 0 });
  });
});
