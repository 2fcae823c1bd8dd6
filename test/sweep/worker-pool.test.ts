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
    let killed: number | undefined;
    const outcomes = await collect(jobs, 2, (o) => {
      if (killed === undefined && o.worker !== process.pid) {
        killed = o.worker;
        process.kill(o.worker, "SIGKILL");
      }
    });
    expect(killed).toBeDefined();
    expect(outcomes.map((o) => o.index)).toEqual(jobs.map((j) => j.index));
    const failed = outcomes.filter((o) => !o.ok);
    // The kill lands while the child runs its next point (tens of ms) unless it had already
    // answered every point it held: at most that one point fails, and it names the signal.
    expect(failed.length).toBeLessThanOrEqual(1);
    for (const f of failed) {
      expect(f).toMatchObject({ ok: false, badInput: false, worker: killed });
      expect(f.ok ? "" : f.error).toBe("internal error: worker process ended (SIGKILL)");
    }
    const after = outcomes.filter((o) => o.ok && o.worker !== process.pid && o.worker !== killed);
    expect(after.length).toBeGreaterThan(0);
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
