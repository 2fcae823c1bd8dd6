/**
 * GPipe (Huang et al. 2019): every stage runs all forwards, then all backwards, the last
 * microbatch's backward first (its activations are the freshest, as in the paper's figure).
 * With uniform stages the bubble is (S-1)/(M+S-1) of the iteration, like 1F1B, but every stage
 * holds all M microbatches' activations.
 */
import { dagFromOrders, type Slot } from "./build-dag.js";
import type { TrainingDag } from "./dag.js";
import { checkShape, type ScheduleShape } from "./schedule-shape.js";

export function gpipeSchedule(shape: ScheduleShape): TrainingDag {
  const { stages, microbatches: m } = checkShape(shape);
  const orders: Slot[][] = [];
  for (let s = 0; s < stages; s++) {
    const order: Slot[] = [];
    for (let i = 0; i < m; i++) order.push({ kind: "forward", microbatch: i, chunk: 0 });
    for (let i = m - 1; i >= 0; i--) order.push({ kind: "backward", microbatch: i, chunk: 0 });
    orders.push(order);
  }
  return dagFromOrders("gpipe", stages, m, orders);
}
