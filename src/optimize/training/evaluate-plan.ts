/**
 * Time and energy of one clock plan under Perseus' accounting: the iteration takes the longest
 * dependency path; energy = sum of op energies + P_blocking x (T - busy time) on every stage.
 * With `unitTimeS`, op times are quantized down to whole units first, as Perseus does.
 */
import { Adder } from "d3-array";
import type { Choice, PlannerInput } from "./plan-input.js";

export interface PlanEvaluator {
  /** Evaluate a plan given as one chosen Choice per node. */
  evaluate(chosen: readonly Choice[]): { timeS: number; energyJ: number };
}

export function quantizeS(timeS: number, unitTimeS: number | undefined): number {
  if (unitTimeS === undefined) return timeS;
  // Floor to whole units; the epsilon keeps 0.05 / 0.001 from landing on 49.999...
  return Math.floor(timeS / unitTimeS + 1e-9) * unitTimeS;
}

export function planEvaluator(
  input: PlannerInput,
  order: readonly number[],
  unitTimeS?: number,
): PlanEvaluator {
  const { nodes, stages, pBlockingW } = input;
  const finish = new Float64Array(nodes.length);
  return {
    evaluate(chosen) {
      let timeS = 0;
      for (const i of order) {
        let start = 0;
        for (const d of nodes[i]!.deps) start = Math.max(start, finish[d]!);
        finish[i] = start + quantizeS(chosen[i]!.timeS, unitTimeS);
        timeS = Math.max(timeS, finish[i]!);
      }
      const energy = new Adder();
      const busy = new Float64Array(stages);
      nodes.forEach((n, i) => {
        energy.add(chosen[i]!.energyJ);
        busy[n.stage]! += quantizeS(chosen[i]!.timeS, unitTimeS);
      });
      for (let s = 0; s < stages; s++) energy.add(pBlockingW * (timeS - busy[s]!));
      return { timeS, energyJ: energy.valueOf() };
    },
  };
}
