/**
 * Turns per-stage op orders into a TrainingDag. Every schedule (GPipe, 1F1B, interleaved,
 * ZB-H1, custom) is only an order of compute slots per stage; the edges are the same for all:
 *   F(v, m) -> F(v+1, m)            activation to the next virtual stage
 *   F(V-1, m) -> B(V-1, m)          the loss turns around on the last virtual stage
 *   B(v+1, m) -> B(v, m)            gradient to the previous virtual stage
 *   B(v, m) -> W(v, m)              ZB's weight gradient needs the input gradient's outputs
 * plus each stage's order as edges (op i -> op i+1). Virtual stage v = chunk x stages + stage,
 * Megatron's interleaved layout; with one chunk it is the stage. Ids follow stage 0's order,
 * then stage 1's, ..., so a device's ops in id order are its schedule.
 */
import { badValue } from "../../input/input-error.js";
import type { DagOp, DagOpKind, TrainingDag } from "./dag.js";

export type ComputeKind = "forward" | "backward" | "backward-input" | "backward-weight";

/** One entry of a stage's schedule. */
export interface Slot {
  kind: ComputeKind;
  microbatch: number;
  chunk: number;
}

const LETTER: Record<ComputeKind, "F" | "B" | "W"> = {
  forward: "F",
  backward: "B",
  "backward-input": "B",
  "backward-weight": "W",
};

export function letterOf(kind: DagOpKind): "F" | "B" | "W" | undefined {
  return (LETTER as Partial<Record<DagOpKind, "F" | "B" | "W">>)[kind];
}

/** "F s0 m3", or "F s0 c1 m3" when the schedule has model chunks. */
export function slotName(stage: number, slot: Slot, chunked: boolean): string {
  const chunk = chunked ? ` c${slot.chunk}` : "";
  return `${LETTER[slot.kind]} s${stage}${chunk} m${slot.microbatch}`;
}

export function dagFromOrders(
  schedule: string,
  stages: number,
  microbatches: number,
  orders: readonly (readonly Slot[])[],
): TrainingDag {
  let chunks = 1;
  for (const order of orders) for (const s of order) chunks = Math.max(chunks, s.chunk + 1);
  const lastVirtual = chunks * stages - 1;
  const ops: DagOp[] = [];
  const byKey = new Map<string, number>();
  const key = (letter: string, virtual: number, m: number) => `${letter}|${virtual}|${m}`;
  orders.forEach((order, stage) => {
    for (const slot of order) {
      const id = ops.length;
      ops.push({
        id,
        kind: slot.kind,
        stage,
        microbatch: slot.microbatch,
        chunk: slot.chunk,
        name: slotName(stage, slot, chunks > 1),
        deps: [],
        profileKey: `${stage}/${slot.kind}`,
      });
      byKey.set(key(LETTER[slot.kind], slot.chunk * stages + stage, slot.microbatch), id);
    }
  });
  const find = (letter: string, virtual: number, m: number, forOp: DagOp): number => {
    const id = byKey.get(key(letter, virtual, m));
    if (id === undefined) {
      throw badValue("schedule", `${forOp.name} needs ${letter} of virtual stage ${virtual} m${m}`);
    }
    return id;
  };
  let prevStage = -1;
  for (const op of ops) {
    const virtual = op.chunk * stages + op.stage;
    const m = op.microbatch;
    const deps: number[] = [];
    // Stage order: ops of a stage are contiguous in id order.
    if (op.stage === prevStage) deps.push(op.id - 1);
    prevStage = op.stage;
    const letter = LETTER[op.kind as ComputeKind];
    if (letter === "F" && virtual > 0) deps.push(find("F", virtual - 1, m, op));
    if (letter === "B") {
      deps.push(
        virtual === lastVirtual ? find("F", virtual, m, op) : find("B", virtual + 1, m, op),
      );
    }
    if (letter === "W") deps.push(find("B", virtual, m, op));
    op.deps = [...new Set(deps)].sort((a, b) => a - b);
  }
  return { schedule, stages, microbatches, ops };
}
