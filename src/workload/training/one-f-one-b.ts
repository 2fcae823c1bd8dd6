/**
 * 1F1B (PipeDream-Flush / Megatron), in Perseus' exact accounting: stage s of S runs
 * min(S-s-1, M) warm-up forwards, then alternates one forward and one backward, then the
 * remaining backwards. Communication is not part of it (see withCommunication).
 */
import { dagFromOrders, type Slot } from "./build-dag.js";
import type { TrainingDag } from "./dag.js";
import { checkShape, type ScheduleShape } from "./schedule-shape.js";

export function oneFOneBOrder(stage: number, stages: number, microbatches: number): Slot[] {
  const warmup = Math.min(stages - stage - 1, microbatches);
  const order: Slot[] = [];
  const f = (microbatch: number): Slot => ({ kind: "forward", microbatch, chunk: 0 });
  const b = (microbatch: number): Slot => ({ kind: "backward", microbatch, chunk: 0 });
  for (let i = 0; i < warmup; i++) order.push(f(i));
  for (let i = 0; i < microbatches - warmup; i++) order.push(f(warmup + i), b(i));
  for (let i = microbatches - warmup; i < microbatches; i++) order.push(b(i));
  return order;
}

export function oneFOneBSchedule(shape: ScheduleShape): TrainingDag {
  const { stages, microbatches } = checkShape(shape);
  const orders = Array.from({ length: stages }, (_, s) => oneFOneBOrder(s, stages, microbatches));
  return dagFromOrders("1f1b", stages, microbatches, orders);
}
