/**
 * A sweep pool's child process (`node dist/sweep/point-child.js`, forked with an IPC channel):
 * it runs the points its parent sends, one at a time in the order they came, and answers each
 * as soon as it is done (yielding to the event loop after each answer, so the answer leaves
 * before the next point starts rather than after every point it holds). It ends when the parent
 * disconnects, or dies.
 */
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { runPoint, type PointJob } from "./run-point.js";

const held: PointJob[] = [];
let running = false;

async function runHeld(): Promise<void> {
  running = true;
  for (let job = held.shift(); job !== undefined; job = held.shift()) {
    const outcome = await runPoint(job);
    process.send?.({ ...outcome, worker: process.pid });
    await yieldToEvents();
  }
  running = false;
}

process.on("message", (job: PointJob) => {
  held.push(job);
  if (!running) void runHeld();
});
process.on("disconnect", () => process.exit(0));
