/**
 * A sweep pool's child process (`node dist/sweep/point-child.js`, forked with an IPC channel):
 * it takes one point at a time from its parent, runs it and answers with the outcome. It ends
 * when the parent disconnects, or dies.
 */
import { runPoint, type PointJob } from "./run-point.js";

process.on("message", (job: PointJob) => {
  void runPoint(job).then((outcome) => process.send?.({ ...outcome, worker: process.pid }));
});
process.on("disconnect", () => process.exit(0));
