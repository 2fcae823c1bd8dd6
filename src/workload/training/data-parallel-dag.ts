/**
 * A data-parallel job's step as one DAG the replay can play: `replicas` copies of one pipeline's
 * iteration (its compute, sends and optimizer steps), each on its own devices, joined at the
 * gradient synchronization. Identical pipelines need only one copy standing for all of them;
 * a straggler needs two (the slow pipeline, and one standing for the dp - 1 others), so the
 * replay shows the others waiting for it.
 *
 * Devices: compute stream of replica r, stage s = r x S + s; with gradients, each also has a
 * communication stream (R x S + r x S + s), where NCCL runs beside the compute kernels.
 * Bucketed overlap (PyTorch DDP, Megatron's overlap-grad-reduce): a model chunk's gradients are
 * complete when its last microbatch's backward ends on that stage, so its collective ("bucket
 * group": all buckets of the chunk, which become ready together at this resolution) starts then
 * on the communication stream, while later chunks' backwards keep computing; it waits for the
 * same chunk of every replica (a collective starts when its slowest member arrives). Each
 * replica's optimizer step waits for all its stage's collectives and for the stage's last op,
 * so only the collectives' tail past the last backward adds to the step.
 */
import type { DagOp, TrainingDag } from "./dag.js";

export interface DataParallelDagOptions {
  /** Copies of the pipeline in the DAG (1: all alike; 2: a straggler and the rest). */
  replicas: number;
  /**
   * Gradient bytes per GPU of each virtual stage (model chunk), v = chunk x S + stage; omit
   * for no gradient synchronization (dp = 1).
   */
  chunkGradientBytes?: readonly number[];
}

export interface DeviceRole {
  replica: number;
  stage: number;
  stream: "compute" | "communication";
}

export interface DataParallelDag {
  dag: TrainingDag;
  /** By device index. */
  devices: DeviceRole[];
  /** Op id in the job DAG -> the pipeline op it copies, or -1 for a gradient collective. */
  baseOf: number[];
  /** Op id -> its replica. */
  replicaOf: number[];
  /** Op ids of the gradient collectives, with their virtual stage. */
  collectives: { id: number; virtual: number }[];
}

const isBackward = (op: DagOp) => op.kind === "backward" || op.kind === "backward-weight";

export function dataParallelDag(
  base: TrainingDag,
  options: DataParallelDagOptions,
): DataParallelDag {
  const R = options.replicas;
  if (!(Number.isInteger(R) && R >= 1)) throw new RangeError(`replicas must be >= 1, got ${R}`);
  const S = base.stages;
  const n = base.ops.length;
  const grads = options.chunkGradientBytes;
  const ops: DagOp[] = [];
  const baseOf: number[] = [];
  const replicaOf: number[] = [];
  for (let r = 0; r < R; r++) {
    for (const op of base.ops) {
      ops.push({
        ...op,
        id: r * n + op.id,
        stage: r * S + op.stage,
        ...(op.toStage === undefined ? {} : { toStage: r * S + op.toStage }),
        name: R > 1 ? `${op.name} p${r}` : op.name,
        deps: op.deps.map((d) => r * n + d),
      });
      baseOf.push(op.id);
      replicaOf.push(r);
    }
  }
  const devices: DeviceRole[] = [];
  for (let r = 0; r < R; r++)
    for (let s = 0; s < S; s++) devices.push({ replica: r, stage: s, stream: "compute" });
  const collectives: DataParallelDag["collectives"] = [];
  if (grads !== undefined) {
    const chunks = Math.max(1, ...base.ops.map((op) => op.chunk + 1));
    if (grads.length !== chunks * S) {
      throw new RangeError(`need ${chunks * S} chunk gradient sizes, got ${grads.length}`);
    }
    for (let r = 0; r < R; r++)
      for (let s = 0; s < S; s++) devices.push({ replica: r, stage: s, stream: "communication" });
    // The last backward of each (stage, chunk) in schedule order (ids follow it).
    const lastBackward = new Map<number, number>();
    for (const op of base.ops) {
      if (!isBackward(op)) continue;
      const v = op.chunk * S + op.stage;
      if ((lastBackward.get(v) ?? -1) < op.id) lastBackward.set(v, op.id);
    }
    // In the order the chunks finish, so a stream takes them first come, first served.
    const order = [...lastBackward.entries()].sort((a, b) => a[1] - b[1]);
    const optimizers = base.ops.filter((op) => op.kind === "optimizer");
    for (let r = 0; r < R; r++) {
      const mine: number[][] = Array.from({ length: S }, () => []);
      for (const [v, last] of order) {
        const stage = v % S;
        const id = ops.length;
        ops.push({
          id,
          kind: "allreduce",
          stage: R * S + r * S + stage,
          microbatch: -1,
          chunk: Math.floor(v / S),
          name: `grad-sync s${stage} c${Math.floor(v / S)}${R > 1 ? ` p${r}` : ""}`,
          deps: Array.from({ length: R }, (_, q) => q * n + last),
          linkBytes: grads[v] as number,
        });
        baseOf.push(-1);
        replicaOf.push(r);
        collectives.push({ id, virtual: v });
        (mine[stage] as number[]).push(id);
      }
      for (const o of optimizers) {
        const op = ops[r * n + o.id] as DagOp;
        op.deps = [...op.deps, ...(mine[o.stage] as number[])].sort((a, b) => a - b);
      }
    }
  }
  return {
    dag: { ...base, stages: devices.length, ops },
    devices,
    baseOf,
    replicaOf,
    collectives,
  };
}
