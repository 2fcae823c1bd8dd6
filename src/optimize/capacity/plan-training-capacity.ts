/**
 * Training capacity planning: for a token budget and a deadline (or a GPU budget), the fewest
 * data-parallel replicas of one model-parallel group (tp x pp GPUs) whose job finishes in time,
 * found by replaying the job's step at each count tried (replica-search.ts over the admissible
 * counts), not by a scaling formula; then, at that count, the job at other operating points
 * (power caps, SM clock locks, a smoothing floor): days, MWh, cost, CO2, its facility power over
 * a few steps and whether it still meets the deadline and the site's power budget. With a
 * straggler rate, every figure is the expectation over slow and normal steps (straggler-odds.ts).
 */
import { paretoFrontier } from "../../frontier/index.js";
import { jobFigures } from "../cluster/job-figures.js";
import {
  prepareJob,
  replayJob,
  type JobSpec,
  type JobStep,
  type PreparedJob,
} from "../../replay/training/job/index.js";
import { dailyTotals, type DailyTotals, type DatacenterSpec } from "./datacenter.js";
import { jobTotals, type JobTotals } from "./job-totals.js";
import type { CapacityObjective } from "./plan-capacity.js";
import type { ReplicaSearch, ReplicaTrial } from "./replica-search.js";
import { expectedStep, slowStepProbability, type StragglerRate } from "./straggler-odds.js";

/** The job at one data-parallel degree, as the scenario defines it. */
export interface TrainingJobAt {
  spec: JobSpec;
  /** Steps to train on the token budget at this dp (its global batch). */
  steps: number;
  tokensPerStep: number;
  /** Bin width of the power series (s) and steps it covers. */
  powerResolutionS: number;
  seriesSteps: number;
}

export interface TrainingDemand {
  tp: number;
  pp: number;
  /** Admissible dp values, ascending, all within the GPU budget. */
  dpChoices: readonly number[];
  at(dp: number): TrainingJobAt;
}

/** A setting of every GPU: the default (none given), a cap, a clock lock, a smoothing floor. */
export interface TrainingOperatingPoint {
  name: string;
  powerCapW?: number;
  smClockMHz?: number;
  smoothingFloorW?: number;
}

export interface TrainingPlanInput {
  /** The layout's name in tables (default "job"). */
  layout?: string;
  demand: TrainingDemand;
  tokens: number;
  deadlineDays?: number;
  maxGpus: number;
  operatingPoints: readonly TrainingOperatingPoint[];
  stragglers?: StragglerRate;
  datacenter: DatacenterSpec;
  objective: CapacityObjective;
}

export interface FacilitySeries {
  timeS: number[];
  gpuPowerW: number[];
  itPowerW: number[];
  facilityPowerW: number[];
  peakFacilityW: number;
  troughFacilityW: number;
  /** Peak minus trough. */
  swingW: number;
}

export interface StragglerEffect {
  rate: number;
  slowdown: number;
  /** Chance that a step has a slow GPU. */
  slowStepProbability: number;
  /** The step with one slow pipeline, replayed (s, J). */
  slowStepS: number;
  slowStepEnergyJ: number;
  /** Expected over steps vs the step without stragglers (%). */
  stepIncreasePct: number;
  energyIncreasePct: number;
}

export interface TrainingPoint {
  point: TrainingOperatingPoint;
  dp: number;
  gpus: number;
  steps: number;
  /** The replayed step without stragglers (s) and its energy, GPUs + nodes (J). */
  stepS: number;
  stepEnergyJ: number;
  /** With stragglers, the expectation; else the same as stepS / stepEnergyJ. */
  expectedStepS: number;
  expectedStepEnergyJ: number;
  straggler?: StragglerEffect;
  /** The nodes' non-GPU draw (W) and the GPUs' share of the job's IT energy (MWh). */
  nodePowerW: number;
  gpuEnergyMWh: number;
  meetsDeadline: boolean;
  totals: JobTotals;
  /** Power and budgets (its per-day cost and energy are not used: `totals` cover the job). */
  power: DailyTotals;
  series: FacilitySeries;
}

export interface TrainingPlan {
  layout: string;
  objective: CapacityObjective;
  tokens: number;
  deadlineDays?: number;
  maxGpus: number;
  /** A dp meeting the deadline within maxGpus was found (always true without a deadline). */
  feasible: boolean;
  /** The fewest GPUs meeting the deadline (or the most within maxGpus without one), default setting. */
  chosen: TrainingPoint;
  /** The next smaller admissible dp (it misses the deadline), when there is one. */
  oneFewer?: TrainingPoint;
  /** Every count the search replayed, in order. */
  trials: ReplicaTrial<TrainingPoint>[];
  /** The chosen count at the default setting and at each operating point. */
  points: TrainingPoint[];
  /**
   * The time-energy frontier of `points`: those no other point beats on both the job's days and
   * its facility energy (the trade-off a cap or a clock lock offers), fastest first.
   */
  frontier: TrainingPoint[];
  /** Points meeting the deadline and the budgets, by the objective; undefined when none. */
  recommended?: TrainingPoint;
}

const DEFAULT_POINT: TrainingOperatingPoint = { name: "default" };

export function planTrainingCapacity(input: TrainingPlanInput): TrainingPlan {
  const { demand } = input;
  const choices = demand.dpChoices;
  const deadline = input.deadlineDays;
  const at = (i: number) => evaluate(input, choices[i - 1]!, DEFAULT_POINT);
  // No deadline: the GPU budget is the plan; only its largest count is replayed.
  const search =
    deadline === undefined
      ? { best: { replicas: choices.length, meets: true, result: at(choices.length) } }
      : bisectCounts(choices.length, (i) => {
          const result = at(i);
          return { meets: result.meetsDeadline, result };
        });
  const trials = "trials" in search ? search.trials : [search.best];
  const chosen = search.best.result;
  const points = [chosen, ...input.operatingPoints.map((p) => evaluate(input, chosen.dp, p))];
  const frontier = paretoFrontier(points, {
    x: (p) => p.totals.days,
    y: (p) => p.totals.facilityEnergyMWh,
  });
  const usable = points.filter((p) => p.meetsDeadline && p.power.fitsBudget);
  const key = OBJECTIVE[input.objective];
  const recommended = [...usable].sort(
    (a, b) => key(a) - key(b) || a.totals.costUsd - b.totals.costUsd,
  )[0];
  const oneFewer = "oneFewer" in search ? search.oneFewer?.result : undefined;
  return {
    layout: input.layout ?? "job",
    objective: input.objective,
    tokens: input.tokens,
    ...(deadline !== undefined ? { deadlineDays: deadline } : {}),
    maxGpus: input.maxGpus,
    feasible: search.best.meets,
    chosen,
    ...(oneFewer ? { oneFewer } : {}),
    trials,
    points,
    frontier,
    ...(recommended ? { recommended } : {}),
  };
}

/**
 * The fewest of counts 1..n (indices into the admissible dp values) that meets, by simulation:
 * the largest first (if it misses, nothing does: one replay says so), then bisection between
 * the last that missed and the first that met. Not replica-search's doubling from 1: here the
 * smallest dp is the dearest replay (the global batch split over the fewest pipelines gives each
 * the most microbatches). Assumes more replicas never finish later; the count one below the
 * answer is replayed too, so a reader sees it miss.
 */
export function bisectCounts<R>(
  n: number,
  evaluate: (i: number) => { meets: boolean; result: R },
): ReplicaSearch<R> {
  const trials: ReplicaTrial<R>[] = [];
  const seen = new Map<number, ReplicaTrial<R>>();
  const trial = (i: number): ReplicaTrial<R> => {
    let t = seen.get(i);
    if (t === undefined) {
      t = { replicas: i, ...evaluate(i) };
      seen.set(i, t);
      trials.push(t);
    }
    return t;
  };
  const top = trial(n);
  if (!top.meets) return { best: top, trials };
  let failed = 0;
  let met = n;
  while (met - failed > 1) {
    const mid = Math.floor((failed + met) / 2);
    if (trial(mid).meets) met = mid;
    else failed = mid;
  }
  const found = trial(met);
  return { found, oneFewer: met > 1 ? trial(met - 1) : undefined, best: found, trials };
}

/** Several model-parallel layouts, each with its own dp search, and the pick among them. */
export interface TrainingPlansInput extends Omit<TrainingPlanInput, "demand" | "layout"> {
  layouts: readonly { name: string; demand: TrainingDemand }[];
}

export interface TrainingPlans {
  objective: CapacityObjective;
  plans: TrainingPlan[];
  /** The objective's pick among the layouts' recommendations; undefined when none works. */
  recommended?: { plan: TrainingPlan; point: TrainingPoint };
}

export function planTrainingLayouts(input: TrainingPlansInput): TrainingPlans {
  const plans = input.layouts.map((l) =>
    planTrainingCapacity({ ...input, layout: l.name, demand: l.demand }),
  );
  const key = OBJECTIVE[input.objective];
  const picks = plans.flatMap((plan) =>
    plan.recommended ? [{ plan, point: plan.recommended }] : [],
  );
  // Ties (e.g. by GPUs) go to the cheaper, then to the layout listed first.
  picks.sort(
    (a, b) => key(a.point) - key(b.point) || a.point.totals.costUsd - b.point.totals.costUsd,
  );
  return { objective: input.objective, plans, ...(picks[0] ? { recommended: picks[0] } : {}) };
}

const OBJECTIVE: Record<CapacityObjective, (p: TrainingPoint) => number> = {
  cost: (p) => p.totals.costUsd,
  energy: (p) => p.totals.facilityEnergyMWh,
  gpus: (p) => p.gpus,
};

/** The job at `dp` GPUs-groups and one operating point, replayed (and with a straggler). */
export function evaluate(
  input: TrainingPlanInput,
  dp: number,
  point: TrainingOperatingPoint,
): TrainingPoint {
  const job = input.demand.at(dp);
  const spec: JobSpec = {
    ...job.spec,
    ...(point.powerCapW !== undefined ? { powerCapW: point.powerCapW } : {}),
  };
  const replay = (p: PreparedJob) => {
    const plan = point.smClockMHz === undefined ? undefined : lockedPlan(p, point.smClockMHz);
    return replayJob(p, plan ? [plan, plan] : [], point.smoothingFloorW);
  };
  const step = replay(prepareJob(spec));
  const energyOf = (s: JobStep) => s.gpuEnergyJ + s.nodeEnergyJ;
  const normal = { stepS: step.stepS, energyJ: energyOf(step) };
  let expected = normal;
  let straggler: StragglerEffect | undefined;
  const st = input.stragglers;
  // One pipeline cannot wait for another: with dp 1 a slow GPU only slows the step it is in,
  // which the replay does not model; the expectation needs dp >= 2.
  if (st !== undefined && dp >= 2) {
    const slow = replay(prepareJob({ ...spec, stragglerFactor: st.slowdown }));
    const q = slowStepProbability(st.rate, step.gpus);
    const slowCost = { stepS: slow.stepS, energyJ: energyOf(slow) };
    expected = expectedStep(normal, slowCost, q);
    straggler = {
      rate: st.rate,
      slowdown: st.slowdown,
      slowStepProbability: q,
      slowStepS: slow.stepS,
      slowStepEnergyJ: slowCost.energyJ,
      stepIncreasePct: 100 * (expected.stepS / normal.stepS - 1),
      energyIncreasePct: 100 * (expected.energyJ / normal.energyJ - 1),
    };
  }
  const dc = input.datacenter;
  const gpn = spec.hardware.node.gpusPerNode;
  const { figures, series } = jobFigures(
    step,
    job.steps,
    job.powerResolutionS,
    gpn,
    job.seriesSteps,
  );
  const avgItPowerW = expected.energyJ / expected.stepS;
  const power = dailyTotals(dc, {
    gpus: step.gpus,
    gpusPerNode: gpn,
    avgGpuPowerW: avgItPowerW - step.nodePowerW,
    peakGpuPowerW: figures.peakJobPowerW - step.nodePowerW,
    nodePowerW: step.nodePowerW,
  });
  const durationS = job.steps * expected.stepS;
  const totals = jobTotals(dc, { gpus: step.gpus, avgItPowerW, durationS });
  const deadline = input.deadlineDays;
  return {
    point,
    dp,
    gpus: step.gpus,
    steps: job.steps,
    stepS: normal.stepS,
    stepEnergyJ: normal.energyJ,
    expectedStepS: expected.stepS,
    expectedStepEnergyJ: expected.energyJ,
    ...(straggler ? { straggler } : {}),
    nodePowerW: step.nodePowerW,
    gpuEnergyMWh: ((avgItPowerW - step.nodePowerW) * durationS) / 3.6e9,
    meetsDeadline: deadline === undefined || totals.days <= deadline,
    totals,
    power,
    series: facilitySeries(series.gpuPowerW, series.nodePowerW, dc.pue, job.powerResolutionS),
  };
}

/** Every op at its highest clock at or under the lock (transfers have one row, kept). */
function lockedPlan(p: PreparedJob, lockMHz: number): number[] {
  return p.pipeline.costs.ops.map((c) => {
    const under = c.freqMHz.filter((f) => f <= lockMHz);
    return under.length > 0 ? Math.max(...under) : Math.min(...c.freqMHz);
  });
}

/** GPU bins plus the nodes' constant draw, times PUE: what the site's feed sees. */
export function facilitySeries(
  gpuPowerW: readonly number[],
  nodePowerW: number,
  pue: number,
  binS: number,
): FacilitySeries {
  const itPowerW = gpuPowerW.map((w) => w + nodePowerW);
  const facilityPowerW = itPowerW.map((w) => w * pue);
  let peak = -Infinity;
  let trough = Infinity;
  for (const w of facilityPowerW) {
    peak = Math.max(peak, w);
    trough = Math.min(trough, w);
  }
  if (facilityPowerW.length === 0) peak = trough = 0;
  return {
    timeS: gpuPowerW.map((_, i) => i * binS),
    gpuPowerW: [...gpuPowerW],
    itPowerW,
    facilityPowerW,
    peakFacilityW: peak,
    troughFacilityW: trough,
    swingW: peak - trough,
  };
}
