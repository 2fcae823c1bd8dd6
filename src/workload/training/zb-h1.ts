/**
 * Zero Bubble H1 (Qi et al., ICLR 2024): the backward is split into B (input gradient, on the
 * critical path) and W (weight gradient, deferrable). Stage s keeps 1F1B's min(S-s-1, M)
 * warm-up forwards and its F/B alternation, but lets up to s weight gradients wait: the later a
 * stage, the more of its W run in the cool-down where 1F1B idles. In-flight activations stay
 * within S per stage (1F1B's peak). For uniform stages with T_F = T_B = T_W the bubble is
 * (S-1)(T_F + T_B - T_W), a third of 1F1B's (S-1)(T_F + T_B + T_W).
 */
import { dagFromOrders, type Slot } from "./build-dag.js";
import type { TrainingDag } from "./dag.js";
import { checkShape, type ScheduleShape } from "./schedule-shape.js";

export function zbH1Order(stage: number, stages: number, microbatches: number): Slot[] {
  const m = microbatches;
  const warmup = Math.min(stages - stage - 1, m);
  const order: Slot[] = [];
  const push = (kind: Slot["kind"], microbatch: number) =>
    order.push({ kind, microbatch, chunk: 0 });
  let nextB = 0;
  let nextW = 0;
  for (let i = 0; i < warmup; i++) push("forward", i);
  for (let f = warmup; f < m; f++) {
    push("forward", f);
    push("backward-input", nextB++);
    // Stage s defers s weight gradients; later ones run right after their B as in 1F1B.
    if (nextB - nextW > stage) push("backward-weight", nextW++);
  }
  // Cool-down: each W fills the wait for the next gradient from downstream.
  while (nextB < m) {
    push("backward-input", nextB++);
    if (nextW < nextB) push("backward-weight", nextW++);
  }
  while (nextW < m) push("backward-weight", nextW++);
  return order;
}

export function zbH1Schedule(shape: ScheduleShape): TrainingDag {
  const { stages, microbatches } = checkShape(shape);
  const orders = Array.from({ length: stages }, (_, s) => zbH1Order(s, stages, microbatches));
  return dagFromOrders("zb-h1", stages, microbatches, orders);
}
