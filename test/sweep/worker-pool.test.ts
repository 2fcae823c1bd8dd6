/**
 * The sweep pool: with 2 workers this process and one child both run points, every point runs
 * exactly once with the same outcome as in-process, a child killed mid-point fails only that
 * point (its other held points run elsewhere), and an error in the caller's callback ends the
 * run without leaving children behind.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runOnPool, type WorkerOutcome } from "../../src/sweep/worker-pool.js";
import { runPoint, type PointJob } from "../../src/sweep/run-point.js";
import { tempDir } from "../cli/helpers.js";

/** Serving points of `requests` requests each (a few tens of ms): long enough to be killed in. */
function servingJobs(n: number, requests: number): PointJob[] {
  const file = join(tempDir("wattif-pool-"), "sweep.yaml");
  return Array.from({ length: n }, (_, index) => ({
    index,
    file,
    doc: {
      kind: "serving",
      name: "pool",
      seed: 1,
      hardware: "h100-sxm",
      model: "llama3-8b",
      engine: { maxNumSeqs: 8 + 8 * index },
      trace: {
        synthetic: {
          arrivals: { kind: "poisson", ratePerS: 8 },
          lengths: {
            input: { kind: "lognormal", median: 300, sigma: 0.8 },
            output: { kind: "lognormal", median: 60, sigma: 0.7 },
          },
          count: requests,
        },
      },
    },
  }));
}

async function collect(
  jobs: PointJob[],
  workers: number,
  onEach: (o: WorkerOutcome) => void = () => undefined,
): Promise<WorkerOutcome[]> {
  const out: WorkerOutcome[] = [];
  await runOnPool(jobs, workers, (o) => {
    out.push(o);
    onEach(o);
  });
  return out.sort((a, b) => a.index - b.index);
}

/** Whether process `pid` is gone within `seconds` (a kill takes a moment to be reaped). */
async function endsWithin(pid: number, seconds: number): Promise<boolean> {
  for (let waitedMs = 0; waitedMs < seconds * 1e3; waitedMs += 50) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const withoutWorker = ({ worker: _w, ...rest }: WorkerOutcome) => rest;

describe("runOnPool", () => {
  it("runs every point once, on this process and a child, as in-process", async () => {
    const jobs = servingJobs(8, 40);
    const outcomes = await collect(jobs, 2);
    expect(outcomes.map((o) => o.index)).toEqual(jobs.map((j) => j.index));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const workers = new Set(outcomes.map((o) => o.worker));
    expect(workers.size).toBe(2);
    expect(workers.has(process.pid)).toBe(true);
    for (const [k, job] of jobs.entries()) {
      expect(withoutWorker(outcomes[k]!)).toEqual(await runPoint(job));
    }
  });

  it("with one worker runs everything in this process", async () => {
    const outcomes = await collect(servingJobs(3, 20), 1);
    expect(new Set(outcomes.map((o) => o.worker))).toEqual(new Set([process.pid]));
  });

  it("fails only the point a killed child was running; its other points run elsewhere", async () => {
    const jobs = servingJobs(10, 300);
    const spawned: number[] = [];
    let killed: number | undefined;
    const out: WorkerOutcome[] = [];
    await runOnPool(
      jobs,
      2,
      (o) => {
        out.push(o);
        // At this process's first point the child is still starting or on its first point
        // (a child's start alone takes longer), holding three: it is killed holding them.
        if (killed === undefined && o.worker === process.pid) {
          killed = spawned[0];
          process.kill(killed!, "SIGKILL");
        }
      },
      { onSpawn: (pid) => spawned.push(pid) },
    );
    const outcomes = out.sort((a, b) => a.index - b.index);
    expect(outcomes.map((o) => o.index)).toEqual(jobs.map((j) => j.index));
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      ok: false,
      badInput: false,
      worker: killed,
      error: "internal error: worker process ended (SIGKILL)",
    });
    // A second child took the killed one's place and ran the points it had not started.
    expect(spawned).toHaveLength(2);
    expect(outcomes.filter((o) => o.ok && o.worker === spawned[1]).length).toBeGreaterThan(0);
  });

  it("rejects when the callback throws, and ends its children", async () => {
    const children = new Set<number>();
    const run = collect(servingJobs(6, 40), 2, (o) => {
      if (o.worker !== process.pid) {
        children.add(o.worker);
        throw new Error("disk full");
      }
    });
    await expect(run).rejects.toThrow("disk full");
    expect(children.size).toBe(1);
    for (const pid of children) expect(await endsWithin(pid, 30)).toBe(true);
  });
});
