/**
 * The planned size of a training job, checked before anything is built: the schedule's ops
 * (stages x microbatches x chunks x instructions) and, once ops are priced, the planner's work
 * (ops x the time units the min-cut sweep walks). Past the limits a run would allocate
 * gigabytes or plan for hours; it is bad input (exit 2) that says what to change.
 */
import { badValue } from "../../input/input-error.js";
import type { PlannerInput } from "./plan-input.js";

/**
 * Ops the frontier planner takes. Its work grows about as ops^2 x units per op: 6,400 ops (8
 * stages x 400 microbatches) plan in about a minute; past 20,000 it runs for tens of minutes.
 */
export const MAX_PLANNED_OPS = 20_000;
/** Ops a one-point replay takes: the DES is linear in them; 2e6 ops is ~1 GB of events. */
export const MAX_REPLAYED_OPS = 2_000_000;
/**
 * Planner work (ops x summed time units of every op's clock range): one unit step is a min cut
 * over the ops. 1.6e9 (8 stages x 400 microbatches on 1 ms units) plans in about a minute on
 * one core, so 1e10 is several minutes.
 */
export const MAX_PLAN_WORK = 1e10;

/** Forward, backward (and a split backward's weight pass) per microbatch, chunk and stage. */
export function scheduleOps(
  stages: number,
  microbatches: number,
  chunks: number,
  schedule: string,
): number {
  const chunked = schedule === "interleaved" || schedule === "custom" ? chunks : 1;
  return stages * microbatches * chunked * (schedule === "zb-h1" ? 3 : 2);
}

/** Throws before a DAG is built whose op count is past the limit for planning or replaying. */
export function checkScheduleSize(
  stages: number,
  microbatches: number,
  chunks: number,
  schedule: string,
  planning: boolean,
): void {
  const ops = scheduleOps(stages, microbatches, chunks, schedule);
  const chunked = ops / (stages * microbatches * (schedule === "zb-h1" ? 3 : 2));
  const max = planning ? MAX_PLANNED_OPS : MAX_REPLAYED_OPS;
  if (ops > max) {
    throw badValue(
      "microbatches",
      `${stages} stage(s) x ${microbatches} microbatch(es) x ${chunked} chunk(s) make ${ops} ops; ` +
        `${planning ? "the frontier planner takes" : "a replay takes"} at most ${max} (fewer microbatches or stages${planning ? ", or 'frontier: false' to replay one point" : ""})`,
    );
  }
}

/** Throws when the min-cut sweep over `unitTimeS` units would run past MAX_PLAN_WORK. */
export function checkPlanWork(input: PlannerInput, unitTimeS: number): void {
  let units = 0;
  for (const n of input.nodes) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of n.choices) {
      lo = Math.min(lo, c.timeS);
      hi = Math.max(hi, c.timeS);
    }
    units += Math.floor(hi / unitTimeS) - Math.floor(lo / unitTimeS) + 1;
  }
  const work = units * input.nodes.length;
  if (!(work <= MAX_PLAN_WORK)) {
    throw badValue(
      "unitTimeS",
      `planning ${input.nodes.length} ops on ${unitTimeS} s units walks ${units} unit steps ` +
        `(~${work.toPrecision(2)} op-steps); at most ${MAX_PLAN_WORK.toPrecision(2)}: a coarser unitTimeS or fewer microbatches`,
    );
  }
}
