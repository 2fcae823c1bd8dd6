/**
 * A training iteration as a DAG of ops placed on devices (pipeline stages), the shape both the
 * replay and the frequency planner consume. Ops on one stage also run in the stage's listed
 * order (the schedule), which the builders encode as dependency edges.
 */
import type { Op } from "../../hardware/op.js";

/**
 * What an op does:
 *   forward, backward      a stage's compute for one microbatch (backward = input + weight grads)
 *   backward-input         ZB-H1's input-gradient half of a backward
 *   backward-weight        ZB-H1's weight-gradient half (can be deferred to fill bubbles)
 *   send                   pipeline activation/gradient transfer between stages
 *   allreduce              data-parallel gradient all-reduce
 *   optimizer              the optimizer step
 */
export type DagOpKind =
  | "forward"
  | "backward"
  | "backward-input"
  | "backward-weight"
  | "send"
  | "allreduce"
  | "optimizer";

export interface DagOp {
  /** Index in `TrainingDag.ops`. */
  id: number;
  kind: DagOpKind;
  /** Device (pipeline stage) it runs on; a send runs on the link from `stage` to `toStage`. */
  stage: number;
  toStage?: number;
  /** Microbatch, or -1 for per-iteration ops (all-reduce, optimizer). */
  microbatch: number;
  /** Model chunk of the stage (interleaved 1F1B); 0 otherwise. */
  chunk: number;
  /** e.g. "F s0 m3" */
  name: string;
  /** Ops that must finish before this one starts. */
  deps: number[];
  /**
   * Where its cost comes from: the key of a measured profile row set ("0/forward"), or the
   * kernels it runs (model shapes, priced by the cost model).
   */
  profileKey?: string;
  work?: Op[];
  /** Transfers and collectives: bytes each GPU sends. */
  linkBytes?: number;
}

export interface TrainingDag {
  schedule: string;
  stages: number;
  microbatches: number;
  ops: DagOp[];
}
