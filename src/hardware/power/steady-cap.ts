/**
 * The power-cap controller for work repeated back to back: the cap is enforced on power averaged
 * over a window far longer than one kernel, so the device settles at the highest grid clock (not
 * above the ceiling) whose average power over the work fits under the cap. Power rises
 * monotonically with the clock, so a binary search over the grid finds it.
 */
import type { Work } from "../op.js";
import { costAtClock, type ClockCost } from "../cost/cost-at-clock.js";
import type { HardwareProfile } from "../profile/profile.js";

export interface CappedCost extends ClockCost {
  /** True when the cap, not the clock ceiling, set the clock. */
  capBound: boolean;
}

export function steadyCappedCost(
  profile: HardwareProfile,
  work: Work,
  ceilingMHz: number,
  capW: number,
): CappedCost {
  const top = costAtClock(profile, work, ceilingMHz);
  if (top.avgPowerW <= capW) return { ...top, capBound: false };
  const grid = profile.clocks.smMHz;
  // Invariant: grid[hi] is over the cap; grid[lo] fits, or lo = -1 if nothing fits.
  let lo = -1;
  let hi = grid.indexOf(ceilingMHz);
  let best: ClockCost | undefined;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const c = costAtClock(profile, work, grid[mid] as number);
    if (c.avgPowerW <= capW) {
      lo = mid;
      best = c;
    } else {
      hi = mid;
    }
  }
  // Even the lowest clock draws more than the cap: the device runs there, over its cap.
  best ??= costAtClock(profile, work, grid[0] as number);
  return { ...best, capBound: true };
}
