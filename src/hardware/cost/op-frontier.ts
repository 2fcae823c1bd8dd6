/**
 * The per-op (or per-step) time-energy frontier a device offers: every SM clock of the grid with
 * no cap, and every power cap (in steps across the limit range) at the default clock; then the
 * Pareto filter. Each point keeps the knob setting that reaches it.
 */
import { paretoFrontier } from "../../frontier/pareto.js";
import { CAP_STEP_W } from "../operating-point.js";
import type { Work } from "../op.js";
import { costAtClock } from "./cost-at-clock.js";
import type { HardwareProfile } from "../profile/profile.js";
import { steadyCappedCost } from "../power/steady-cap.js";

export interface KnobPoint {
  /** Clock ceiling (the lock) of this point. */
  lockedMHz?: number;
  powerCapW?: number;
  freqMHz: number;
  timeS: number;
  energyJ: number;
  avgPowerW: number;
  capBound: boolean;
}

export interface OpFrontierOptions {
  /** Step between power caps (W); default CAP_STEP_W. */
  capStepW?: number;
}

/** All knob settings tried (clock locks, then caps), before filtering. */
export function knobPoints(
  profile: HardwareProfile,
  work: Work,
  options: OpFrontierOptions = {},
): KnobPoint[] {
  const points: KnobPoint[] = [];
  for (const f of profile.clocks.smMHz) {
    const c = costAtClock(profile, work, f);
    points.push({ lockedMHz: f, ...c, capBound: false });
  }
  const limit = profile.powerLimit;
  if (limit !== undefined) {
    const stepW = options.capStepW ?? CAP_STEP_W;
    for (let capW = limit.maxW; capW >= limit.minW; capW -= stepW) {
      const c = steadyCappedCost(profile, work, profile.clocks.defaultMHz, capW);
      points.push({ powerCapW: capW, ...c });
    }
  }
  return points;
}

export function opFrontier(
  profile: HardwareProfile,
  work: Work,
  options: OpFrontierOptions = {},
): KnobPoint[] {
  return paretoFrontier(knobPoints(profile, work, options));
}
