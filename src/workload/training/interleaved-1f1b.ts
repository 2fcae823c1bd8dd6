/**
 * Megatron-LM's interleaved 1F1B (Narayanan et al. 2021): each stage holds `chunks` (v) model
 * chunks; virtual stage chunk x S + s. Stage s runs (S-s-1) x 2 + (v-1) x S warm-up forwards
 * (all of them when M = S), then one forward and one backward alternately, then the remaining
 * backwards. The k-th forward of a stage is microbatch (k div vS) x S + k mod S of chunk
 * (k mod vS) div S; backwards walk the chunks in reverse. As in Megatron, M must be a multiple
 * of S. With uniform stages the bubble is (S-1)/(v M) of the ideal time (the paper's figure).
 */
import { badValue } from "../../input/input-error.js";
import { checkPositiveInteger } from "../model/validate.js";
import { dagFromOrders, type Slot } from "./build-dag.js";
import type { TrainingDag } from "./dag.js";
import { checkShape, type ScheduleShape } from "./schedule-shape.js";

export interface InterleavedShape extends ScheduleShape {
  /** Model chunks per stage (v); with 1 it is 1F1B with a deeper warm-up, 2(S-s-1), and the same bubble. */
  chunks: number;
}

export function interleaved1F1BSchedule(shape: InterleavedShape): TrainingDag {
  const { stages: p, microbatches: m } = checkShape(shape);
  const v = checkPositiveInteger("chunks", shape.chunks);
  if (m < p || m % p !== 0) {
    throw badValue(
      "microbatches",
      `must be a multiple of stages (${p}) for the interleaved 1F1B schedule, got ${m}`,
    );
  }
  const total = m * v;
  const group = p * v;
  const slot = (k: number, forward: boolean): Slot => {
    const inGroup = k % group;
    const chunk = Math.floor(inGroup / p);
    return {
      kind: forward ? "forward" : "backward",
      microbatch: Math.floor(k / group) * p + (k % p),
      chunk: forward ? chunk : v - 1 - chunk,
    };
  };
  const orders: Slot[][] = [];
  for (let s = 0; s < p; s++) {
    const warmup = m === p ? total : Math.min((p - s - 1) * 2 + (v - 1) * p, total);
    const order: Slot[] = [];
    for (let k = 0; k < warmup; k++) order.push(slot(k, true));
    for (let k = 0; k < total - warmup; k++) order.push(slot(warmup + k, true), slot(k, false));
    for (let k = total - warmup; k < total; k++) order.push(slot(k, false));
    orders.push(order);
  }
  return dagFromOrders(`interleaved-1f1b-v${v}`, p, m, orders);
}
