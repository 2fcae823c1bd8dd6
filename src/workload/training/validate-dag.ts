/**
 * Structural checks of a TrainingDag: ids equal indices, dependencies point at real ops, stages
 * are in range, and the graph is acyclic. A cycle is reported with the ops on it, in the order
 * they would have to run, so a schedule author can see which stage order is wrong.
 */
import { badValue } from "../../input/input-error.js";
import type { TrainingDag } from "./dag.js";

/** Ids of the ops on one dependency cycle, each a dependency of the next; undefined if none. */
export function findCycle(dag: TrainingDag): number[] | undefined {
  const n = dag.ops.length;
  // 0 unvisited, 1 on the DFS stack, 2 done.
  const color = new Uint8Array(n);
  for (let root = 0; root < n; root++) {
    if (color[root] !== 0) continue;
    const stack: { id: number; next: number }[] = [{ id: root, next: 0 }];
    color[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: number; next: number };
      const deps = dag.ops[top.id]?.deps ?? [];
      if (top.next >= deps.length) {
        color[top.id] = 2;
        stack.pop();
        continue;
      }
      const dep = deps[top.next++] as number;
      if (color[dep] === 1) {
        // The stack from `dep` to the top walks op -> its dependency; reverse it to run order.
        const from = stack.findIndex((f) => f.id === dep);
        return stack
          .slice(from)
          .map((f) => f.id)
          .reverse();
      }
      if (color[dep] === 0) {
        color[dep] = 1;
        stack.push({ id: dep, next: 0 });
      }
    }
  }
  return undefined;
}

/** "F s0 m1 -> B s1 m0 -> F s0 m1": the cycle closed on its first op. */
export function describeCycle(dag: TrainingDag, cycle: readonly number[]): string {
  const names = cycle.map((id) => dag.ops[id]?.name ?? `#${id}`);
  return [...names, names[0] ?? ""].join(" -> ");
}

/**
 * Throws an InputError (at `schedule`: custom schedules come from users) naming the first
 * structural problem (bad id, dangling dep, cycle).
 */
export function checkDag(dag: TrainingDag): void {
  const n = dag.ops.length;
  dag.ops.forEach((op, i) => {
    if (op.id !== i)
      throw badValue("schedule", `op ${op.name}: id ${op.id} must equal its index ${i}`);
    if (!(Number.isInteger(op.stage) && op.stage >= 0 && op.stage < dag.stages)) {
      throw badValue("schedule", `op ${op.name}: stage ${op.stage} is not in 0..${dag.stages - 1}`);
    }
    for (const d of op.deps) {
      if (!(Number.isInteger(d) && d >= 0 && d < n) || d === i) {
        throw badValue("schedule", `op ${op.name}: dependency ${d} is not another op's id`);
      }
    }
  });
  const cycle = findCycle(dag);
  if (cycle !== undefined) {
    throw badValue("schedule", `dependency cycle: ${describeCycle(dag, cycle)}`);
  }
}
