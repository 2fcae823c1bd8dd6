/**
 * The iteration time-energy frontier of a training pipeline over per-op clock plans (Perseus'
 * planner), with the two baselines users compare it to: every op at one clock (swept over the
 * clocks all ops offer) and one power cap for all GPUs (Zeus' global limit, in CAP_STEP_W steps).
 */
import { paretoFrontier, sweepResult, timeEnergyAxes } from "../../frontier/index.js";
import { CAP_STEP_W } from "../../hardware/operating-point.js";
import { planEvaluator } from "./evaluate-plan.js";
import { TRAINING_DEFAULTS } from "./training-defaults.js";
import { phillipsDessoukySweep } from "./phillips-dessouky.js";
import { refineFrontier } from "./refine-frontier.js";
import {
  topologicalOrder,
  type Choice,
  type PlannedPoint,
  type PlannerInput,
} from "./plan-input.js";

export interface TrainingFrontierOptions {
  /** Op times are quantized down to this unit (s) for planning and accounting. */
  unitTimeS?: number;
  /** Step between global power caps (W); default CAP_STEP_W. */
  capStepW?: number;
  /** Work allowed for local refinement (op visits); see refineFrontier. */
  refineBudgetOpVisits?: number;
}

export interface TrainingFrontier {
  /** Every op at its highest clock, op times not quantized. */
  baseline: PlannedPoint;
  /** Pareto-optimal per-op plans, fastest first. */
  frontier: PlannedPoint[];
  /** Whether some frontier plan beats the baseline (the default setting) on time and energy. */
  defaultDominated: boolean;
  minEnergy: PlannedPoint;
  /** Frontier of "every op at the same clock". */
  uniformClock: PlannedPoint[];
  /** Frontier of "one power cap for every GPU"; each point carries its cap. */
  globalCap: (PlannedPoint & { capW: number })[];
  unitTimeS: number;
}

export function trainingFrontier(
  input: PlannerInput,
  options: TrainingFrontierOptions = {},
): TrainingFrontier {
  const unitTimeS = options.unitTimeS ?? TRAINING_DEFAULTS.unitTimeS;
  const order = topologicalOrder(input.nodes);
  const exact = planEvaluator(input, order);
  const quantized = planEvaluator(input, order, unitTimeS);
  const plan = (chosen: readonly Choice[], evaluator = quantized): PlannedPoint => ({
    ...evaluator.evaluate(chosen),
    freqMHz: chosen.map((c) => c.freqMHz),
  });

  const fastestChoice = (n: { choices: readonly Choice[] }) =>
    n.choices.reduce((a, b) => (b.freqMHz > a.freqMHz ? b : a));
  const baseline = plan(input.nodes.map(fastestChoice), exact);

  const sweep = phillipsDessoukySweep(input, { unitTimeS });
  const front = paretoFrontier(sweep.points.map((p, index) => ({ ...p, index })));
  const indices = front.map((p) => p.index).sort((a, b) => a - b);
  const plans = new Map(sweep.plans(indices).map((freqMHz, k) => [indices[k]!, freqMHz]));
  const refined = refineFrontier(
    input,
    order,
    front.map((p) => ({ timeS: p.timeS, energyJ: p.energyJ, freqMHz: plans.get(p.index)! })),
    { unitTimeS, budgetOpVisits: options.refineBudgetOpVisits },
  );
  const { frontier, defaultDominated } = sweepResult(refined, baseline, timeEnergyAxes);

  // Uniform clocks: only clocks every op offers.
  const clockSets = input.nodes.map((n) => new Set(n.choices.map((c) => c.freqMHz)));
  const common = [...clockSets[0]!].filter((f) => clockSets.every((s) => s.has(f)));
  const uniformClock = paretoFrontier(
    common.map((f) => plan(input.nodes.map((n) => n.choices.find((c) => c.freqMHz === f)!))),
  );

  // One cap for all: each op runs at its highest clock whose average power fits (steady state).
  const powerOf = (c: Choice) => c.energyJ / c.timeS;
  const powers = input.nodes.flatMap((n) => n.choices.map(powerOf));
  const stepW = options.capStepW ?? CAP_STEP_W;
  const globalCap: (PlannedPoint & { capW: number })[] = [];
  for (
    let capW = Math.ceil(Math.max(...powers) / stepW) * stepW;
    capW >= Math.min(...powers) - stepW;
    capW -= stepW
  ) {
    const chosen = input.nodes.map((n) => {
      const fits = n.choices.filter((c) => powerOf(c) <= capW);
      const pool = fits.length > 0 ? fits : n.choices;
      return fits.length > 0
        ? pool.reduce((a, b) => (b.freqMHz > a.freqMHz ? b : a))
        : pool.reduce((a, b) => (b.freqMHz < a.freqMHz ? b : a));
    });
    globalCap.push({ ...plan(chosen), capW });
  }

  return {
    baseline,
    frontier,
    defaultDominated,
    minEnergy: frontier[frontier.length - 1]!,
    uniformClock,
    globalCap: paretoFrontier(globalCap),
    unitTimeS,
  };
}
