/**
 * Run sweep points on a pool of child processes (node:child_process fork; worker threads were
 * measured 2x slower per replay, child processes scale), each handed the next point as soon as it
 * answers. Outcomes arrive in completion order; the caller orders them. A child that dies fails
 * its point and is replaced. One worker runs the points in this process (no fork).
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { packagePath } from "../input/project-paths.js";
import { runPoint, type PointJob, type PointOutcome } from "./run-point.js";

export type WorkerOutcome = PointOutcome & { worker: number };

/** The child's module: beside this one when built; the built one when running from source. */
function childModule(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return fileURLToPath(new URL("./point-child.js", import.meta.url));
  const built = packagePath("dist/sweep/point-child.js");
  if (!existsSync(built)) throw new Error(`${built} is missing: run 'npm run build'`);
  return built;
}

export async function runOnPool(
  jobs: readonly PointJob[],
  workers: number,
  onOutcome: (o: WorkerOutcome) => void,
): Promise<void> {
  if (workers <= 1) {
    for (const job of jobs) onOutcome({ ...(await runPoint(job)), worker: process.pid });
    return;
  }
  const script = childModule();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let live = 0;
    const start = () => {
      const child: ChildProcess = fork(script, [], {
        stdio: ["ignore", "ignore", "pipe", "ipc"],
        serialization: "json",
      });
      live++;
      let current: PointJob | undefined;
      child.stderr?.setEncoding("utf8").on("data", (s: string) => process.stderr.write(s));
      const give = () => {
        current = jobs[next++];
        if (current === undefined) child.disconnect();
        else child.send(current);
      };
      child.on("message", (o: WorkerOutcome) => {
        try {
          onOutcome(o);
        } catch (e) {
          reject(e as Error);
          child.kill();
          return;
        }
        give();
      });
      child.on("error", (e) => reject(e));
      child.on("exit", (code, signal) => {
        live--;
        if (current !== undefined) {
          const failed = current;
          current = undefined;
          onOutcome({
            index: failed.index,
            ok: false,
            error: `internal error: worker process ended (${signal ?? `exit ${code}`})`,
            badInput: false,
            worker: child.pid ?? 0,
          });
          if (next < jobs.length) start();
        }
        if (live === 0) resolve();
      });
      give();
    };
    for (let w = 0; w < Math.min(workers, jobs.length); w++) start();
    if (jobs.length === 0) resolve();
  });
}
