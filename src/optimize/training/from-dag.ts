/** Turn a training DAG and its op cost table into the planner's input. */
import type { OpCostTable } from "../../replay/training/cost/op-costs.js";
import type { TrainingDag } from "../../workload/training/dag.js";
import type { PlannerInput } from "./plan-input.js";

export function plannerInputOf(
  dag: TrainingDag,
  costs: OpCostTable,
  pBlockingW: number,
): PlannerInput {
  return {
    stages: dag.stages,
    pBlockingW,
    nodes: dag.ops.map((op) => {
      const c = costs.ops[op.id];
      if (c === undefined) throw new RangeError(`no costs for op ${op.name}`);
      return {
        stage: op.stage,
        deps: op.deps,
        choices: c.freqMHz.map((freqMHz, k) => ({
          freqMHz,
          timeS: c.timeS[k]!,
          energyJ: c.energyJ[k]!,
        })),
      };
    }),
  };
}
