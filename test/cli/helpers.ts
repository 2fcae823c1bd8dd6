/**
 * Helpers for the CLI tests. Most run the command line in the test's own process (`runCli`, the
 * code in src/): a process start costs more than most commands. bin.test.ts spawns the built
 * executable (dist/, kept current by test/global-setup.ts) for what only a real process shows.
 * Both check the conventions every command keeps (exit codes, stdout for data, stderr for errors).
 * Nothing here has a time limit: a slow machine gives the same results, later.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect } from "vitest";
import { runCli, type CliResult } from "./run-cli.js";

export type { CliResult };

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI = join(ROOT, "dist", "cli", "main.js");
export const PROFILES_DIR = join(ROOT, "hardware-profiles");
export const QUICKSTART = join(ROOT, "scenarios", "quickstart.yaml");
/** The estimate example (the quickstart before the serving one replaced it). */
export const ESTIMATE_EXAMPLE = join(ROOT, "scenarios", "h100-prefill-clocks-caps.yaml");
export const KERNELS_CSV = join(ROOT, "data", "h100", "h100_sxm_kernels.csv");

// As the spawned runs did (WATTIF_DEBUG=""): no stack traces, whatever the caller's shell sets.
delete process.env.WATTIF_DEBUG;

/**
 * Run `wattif ...args` in this process with `cwd` (default: the repository root) as its working
 * directory. Runs queue one at a time (see runCli), so concurrent tests stay correct.
 */
export function wattif(args: readonly string[], cwd: string = ROOT): Promise<CliResult> {
  return runCli(args, { cwd });
}

/**
 * Spawn the built executable, `node dist/cli/main.js ...args` (or `dist/cli/main.js` itself
 * through its `#!` line with `direct`), in `cwd` and wait for it to end, however long it takes.
 */
export function spawnWattif(
  args: readonly string[],
  opts: { cwd?: string; direct?: boolean } = {},
): Promise<CliResult> {
  const [command, argv] = opts.direct ? [CLI, args] : [process.execPath, [CLI, ...args]];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, argv, {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, WATTIF_DEBUG: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (status, signal) =>
      status === null
        ? reject(new Error(`wattif ${args.join(" ")} ended by signal ${signal}`))
        : resolvePromise({ status, stdout, stderr }),
    );
  });
}

/** Check a run ended with exit 0 and no stack trace; returns stdout. */
export function expectOk(r: CliResult, args: readonly string[]): string {
  expect(r.stderr, `stderr of wattif ${args.join(" ")}`).not.toContain("    at ");
  expect(r.status, `exit of wattif ${args.join(" ")}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/**
 * Check a run was refused as bad input: exit 2, nothing on stdout, a short message on stderr that
 * starts with `wattif: ` and carries no stack trace. Returns stderr.
 */
export function expectBadInput(r: CliResult, args: readonly string[]): string {
  expect(r.status, `exit of wattif ${args.join(" ")}: ${r.stderr}`).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^wattif: /);
  expect(r.stderr).not.toContain("    at ");
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toMatch(/\(node:\d+\) Warning/);
  expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(12);
  return r.stderr;
}

/** Run and expect exit 0; returns stdout. */
export async function ok(args: readonly string[], cwd?: string): Promise<string> {
  return expectOk(await wattif(args, cwd), args);
}

/** Run and expect bad input (exit 2, see `expectBadInput`); returns stderr. */
export async function badInput(args: readonly string[], cwd?: string): Promise<string> {
  return expectBadInput(await wattif(args, cwd), args);
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test file's tests (callable inside tests too). */
export function tempDir(prefix = "wattif-cli-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Every file under `dir` (relative path -> content), for before/after comparisons. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    try {
      out[name] = readFileSync(join(dir, name), "utf8");
    } catch {
      // a folder
    }
  }
  return out;
}

/** Parse CSV text without quoting (what wattif writes for numbers and booleans). */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trimEnd().split("\n");
  const cols = (header ?? "").split(",");
  return rows.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ""]));
  });
}

/** A one-point estimate scenario (a 4096^3 GEMM locked at 1200 MHz) in a fresh temp folder. */
export function oneGemmScenario(): [dir: string, file: string] {
  const dir = tempDir();
  const file = join(dir, "one.yaml");
  writeFileSync(
    file,
    [
      "kind: estimate",
      "name: one-gemm",
      "hardware: h100-sxm",
      "workload: { op: gemm, m: 4096, n: 4096, k: 4096, dtype: bf16 }",
      "operatingPoint: { freqMHz: 1200 }",
    ].join("\n") + "\n",
  );
  return [dir, file];
}
