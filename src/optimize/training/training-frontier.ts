/**
 * The iteration time-energy frontier of a training pipeline over per-op clock plans (Perseus'
 * planner), with the two baselines users compare it to: every op under one clock lock (swept
 * over the ops' clocks) and one power cap for all GPUs (Zeus' global limit, in CAP_STEP_W steps,
 * or the profile's settable caps when given).
 *
 * The min-cut sweep plans on op times quantized down to `unitTimeS` (Perseus' accounting); what
 * the frontier reports is each plan's exact time and energy (the exact plan evaluator: the
 * longest dependency path on unquantized op times, which is what the discrete-event replay of
 * the plan gives with no switch latency), with the planning time beside it (`plannedTimeS`).
 * Points faster than the baseline (every op at its top clock: the default setting) cannot run,
 * and points dominated once rounded to the reported precision (6 significant digits, as the CSV
 * writer prints) are float noise: both are dropped.
 */
import { paretoFrontier, sweepResult, timeEnergyAxes } from "../../frontier/index.js";
import { CAP_STEP_W } from "../../hardware/operating-point.js";
import { formatNumber } from "../../report/format-value.js";
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
  /** Op times are quantized down to this unit (s) for planning. */
  unitTimeS?: number;
  /** Step between global power caps (W) when `capsW` is not given; default CAP_STEP_W. */
  capStepW?: number;
  /** The caps the global-cap baseline may set (the profile's settable range), highest first. */
  capsW?: readonly number[];
  /**
   * GPUs each planned stage stands for (its tp group times the data-parallel pipelines that run
   * the same plan): every reported energy is multiplied by it. Default 1 (one GPU per stage).
   */
  energyScale?: number;
  /** Work allowed for local refinement (op visits); see refineFrontier. */
  refineBudgetOpVisits?: number;
}

/** A frontier plan: exact time and energy, and what the planner saw (quantized op times). */
export interface FrontierPoint extends PlannedPoint {
  plannedTimeS: number;
  plannedEnergyJ: number;
}

export interface TrainingFrontier {
  /** Every op at its highest clock (the default setting), exact. */
  baseline: FrontierPoint;
  /** Pareto-optimal per-op plans, fastest first, none faster than the baseline. */
  frontier: FrontierPoint[];
  /** Whether some frontier plan beats the baseline (the default setting) on time and energy. */
  defaultDominated: boolean;
  minEnergy: FrontierPoint;
  /** Frontier of "one clock lock for every op" (each op at its highest clock not above it). */
  uniformClock: (PlannedPoint & { lockMHz: number })[];
  /** Frontier of "one power cap for every GPU"; each point carries its cap. */
  globalCap: (PlannedPoint & { capW: number })[];
  /** The planner's own frontier, as it planned it (quantized op times, Perseus' accounting). */
  plannedFrontier: PlannedPoint[];
  unitTimeS: number;
  /** See TrainingFrontierOptions.energyScale. */
  energyScale: number;
}

/** A value as the CSV writer prints it (6 significant digits). */
export const reportedValue = (x: number): number => Number(formatNumber(x));

/** Pareto filter on the reported (rounded) values, dropping points faster than `baseline`. */
export function actionable<P extends PlannedPoint>(
  points: readonly P[],
  baseline: PlannedPoint,
): P[] {
  const t0 = reportedValue(baseline.timeS);
  const kept = points.filter((p) => reportedValue(p.timeS) >= t0);
  return paretoFrontier(kept, {
    x: (p) => reportedValue(p.timeS),
    y: (p) => reportedValue(p.energyJ),
  });
}

export function trainingFrontier(
  input: PlannerInput,
  options: TrainingFrontierOptions = {},
): TrainingFrontier {
  const unitTimeS = options.unitTimeS ?? TRAINING_DEFAULTS.unitTimeS;
  const scale = options.energyScale ?? 1;
  if (!(scale > 0 && scale < Infinity)) {
    throw new RangeError(`energyScale must be > 0, got ${scale}`);
  }
  const order = topologicalOrder(input.nodes);
  const exact = planEvaluator(input, order);
  const plan = (chosen: readonly Choice[]): PlannedPoint => {
    const e = exact.evaluate(chosen);
    return { timeS: e.timeS, energyJ: scale * e.energyJ, freqMHz: chosen.map((c) => c.freqMHz) };
  };
  // Per distinct choices array (ops of a kind share one): work done once per kind, not per op.
  const perChoices = <T>(make: (choices: readonly Choice[]) => T) => {
    const memo = new Map<readonly Choice[], T>();
    return (choices: readonly Choice[]): T => {
      let v = memo.get(choices);
      if (v === undefined) memo.set(choices, (v = make(choices)));
      return v;
    };
  };
  const byClock = perChoices((choices) => new Map(choices.map((c) => [c.freqMHz, c])));
  const chosenOf = (freqMHz: readonly number[]): Choice[] =>
    freqMHz.map((f, i) => byClock(input.nodes[i]!.choices).get(f)!);

  const fastestChoice = perChoices((choices) =>
    choices.reduce((a, b) => (b.freqMHz > a.freqMHz ? b : a)),
  );
  const allMax = input.nodes.map((n) => fastestChoice(n.choices));
  const quantized = planEvaluator(input, order, unitTimeS);
  const planned = quantized.evaluate(allMax);
  const baseline: FrontierPoint = {
    ...plan(allMax),
    plannedTimeS: planned.timeS,
    plannedEnergyJ: scale * planned.energyJ,
  };

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
  // One clock lock for all ops: each runs at its highest clock not above the lock (its lowest
  // if none is), as a locked GPU under its power limit does.
  const locks = [
    ...new Set([...new Set(input.nodes.map((n) => n.choices))].flat().map((c) => c.freqMHz)),
  ].sort((a, b) => b - a);
  const underLock = (choices: readonly Choice[], lockMHz: number): Choice => {
    const fits = choices.filter((c) => c.freqMHz <= lockMHz);
    return fits.length > 0
      ? fits.reduce((a, b) => (b.freqMHz > a.freqMHz ? b : a))
      : choices.reduce((a, b) => (b.freqMHz < a.freqMHz ? b : a));
  };
  const uniformClock = actionable(
    locks.map((lockMHz) => {
      const pickOf = perChoices((choices) => underLock(choices, lockMHz));
      return { ...plan(input.nodes.map((n) => pickOf(n.choices))), lockMHz };
    }),
    baseline,
  );

  // One cap for all: each op runs at its highest clock whose average power fits (steady state;
  // the lowest clock when none fits, as the controller does).
  const powerOf = (c: Choice) => c.energyJ / c.timeS;
  const capsW = options.capsW ?? derivedCaps(input, powerOf, options.capStepW ?? CAP_STEP_W);
  const globalCap = capsW.map((capW) => {
    const pickOf = perChoices((choices) => {
      const fits = choices.filter((c) => powerOf(c) <= capW);
      return fits.length > 0
        ? fits.reduce((a, b) => (b.freqMHz > a.freqMHz ? b : a))
        : choices.reduce((a, b) => (b.freqMHz < a.freqMHz ? b : a));
    });
    return { ...plan(input.nodes.map((n) => pickOf(n.choices))), capW };
  });
  const actionableCaps = actionable(globalCap, baseline);

  // Report what each plan really takes; keep the planner's view beside it. The all-max plan
  // (the default setting) and the baselines' plans are per-op plans too: where the planner's
  // quantized plans leave a gap (next to the baseline, where quantization matters most), they
  // fill it.
  const withPlanned = (p: PlannedPoint): FrontierPoint => {
    const q = quantized.evaluate(chosenOf(p.freqMHz));
    return {
      timeS: p.timeS,
      energyJ: p.energyJ,
      freqMHz: p.freqMHz,
      plannedTimeS: q.timeS,
      plannedEnergyJ: scale * q.energyJ,
    };
  };
  const replayed: FrontierPoint[] = [
    baseline,
    ...refined.map((p) => ({
      ...plan(chosenOf(p.freqMHz)),
      plannedTimeS: p.timeS,
      plannedEnergyJ: scale * p.energyJ,
    })),
    ...uniformClock.map(withPlanned),
    ...actionableCaps.map(withPlanned),
  ];
  const { frontier, defaultDominated } = sweepResult<FrontierPoint>(
    actionable(replayed, baseline),
    baseline,
    timeEnergyAxes,
  );

  return {
    baseline,
    frontier,
    defaultDominated,
    minEnergy: frontier[frontier.length - 1]!,
    uniformClock,
    plannedFrontier: refined.map((p) => ({ ...p, energyJ: scale * p.energyJ })),
    globalCap: actionableCaps,
    unitTimeS,
    energyScale: scale,
  };
}

/** Without a profile's settable range: caps in `stepW` steps spanning the ops' own powers. */
function derivedCaps(input: PlannerInput, powerOf: (c: Choice) => number, stepW: number): number[] {
  // A loop, not Math.min(...): a large pipeline has a million choices.
  let minW = Infinity;
  let maxW = -Infinity;
  for (const n of input.nodes) {
    for (const c of n.choices) {
      minW = Math.min(minW, powerOf(c));
      maxW = Math.max(maxW, powerOf(c));
    }
  }
  const caps: number[] = [];
  const lowW = minW - stepW;
  for (let capW = Math.ceil(maxW / stepW) * stepW; capW >= lowW; capW -= stepW) {
    caps.push(capW);
  }
  return caps;
}
