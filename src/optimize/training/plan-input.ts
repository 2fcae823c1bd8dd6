/**
 * What the iteration planner works on, independent of where the numbers came from: ops on
 * stages with dependencies, each with its measured or modelled (clock, time, energy) choices,
 * and Perseus' accounting constants.
 */
export interface Choice {
  freqMHz: number;
  timeS: number;
  energyJ: number;
}

export interface PlanNode {
  /** Device (pipeline stage) the op runs on; blocking energy is counted per stage. */
  stage: number;
  deps: readonly number[];
  /** At least one; the planner keeps the Pareto-optimal ones. */
  choices: readonly Choice[];
}

export interface PlannerInput {
  nodes: readonly PlanNode[];
  stages: number;
  /** Power of a stage while it waits (Perseus' P_blocking). */
  pBlockingW: number;
}

/** A clock per node (by node index), and what it costs. */
export interface PlannedPoint {
  timeS: number;
  energyJ: number;
  freqMHz: number[];
}

/** Nodes in an order where every dependency comes first; throws on a cycle. */
export function topologicalOrder(nodes: readonly PlanNode[]): number[] {
  const indegree = new Int32Array(nodes.length);
  const succ: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    for (const d of n.deps) {
      if (d < 0 || d >= nodes.length)
        throw new RangeError(`node ${i} depends on unknown node ${d}`);
      succ[d]!.push(i);
      indegree[i]!++;
    }
  });
  const order: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (indegree[i] === 0) order.push(i);
  for (let k = 0; k < order.length; k++) {
    for (const j of succ[order[k]!]!) if (--indegree[j]! === 0) order.push(j);
  }
  if (order.length !== nodes.length) throw new RangeError("the op graph has a cycle");
  return order;
}
