/**
 * A training frontier with clock changes paid for. The planner (Perseus') treats a per-op clock
 * as free to set; a real GPU needs time to move its clock (driver, PLL, regulator). Each frontier
 * plan is replayed on the discrete-event replay with that latency: when a GPU's next compute op
 * runs at another clock than its previous one, it starts no earlier than the previous op's end
 * plus the latency, blocking meanwhile (a wait at least that long hides the switch). The default
 * setting (every op at its top clock, no lock set) pays nothing. The frontier is then filtered
 * again, so a plan whose gain is smaller than what its switches cost drops off it: per-op clocks
 * pay only on ops that are long next to the switch, or whose switch falls into a wait.
 */
import { sweepResult, timeEnergyAxes } from "../../frontier/index.js";
import { actionable, type FrontierPoint, type TrainingFrontier } from "./training-frontier.js";

export interface ReplayedPlan {
  timeS: number;
  energyJ: number;
}

export function chargeSwitches(
  f: TrainingFrontier,
  replayWithSwitches: (freqMHz: readonly number[]) => ReplayedPlan,
): TrainingFrontier {
  const charged: FrontierPoint[] = f.frontier.map((p) => {
    if (p === f.baseline) return p;
    const r = replayWithSwitches(p.freqMHz);
    return { ...p, timeS: r.timeS, energyJ: r.energyJ };
  });
  const withBaseline = charged.includes(f.baseline) ? charged : [f.baseline, ...charged];
  const { frontier, defaultDominated } = sweepResult(
    actionable(withBaseline, f.baseline),
    f.baseline,
    timeEnergyAxes,
  );
  return {
    ...f,
    frontier,
    defaultDominated,
    minEnergy: frontier[frontier.length - 1] ?? f.baseline,
  };
}
