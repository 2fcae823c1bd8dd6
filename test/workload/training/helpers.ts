/** Shared fixtures for the training schedule and replay tests. */
import type { DagOp, TrainingDag } from "../../../src/workload/training/dag.js";
import type { OpChoices, OpCostTable } from "../../../src/replay/training/cost/op-costs.js";

export const PERSEUS_CSV = "data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv";
/** Perseus' P_blocking on A100 (REFERENCE.md section 4). */
export const A100_BLOCKING_W = 83.64;

/**
 * Longest path through the DAG with each op's duration: written here without the library's
 * topological sort, by memoised depth-first search over the dependencies.
 */
export function criticalPathS(dag: TrainingDag, durationS: (op: DagOp) => number): number {
  const finish = new Map<number, number>();
  const visit = (root: number): number => {
    const stack = [root];
    while (stack.length > 0) {
      const id = stack[stack.length - 1] as number;
      const op = dag.ops[id] as DagOp;
      const pending = op.deps.filter((d) => !finish.has(d));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      stack.pop();
      if (!finish.has(id)) {
        const start = Math.max(0, ...op.deps.map((d) => finish.get(d) as number));
        finish.set(id, start + durationS(op));
      }
    }
    return finish.get(root) as number;
  };
  return Math.max(0, ...dag.ops.map((op) => visit(op.id)));
}

/** A table with one time per op kind at every clock (energy = power x time, power fixed). */
export function kindCosts(
  dag: TrainingDag,
  timeOf: Partial<Record<DagOp["kind"], number>>,
  clocksMHz: readonly number[] = [1410],
  powerW = 300,
): OpCostTable {
  const ops = dag.ops.map((op): OpChoices => {
    const t = timeOf[op.kind];
    if (t === undefined) throw new Error(`no time for ${op.kind}`);
    // Slower clocks take longer: time scales as top / f.
    const top = clocksMHz[0] as number;
    const timeS = clocksMHz.map((f) => (t * top) / f);
    return { freqMHz: [...clocksMHz], timeS, energyJ: timeS.map((x) => x * powerW) };
  });
  return { ops };
}

/** Ops of a stage in id order (the schedule). */
export function stageOps(dag: TrainingDag, stage: number): DagOp[] {
  return dag.ops.filter((op) => op.stage === stage);
}

/** "F0 F1 B0 ..." for a stage (microbatch numbers; chunk as ".c" when asked). */
export function stageTokens(dag: TrainingDag, stage: number, chunks = false): string {
  return stageOps(dag, stage)
    .map((op) => `${op.name[0]}${op.microbatch}${chunks ? `.${op.chunk}` : ""}`)
    .join(" ");
}

export function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}
