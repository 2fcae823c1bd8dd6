/**
 * Run sweep points on `workers` processes: this one and `workers - 1` children (node:child_process
 * fork; worker threads were measured 2x slower per replay, child processes scale). This process
 * counts as a worker because it is already warm (modules loaded, schemas compiled, profiles read
 * while planning) while a child spends its first ~0.5 s starting up; it also leaves no core idle
 * waiting on answers. Each child holds up to PREFETCH points, so it never waits for this process
 * to finish a point of its own before it gets the next. Outcomes arrive in completion order; the
 * caller orders them. A child that dies fails the point it was running (the first it holds), its
 * other points go back to the queue, and a new child takes its place.
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { packagePath } from "../input/project-paths.js";
import { runPoint, type PointJob, type PointOutcome } from "./run-point.js";

export type WorkerOutcome = PointOutcome & { worker: number };

/**
 * Points a child holds at once: the one it runs and two more, so it does not go idle while its
 * answers wait for this process to finish a point of its own (100 points of 80 ms on 2 cores:
 * 1.68x with 2, 1.70x with 3; more only lengthens the tail, where one process waits on the other).
 */
const PREFETCH = 3;

/**
 * V8 flags for the children: with a process per core, V8's helper threads for garbage collection
 * only take time from the other workers (measured: same time per point, ~7% less CPU).
 */
const CHILD_EXEC_ARGV = ["--single-threaded-gc"];

/** The child's module: beside this one when built; the built one when running from source. */
function childModule(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return fileURLToPath(new URL("./point-child.js", import.meta.url));
  const built = packagePath("dist/sweep/point-child.js");
  if (!existsSync(built)) throw new Error(`${built} is missing: run 'npm run build'`);
  return built;
}

export interface PoolHooks {
  /** Called with each child's process id as it is started (tests and diagnostics). */
  onSpawn?: (pid: number) => void;
}

export async function runOnPool(
  jobs: readonly PointJob[],
  workers: number,
  onOutcome: (o: WorkerOutcome) => void,
  hooks: PoolHooks = {},
): Promise<void> {
  const queue = [...jobs].reverse();
  const take = (): PointJob | undefined => queue.pop();
  const children = Math.min(workers - 1, Math.max(0, jobs.length - 1));
  if (children <= 0) {
    for (let job = take(); job !== undefined; job = take()) {
      onOutcome({ ...(await runPoint(job)), worker: process.pid });
    }
    return;
  }
  const script = childModule();
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const alive = new Set<ChildProcess>();
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      queue.length = 0;
      for (const c of alive) c.kill();
      reject(e);
    };
    /** Hands an outcome to the caller; false (and the run fails) when the caller throws. */
    const deliver = (o: WorkerOutcome): boolean => {
      try {
        onOutcome(o);
        return true;
      } catch (e) {
        fail(e as Error);
        return false;
      }
    };
    let live = 0;
    let selfDone = false;
    const settle = () => {
      if (!failed && selfDone && live === 0) resolve();
    };
    const start = () => {
      const child: ChildProcess = fork(script, [], {
        stdio: ["ignore", "ignore", "pipe", "ipc"],
        serialization: "json",
        execArgv: CHILD_EXEC_ARGV,
      });
      live++;
      alive.add(child);
      if (child.pid !== undefined) hooks.onSpawn?.(child.pid);
      /** Points sent and not answered, in the order the child runs them. */
      const held: PointJob[] = [];
      let disconnected = false;
      child.stderr?.setEncoding("utf8").on("data", (s: string) => process.stderr.write(s));
      const fill = () => {
        while (!disconnected && held.length < PREFETCH) {
          const job = take();
          if (job === undefined) break;
          held.push(job);
          // A send to a child that has just died fails here, not as an 'error' event: its exit
          // (below) then fails the point it was running and puts this one back in the queue.
          child.send(job, () => undefined);
        }
        if (!disconnected && held.length === 0) {
          disconnected = true;
          child.disconnect();
        }
      };
      child.on("message", (o: WorkerOutcome) => {
        held.shift();
        if (!failed && deliver(o)) fill();
      });
      child.on("error", (e) => fail(e));
      child.on("exit", (code, signal) => {
        live--;
        alive.delete(child);
        const running = held.shift();
        if (running !== undefined && !failed) {
          // The points it held but had not started go back to the queue, to run first.
          queue.push(...held.reverse());
          held.length = 0;
          const ended = deliver({
            index: running.index,
            ok: false,
            error: `internal error: worker process ended (${signal ?? `exit ${code}`})`,
            badInput: false,
            worker: child.pid ?? 0,
          });
          if (ended && queue.length > 0) start();
        }
        settle();
      });
      fill();
    };
    for (let w = 0; w < children; w++) start();
    // This process's share: one point at a time, yielding between points so the children's
    // answers are taken (and they are given more) promptly.
    void (async () => {
      for (let job = take(); job !== undefined && !failed; job = take()) {
        const outcome = { ...(await runPoint(job)), worker: process.pid };
        if (failed || !deliver(outcome)) return;
        await yieldToEvents();
      }
      selfDone = true;
      settle();
    })();
  });
}
