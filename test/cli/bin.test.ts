/**
 * The built executable (dist/cli/main.js, as `npx wattif` runs it) in its own process: what the
 * in-process CLI tests cannot see - the `#!` line, the exit status the process really ends with,
 * which stream each kind of text reaches, and no stack trace on bad input. Every other CLI test
 * runs the same code in-process (helpers.ts).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ESTIMATE_EXAMPLE,
  expectBadInput,
  expectOk,
  parseCsv,
  QUICKSTART,
  snapshotDir,
  spawnWattif,
  oneGemmScenario,
  tempDir,
} from "./helpers.js";

describe.concurrent("the wattif executable", () => {
  // What `npx wattif` does: the full quickstart, in the built executable (native speed, its own
  // process). Byte-determinism of serving sweeps is checked in serving.test.ts, the
  // quickstart's numbers by its golden (examples.test.ts, cut down; npm run bench, full size).
  it("alone, runs the built-in quickstart: the frontier with the default, and its files", async () => {
    const dir = tempDir("wattif-qs-");
    const r = await spawnWattif([], { cwd: dir });
    const text = expectOk(r, []);
    expect(text).toMatch(/^quickstart: llama3-8b on .*H100.*, 2867 requests/);
    expect(text).toMatch(/14 operating points, \d+ meet the SLO, \d+ on the frontier/);
    expect(text).toMatch(/^default +default /m);
    expect(text).toMatch(/^\* +freqMHz=/m);
    expect(text).toMatch(/lowest energy meeting the SLO: /);
    expect(r.stderr).toBe(
      "wrote points.csv, points.jsonl, latency-cdf.csv, frontier.csv, frontier.all.csv, summary.json, manifest.json, report.html, 3 plot(s) to results/quickstart/\n",
    );
    const files = snapshotDir(join(dir, "results", "quickstart"));
    expect(Object.keys(files).sort()).toEqual([
      "frontier.all.csv",
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
    expect(parseCsv(files["points.csv"] as string).length).toBe(14);
    expect(files["points.jsonl"]?.trimEnd().split("\n").length).toBe(14);
    const summary = JSON.parse(files["summary.json"] as string);
    expect(summary).toMatchObject({ scenario: "quickstart", kind: "serving", points: 14 });
    expect(summary.requests).toBe(2867);
  });

  it("runs through its #! line: --help on stdout, exit 0", async () => {
    const r = await spawnWattif(["--help"], { direct: true });
    expect(expectOk(r, ["--help"])).toMatch(/^wattif <command> \[options\]/);
    expect(r.stdout).toMatch(/wattif run \[scenario\]/);
    expect(r.stderr).toBe("");
  });

  it("--version prints the package version", async () => {
    const r = await spawnWattif(["--version"]);
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(expectOk(r, ["--version"])).toBe(`${version}\n`);
  });

  it("validate: exit 0, the verdict on stdout", async () => {
    const args = ["validate", QUICKSTART];
    const r = await spawnWattif(args);
    expect(expectOk(r, args)).toBe(
      `ok: ${QUICKSTART}: serving scenario 'quickstart', 14 point(s)\n`,
    );
    expect(r.stderr).toBe("");
  });

  it("run: results on stdout, the log on stderr, files written under the working directory", async () => {
    const [dir, file] = oneGemmScenario();
    const args = ["run", file, "--json"];
    const r = await spawnWattif(args, { cwd: dir });
    const result = JSON.parse(expectOk(r, args)) as Record<string, unknown>;
    expect(result.freqMHz).toBe(1200);
    expect(r.stderr).toBe(
      "wrote points.csv, frontier.csv, summary.json, manifest.json, report.html to results/one-gemm/\n",
    );
    expect(Object.keys(snapshotDir(join(dir, "results", "one-gemm")))).toEqual([
      "frontier.csv",
      "manifest.json",
      "points.csv",
      "report.html",
      "summary.json",
    ]);
  });

  it("a usage error (unknown flag): exit 2, a short message on stderr, nothing on stdout", async () => {
    const args = ["estimate", "--op", "copy", "--bytes", "1024", "--bogus", "1"];
    const err = expectBadInput(await spawnWattif(args), args);
    expect(err).toBe("wattif: Unknown argument: bogus\n\nRun 'wattif --help' for usage.\n");
  });

  it("a bad scenario file: exit 2 with file:line:col, no stack trace, no results", async () => {
    const dir = tempDir();
    const file = join(dir, "bad.yaml");
    writeFileSync(file, readFileSync(ESTIMATE_EXAMPLE, "utf8").replace("batch: 1", "batch: -3"));
    const args = ["run", file, "--out", join(dir, "out")];
    const err = expectBadInput(await spawnWattif(args, { cwd: dir }), args);
    expect(err).toMatch(
      new RegExp(
        `^wattif: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:10: workload.batch: must be >= 1`,
      ),
    );
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("bad input met inside a command (an unknown profile): exit 2", async () => {
    const args = ["estimate", "--hardware", "h999", "--op", "copy", "--bytes", "1024"];
    const err = expectBadInput(await spawnWattif(args), args);
    expect(err).toMatch(/^wattif: unknown hardware profile 'h999'/);
  });
});
