/**
 * Adds the iteration's communication to a compute-only schedule (Perseus' accounting has none):
 *   send       after every forward (activation) and backward (input gradient) whose consumer is
 *              on another stage; it runs on the sending stage, in its order right after the op
 *              that produced the data (a blocking send, as Megatron's non-overlapped p2p), and
 *              the consumer waits for it instead of the producer.
 *   allreduce  one per stage: the data-parallel ring all-reduce of the stage's gradients. It
 *              waits for every stage's last op (the pipeline flush), or, with overlapAllreduce,
 *              only for its own stage's last op, overlapping the other stages' cool-down.
 *   optimizer  one per stage, after its all-reduce (or its last op).
 * Compute ops keep their ids; the new ops are appended.
 */
import type { DagOp, TrainingDag } from "./dag.js";
import { letterOf } from "./build-dag.js";

export interface CommunicationOptions {
  /** Bytes one GPU sends for one microbatch's activation (and its gradient) between stages. */
  activationBytes: number;
  /** Gradient bytes per GPU of each stage (one number for all); omit for no all-reduce. */
  gradientBytes?: number | readonly number[];
  /** Start a stage's all-reduce when its own backwards end; default false (after the flush). */
  overlapAllreduce?: boolean;
  /** Add an optimizer step per stage; default false. */
  optimizer?: boolean;
}

export function withCommunication(dag: TrainingDag, options: CommunicationOptions): TrainingDag {
  const S = dag.stages;
  checkBytes("activationBytes", options.activationBytes);
  const ops: DagOp[] = dag.ops.map((op) => ({ ...op, deps: [...op.deps] }));
  const chunks = Math.max(1, ...ops.map((op) => op.chunk + 1));
  const lastVirtual = chunks * S - 1;
  const byKey = new Map<string, DagOp>();
  for (const op of ops) {
    const l = letterOf(op.kind);
    if (l !== undefined) byKey.set(`${l}|${op.chunk * S + op.stage}|${op.microbatch}`, op);
  }
  const add = (op: Omit<DagOp, "id">): DagOp => {
    const full = { ...op, id: ops.length };
    ops.push(full);
    return full;
  };
  const replaceDep = (op: DagOp, from: number, to: number) => {
    op.deps = op.deps.map((d) => (d === from ? to : d));
  };
  const computeCount = ops.length;
  const succ: number[][] = Array.from({ length: computeCount }, () => []);
  for (const op of ops) for (const d of op.deps) succ[d]?.push(op.id);
  for (let id = 0; id < computeCount; id++) {
    const p = ops[id] as DagOp;
    const l = letterOf(p.kind);
    const v = p.chunk * S + p.stage;
    const target =
      l === "F" && v < lastVirtual
        ? byKey.get(`F|${v + 1}|${p.microbatch}`)
        : l === "B" && v > 0
          ? byKey.get(`B|${v - 1}|${p.microbatch}`)
          : undefined;
    if (target === undefined || target.stage === p.stage || !target.deps.includes(p.id)) continue;
    const send = add({
      kind: "send",
      stage: p.stage,
      toStage: target.stage,
      microbatch: p.microbatch,
      chunk: p.chunk,
      name: `send ${l} s${p.stage}->s${target.stage}${chunks > 1 ? ` c${p.chunk}` : ""} m${p.microbatch}`,
      deps: [p.id],
      linkBytes: options.activationBytes,
    });
    replaceDep(target, p.id, send.id);
    // The producer's successors on its own stage now wait for the send (blocking p2p).
    for (const q of succ[p.id] ?? []) {
      const next = ops[q] as DagOp;
      if (next.stage === p.stage) replaceDep(next, p.id, send.id);
    }
  }
  const tails = Array.from({ length: S }, (_, s) => stageTails(ops, s));
  const finals = [...tails];
  if (options.gradientBytes !== undefined) {
    const all = tails.flat();
    for (let s = 0; s < S; s++) {
      const bytes =
        typeof options.gradientBytes === "number"
          ? options.gradientBytes
          : options.gradientBytes[s];
      checkBytes(`gradientBytes[${s}]`, bytes);
      const ar = add({
        kind: "allreduce",
        stage: s,
        microbatch: -1,
        chunk: 0,
        name: `allreduce s${s}`,
        deps: options.overlapAllreduce ? [...(tails[s] ?? [])] : [...all],
        linkBytes: bytes,
      });
      finals[s] = [ar.id];
    }
  }
  if (options.optimizer) {
    for (let s = 0; s < S; s++) {
      add({
        kind: "optimizer",
        stage: s,
        microbatch: -1,
        chunk: 0,
        name: `optimizer s${s}`,
        deps: [...(finals[s] ?? [])],
      });
    }
  }
  for (const op of ops) op.deps = [...new Set(op.deps)].sort((a, b) => a - b);
  return { ...dag, schedule: `${dag.schedule}+comm`, ops };
}

/** Ops of a stage that no other op of the stage waits for: where the stage's work ends. */
function stageTails(ops: readonly DagOp[], stage: number): number[] {
  const waitedOn = new Set<number>();
  for (const op of ops) if (op.stage === stage) for (const d of op.deps) waitedOn.add(d);
  return ops.filter((op) => op.stage === stage && !waitedOn.has(op.id)).map((op) => op.id);
}

function checkBytes(field: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${field} must be a finite number of bytes >= 0, got ${String(value)}`);
  }
}
