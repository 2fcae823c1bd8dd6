/**
 * The power-cap controller for work repeated back to back: the cap is enforced on power averaged
 * over a window far longer than one kernel, so the device settles at the highest grid clock (not
 * above the ceiling) whose average power over the work fits under the cap. Power rises
 * monotonically with the clock: highestFittingClock finds it.
 */
import type { Work } from "../op.js";
import { costAtClock, type ClockCost } from "../cost/cost-at-clock.js";
import type { HardwareProfile } from "../profile/profile.js";
import { highestFittingClock } from "./highest-fitting-clock.js";

export interface CappedCost extends ClockCost {
  /** True when the cap, not the clock ceiling, set the clock. */
  capBound: boolean;
  /** True when even the lowest clock draws more than the cap (it runs there, over the cap). */
  capUnreachable: boolean;
}

export function steadyCappedCost(
  profile: HardwareProfile,
  work: Work,
  ceilingMHz: number,
  capW: number,
): CappedCost {
  const grid = profile.clocks.smMHz;
  const { cost, capBound, capUnreachable } = highestFittingClock(
    grid.indexOf(ceilingMHz),
    (i) => costAtClock(profile, work, grid[i] as number),
    (c) => c.avgPowerW <= capW,
  );
  return { ...cost, capBound, capUnreachable };
}
