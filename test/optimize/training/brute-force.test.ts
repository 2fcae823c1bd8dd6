/**
 * The planner against exhaustive search: on small 1F1B pipelines built from a perturbed copy of
 * Perseus' A100 profile (a few clocks per op), enumerate every clock plan, take the exact
 * time-energy frontier, and check the planner reaches each of its points within one time quantum.
 */
import { describe, expect, it } from "vitest";
import { Simulator } from "../../../src/core/simulator.js";
import { paretoFrontier } from "../../../src/frontier/pareto.js";
import { planEvaluator } from "../../../src/optimize/training/evaluate-plan.js";
import { plannerInputOf } from "../../../src/optimize/training/from-dag.js";
import {
  topologicalOrder,
  type Choice,
  type PlannerInput,
} from "../../../src/optimize/training/plan-input.js";
import { trainingFrontier } from "../../../src/optimize/training/training-frontier.js";
import { oneFOneBSchedule } from "../../../src/workload/training/index.js";
import { costsFromStageProfile, readStageProfile } from "../../../src/replay/training/index.js";

const UNIT_S = 0.001;

async function instance(
  stages: number,
  microbatches: number,
  clocks: number[],
  seed: string,
): Promise<PlannerInput> {
  const full = await readStageProfile("data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv");
  // The last `stages` stages of the real 8 (so the heavier last stage is in every instance).
  const table = new Map(
    [...full.table].flatMap(([key, rows]) => {
      const [stage, instruction] = key.split("/");
      const s = Number(stage) - (full.stages - stages);
      return s >= 0 ? [[`${s}/${instruction}`, rows] as const] : [];
    }),
  );
  const profile = { ...full, stages, table };
  const dag = oneFOneBSchedule({ stages, microbatches });
  const input = plannerInputOf(dag, costsFromStageProfile(dag, profile), 83.64);
  const rng = new Simulator({ seed }).rng("perturb");
  // Keep a few clocks and perturb each op's rows by up to +-4% so ops differ from each other.
  return {
    ...input,
    nodes: input.nodes.map((n) => ({
      ...n,
      choices: n.choices
        .filter((c) => clocks.includes(c.freqMHz))
        .map((c) => ({
          ...c,
          timeS: c.timeS * rng.uniform(0.96, 1.04),
          energyJ: c.energyJ * rng.uniform(0.96, 1.04),
        })),
    })),
  };
}

function exhaustiveFrontier(input: PlannerInput) {
  const evaluator = planEvaluator(input, topologicalOrder(input.nodes), UNIT_S);
  const n = input.nodes.length;
  const idx = new Int32Array(n);
  const chosen: Choice[] = input.nodes.map((x) => x.choices[0]!);
  const points: { timeS: number; energyJ: number }[] = [];
  for (;;) {
    points.push(evaluator.evaluate(chosen));
    let k = 0;
    while (k < n && ++idx[k]! === input.nodes[k]!.choices.length) {
      idx[k] = 0;
      chosen[k] = input.nodes[k]!.choices[0]!;
      k++;
    }
    if (k === n) break;
    chosen[k] = input.nodes[k]!.choices[idx[k]!]!;
  }
  return paretoFrontier(points);
}

describe("planner vs exhaustive search", () => {
  const cases: [number, number, number[]][] = [
    [2, 2, [1410, 1200, 1050, 900]],
    [3, 2, [1410, 1110, 900]],
    [2, 3, [1410, 1140, 915]],
  ];
  for (const [stages, microbatches, clocks] of cases) {
    it(`${stages} stages x ${microbatches} microbatches x ${clocks.length} clocks`, async () => {
      for (const seed of ["a", "b"]) {
        const input = await instance(stages, microbatches, clocks, seed);
        const exact = exhaustiveFrontier(input);
        const result = trainingFrontier(input, { unitTimeS: UNIT_S });
        // The planner's own frontier (quantized op times) against the exhaustive one in the same
        // accounting: every plan it returns is real (re-evaluating it gives its point).
        const ours = result.plannedFrontier;
        const order = topologicalOrder(input.nodes);
        const evaluator = planEvaluator(input, order, UNIT_S);
        const chosenOf = (p: { freqMHz: number[] }) =>
          p.freqMHz.map((f, i) => input.nodes[i]!.choices.find((c) => c.freqMHz === f)!);
        for (const p of ours) {
          expect(evaluator.evaluate(chosenOf(p)).energyJ).toBeCloseTo(p.energyJ, 9);
        }
        // What it reports is each plan's exact time and energy.
        const exactEvaluator = planEvaluator(input, order);
        for (const p of result.frontier) {
          const e = exactEvaluator.evaluate(chosenOf(p));
          expect(e.timeS).toBe(p.timeS);
          expect(e.energyJ).toBe(p.energyJ);
        }
        let worst = 0;
        for (const e of exact) {
          const reach = Math.min(
            ...ours.filter((p) => p.timeS <= e.timeS + UNIT_S + 1e-9).map((p) => p.energyJ),
          );
          worst = Math.max(worst, reach / e.energyJ - 1);
        }
        expect(worst, `seed ${seed}`).toBeLessThanOrEqual(0.01);
      }
    });
  }
});
