/**
 * Local refinement of a planned frontier. The min-cut sweep is exact for each op's convex curve;
 * with few clocks per op, real plans also reach points between the curve's vertices (a staircase
 * under the hull). Starting from each frontier plan, try moving one op to its next faster or
 * slower clock, keep every improvement, and repeat while the work stays within a budget (in op
 * visits, so large pipelines skip it rather than take minutes).
 */
import { paretoFrontier } from "../../frontier/pareto.js";
import { planEvaluator } from "./evaluate-plan.js";
import type { Choice, PlannedPoint, PlannerInput } from "./plan-input.js";

export interface RefineOptions {
  unitTimeS: number;
  /** Most op visits (evaluations x ops) to spend; default 5e7 (~0.2 s). */
  budgetOpVisits?: number;
  rounds?: number;
}

export function refineFrontier(
  input: PlannerInput,
  order: readonly number[],
  frontier: readonly PlannedPoint[],
  options: RefineOptions,
): PlannedPoint[] {
  const n = input.nodes.length;
  const perRound = frontier.length * n * 2 * n;
  const budget = options.budgetOpVisits ?? 5e7;
  if (perRound > budget) return [...frontier];
  const evaluator = planEvaluator(input, order, options.unitTimeS);
  // Each op's choices by time, fastest first, to find clock neighbours.
  const ladders = input.nodes.map((node) => [...node.choices].sort((a, b) => a.timeS - b.timeS));
  let current = [...frontier];
  let spent = 0;
  for (
    let round = 0;
    round < (options.rounds ?? 3) && spent + current.length * n * 2 * n <= budget;
    round++
  ) {
    const candidates: PlannedPoint[] = [...current];
    for (const p of current) {
      const chosen: Choice[] = p.freqMHz.map((f, i) =>
        input.nodes[i]!.choices.find((c) => c.freqMHz === f)!,
      );
      for (let i = 0; i < n; i++) {
        const ladder = ladders[i]!;
        const at = ladder.indexOf(chosen[i]!);
        for (const k of [at - 1, at + 1]) {
          const c = ladder[k];
          if (c === undefined) continue;
          const keep = chosen[i]!;
          chosen[i] = c;
          const e = evaluator.evaluate(chosen);
          candidates.push({ ...e, freqMHz: chosen.map((x) => x.freqMHz) });
          chosen[i] = keep;
        }
      }
    }
    spent += current.length * n * 2 * n;
    const next = paretoFrontier(candidates);
    const same = next.length === current.length && next.every((q, k) => q === current[k]);
    current = next;
    if (same) break;
  }
  return current;
}
