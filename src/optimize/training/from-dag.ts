/**
 * Turn a training DAG and its op cost table into the planner's input. Ops priced alike (one
 * cost row set per stage and kind) share one choices array, so the planner can work out a
 * curve once per kind instead of once per op (12,000 ops at MLPerf size, a dozen kinds).
 */
import type { OpChoices, OpCostTable } from "../../replay/training/cost/op-costs.js";
import type { TrainingDag } from "../../workload/training/dag.js";
import type { Choice, PlannerInput } from "./plan-input.js";

export function plannerInputOf(
  dag: TrainingDag,
  costs: OpCostTable,
  pBlockingW: number,
): PlannerInput {
  const shared = new Map<OpChoices, Choice[]>();
  const choicesOf = (c: OpChoices): Choice[] => {
    let choices = shared.get(c);
    if (choices === undefined) {
      choices = c.freqMHz.map((freqMHz, k) => ({
        freqMHz,
        timeS: c.timeS[k]!,
        energyJ: c.energyJ[k]!,
      }));
      shared.set(c, choices);
    }
    return choices;
  };
  return {
    stages: dag.stages,
    pBlockingW,
    nodes: dag.ops.map((op) => {
      const c = costs.ops[op.id];
      if (c === undefined) throw new RangeError(`no costs for op ${op.name}`);
      return { stage: op.stage, deps: op.deps, choices: choicesOf(c) };
    }),
  };
}
