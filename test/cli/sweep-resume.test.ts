/**
 * A batch sweep killed with SIGKILL mid-run (the built executable, in its own process with its
 * pool of children) and started again finishes with the same files as an uninterrupted run, and
 * simulates none of the points it had finished (counted through WATTIF_SIMULATION_LOG, which
 * every process appends to when it starts simulating a point). While it runs, its points.jsonl
 * grows in a work folder beside the output folder, which holds no result files until the end;
 * the resumed run removes the killed run's work folder.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { SIMULATION_LOG_ENV } from "../../src/sweep/run-point.js";
import { CLI, expectOk, tempDir, wattif } from "./helpers.js";
import { files, servingSweep } from "./sweep-fixtures.js";

function linesOf(file: string): string[] {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
}

/** The work folders of runs into `<dir>/killed`. */
const workFolders = (dir: string) => readdirSync(dir).filter((e) => /^\.killed\..*\.work$/.test(e));

/** Indexes of the points the running sweep's points.jsonl lists as finished (whole lines only). */
function finishedIn(dir: string): Set<number> {
  const out = new Set<number>();
  const work = workFolders(dir)[0];
  if (work === undefined) return out;
  for (const line of linesOf(join(dir, work, "points.jsonl"))) {
    try {
      const p = JSON.parse(line) as { point: number; ok: boolean };
      if (p.ok) out.add(p.point);
    } catch {
      // a torn line is not a finished point
    }
  }
  return out;
}

describe("a batch sweep killed with SIGKILL", () => {
  it("resumes where it stopped and ends identical to an uninterrupted run", async () => {
    const [dir, file] = servingSweep(200);
    const simLog = join(tempDir("wattif-simlog-"), "first.txt");
    writeFileSync(simLog, "");
    const child = spawn(process.execPath, [CLI, "run", file, "--workers", "2", "--out", "killed"], {
      cwd: dir,
      env: { ...process.env, [SIMULATION_LOG_ENV]: simLog, WATTIF_DEBUG: "" },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Wait (however long it takes) for the first finished point, then kill the parent at once.
    while (finishedIn(dir).size === 0) await sleep(20);
    child.kill("SIGKILL");
    await exited;
    const finished = finishedIn(dir);
    expect(finished.size).toBeGreaterThan(0);
    // Killed mid-run: some points were left to do, or the test shows nothing.
    expect(finished.size).toBeLessThan(6);
    expect(existsSync(join(dir, "killed", "points.csv"))).toBe(false);
    expect(existsSync(join(dir, "killed", "points.jsonl"))).toBe(false);

    const again = join(tempDir("wattif-simlog-"), "second.txt");
    writeFileSync(again, "");
    const resumed = await new Promise<{ status: number | null }>((resolve) => {
      const c = spawn(process.execPath, [CLI, "run", file, "--workers", "2", "--out", "killed"], {
        cwd: dir,
        env: { ...process.env, [SIMULATION_LOG_ENV]: again, WATTIF_DEBUG: "" },
        stdio: "ignore",
      });
      c.on("exit", (status) => resolve({ status }));
    });
    expect(resumed.status).toBe(0);
    expect(workFolders(dir)).toEqual([]);
    const simulatedAgain = linesOf(again).map(Number);
    for (const p of finished) expect(simulatedAgain).not.toContain(p);
    expect(new Set([...finished, ...simulatedAgain])).toEqual(new Set([0, 1, 2, 3, 4, 5]));

    expectOk(await wattif(["run", file, "--workers", "1", "--out", "whole"], dir), []);
    expect(files(join(dir, "killed"))).toEqual(files(join(dir, "whole")));
  });
});
