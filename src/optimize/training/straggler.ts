/**
 * Extrinsic energy bloat: when another pipeline of a data-parallel job straggles to
 * T' = slowdown x T, a non-straggler need not finish early and wait. It can take the
 * lowest-energy frontier plan that still meets T' and idle at P_blocking for the rest, instead
 * of running every op at its top clock and idling longer.
 */
import { badValue } from "../../input/input-error.js";
import type { PlannedPoint } from "./plan-input.js";

export interface StragglerResult {
  slowdown: number;
  /** The deadline T' set by the straggler (s). */
  timeS: number;
  /** Energy of one non-straggler pipeline over T' with the chosen plan (J). */
  energyJ: number;
  /** Same pipeline running all-max and idling until T' (J). */
  allMaxEnergyJ: number;
  savingPct: number;
  /** The plan it picks (its own iteration time, before idling). */
  plan: PlannedPoint;
  /**
   * A data-parallel job of `pipelines` pipelines, one of them the straggler (which runs all-max
   * and still takes T'): the job's energy per iteration with and without planning the others.
   */
  job: { pipelines: number; energyJ: number; allMaxEnergyJ: number; savingPct: number };
}

export function stragglerPlan(
  frontier: readonly PlannedPoint[],
  baseline: PlannedPoint,
  slowdown: number,
  stages: number,
  pBlockingW: number,
  pipelines = 1,
): StragglerResult {
  if (!(Number.isInteger(pipelines) && pipelines >= 1)) {
    throw badValue("pipelines", `must be a positive integer, got ${pipelines}`);
  }
  if (!(slowdown >= 1)) throw badValue("straggler", `slowdown must be >= 1, got ${slowdown}`);
  const deadlineS = slowdown * baseline.timeS;
  const idleJ = (t: number) => stages * pBlockingW * Math.max(0, deadlineS - t);
  let best: PlannedPoint | undefined;
  let bestJ = Infinity;
  for (const p of frontier) {
    if (p.timeS > deadlineS + 1e-12) continue;
    const j = p.energyJ + idleJ(p.timeS);
    if (j < bestJ) {
      bestJ = j;
      best = p;
    }
  }
  const allMaxEnergyJ = baseline.energyJ + idleJ(baseline.timeS);
  if (best === undefined || allMaxEnergyJ < bestJ) {
    best = baseline;
    bestJ = allMaxEnergyJ;
  }
  // The straggler's own energy is unknown (it is slow for reasons outside the plan); count it
  // as an all-max pipeline over T', the same in both cases.
  const jobAllMax = pipelines * allMaxEnergyJ;
  const jobPlanned = (pipelines - 1) * bestJ + allMaxEnergyJ;
  return {
    slowdown,
    timeS: deadlineS,
    energyJ: bestJ,
    allMaxEnergyJ,
    savingPct: 100 * (1 - bestJ / allMaxEnergyJ),
    plan: best,
    job: {
      pipelines,
      energyJ: jobPlanned,
      allMaxEnergyJ: jobAllMax,
      savingPct: 100 * (1 - jobPlanned / jobAllMax),
    },
  };
}
