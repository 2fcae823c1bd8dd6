/**
 * `wattif run` on the estimate example end to end (table on stdout, three result files),
 * determinism, and the promise that a failing run never touches existing results. The serving
 * quickstart (`wattif` with no arguments) is covered in serving.test.ts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  expectBadInput,
  expectOk,
  ESTIMATE_EXAMPLE,
  parseCsv,
  snapshotDir,
  oneGemmScenario,
  tempDir,
  wattif,
  type CliResult,
} from "./helpers.js";

/** What a run writes: data files, manifest and report, and a plot (SVG and spec) per kind. */
const ONE_POINT_FILES = [
  "frontier.csv",
  "manifest.json",
  "points.csv",
  "report.html",
  "summary.json",
];
const RESULT_FILES = [
  "frontier.csv",
  "manifest.json",
  "plots/frontier.svg",
  "plots/frontier.vl.json",
  "points.csv",
  "report.html",
  "summary.json",
];

describe("wattif run on the estimate example", () => {
  const cwd = tempDir();
  const args = ["run", ESTIMATE_EXAMPLE];
  const out = join(cwd, "results", "h100-prefill-clocks-caps");
  let first: CliResult;
  beforeAll(async () => {
    first = await wattif(args, cwd);
  });

  it("exits 0 and prints the frontier table on stdout, the log on stderr", () => {
    const stdout = expectOk(first, args);
    expect(stdout).toMatch(
      /^h100-prefill-clocks-caps: llama3-8b prefill b1 s2048 on 1 x NVIDIA H100/,
    );
    expect(stdout).toContain("126 operating points");
    expect(stdout).toMatch(/on the time-energy frontier/);
    expect(stdout).toMatch(/^default\s/m);
    expect(stdout).toMatch(/^\*\s+1980\s+700\s/m);
    expect(first.stderr).toBe(
      "wrote points.csv, frontier.csv, summary.json, manifest.json, report.html, 1 plot(s) to results/h100-prefill-clocks-caps/\n",
    );
  });

  it("writes points.csv, frontier.csv and summary.json under results/<name>", () => {
    expect(Object.keys(snapshotDir(out))).toEqual(RESULT_FILES);
    const points = parseCsv(readFileSync(join(out, "points.csv"), "utf8"));
    expect(points).toHaveLength(126);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as {
      scenario: string;
      points: number;
      frontierPoints: number;
      default: { freqMHz: number; capBound: boolean };
    };
    expect(summary.scenario).toBe("h100-prefill-clocks-caps");
    expect(summary.points).toBe(126);
    // At the default 700 W limit the prefill already runs power-capped below the top clock.
    expect(summary.default.capBound).toBe(true);
    expect(summary.default.freqMHz).toBeLessThan(1980);
    const frontier = parseCsv(readFileSync(join(out, "frontier.csv"), "utf8"));
    expect(frontier).toHaveLength(summary.frontierPoints);
    expect(points.filter((p) => p.onFrontier === "true")).toHaveLength(frontier.length);
  });

  it("frontier.csv is sorted by time and no row dominates another", () => {
    const rows = parseCsv(readFileSync(join(out, "frontier.csv"), "utf8")).map((r) => ({
      t: Number(r.timeS),
      e: Number(r.gpuEnergyJ),
    }));
    expect(rows.length).toBeGreaterThan(1);
    for (const [i, r] of rows.entries()) {
      const next = rows[i + 1];
      if (next !== undefined) {
        expect(next.t).toBeGreaterThan(r.t);
        expect(next.e).toBeLessThan(r.e);
      }
      for (const s of rows) {
        const dominates = s.t <= r.t && s.e <= r.e && (s.t < r.t || s.e < r.e);
        expect(dominates).toBe(false);
      }
    }
  });

  it("gives byte-identical files and stdout when run again", async () => {
    const before = snapshotDir(out);
    const again = await wattif(args, cwd);
    expect(expectOk(again, args)).toBe(first.stdout);
    expect(snapshotDir(out)).toEqual(before);
  });
});

describe("a failing run never overwrites results", () => {
  const dir = tempDir();
  const out = join(dir, "out");
  const quickstart = readFileSync(ESTIMATE_EXAMPLE, "utf8");
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const bad: [string, string][] = [
    [
      "a scenario that fails to load",
      write("bad.yaml", quickstart.replace("batch: 1", "batch: -3")),
    ],
    // Loads, then fails while building the work (more layers than the model has).
    [
      "a scenario that fails while running",
      write("late.yaml", quickstart.replace("  seq: 2048", "  seq: 2048\n  layers: 99")),
    ],
  ];

  it.each(bad)("%s leaves the files of the last good run", async (_what, file) => {
    expectOk(await wattif(["run", ESTIMATE_EXAMPLE, "--out", out], dir), []);
    const before = snapshotDir(out);
    expect(Object.keys(before)).toEqual(RESULT_FILES);
    expectBadInput(await wattif(["run", file, "--out", out], dir), [file]);
    expect(snapshotDir(out)).toEqual(before);
  });
});

describe("wattif run <scenario> --json", () => {
  it("prints one JSON object for a scenario without a sweep", async () => {
    const [dir, file] = oneGemmScenario();
    const args = ["run", file, "--json"];
    const r = JSON.parse(expectOk(await wattif(args, dir), args)) as Record<string, unknown>;
    expect(r.timeS).toBeTypeOf("number");
    expect(r.gpuEnergyJ).toBeTypeOf("number");
    expect(r.totalEnergyJ).toBeTypeOf("number");
    expect(r.freqMHz).toBe(1200);
    expect(r.capBound).toBe(false);
    expect(r.lockedMHz).toBe(1200);
    expect(Object.keys(snapshotDir(join(dir, "results", "one-gemm")))).toEqual(ONE_POINT_FILES);
  });
});
