/**
 * The knobs a user sets on a device: an SM clock lock and a power cap. Both optional: no lock
 * means the profile's default clock; no cap means the profile's default power limit.
 */
import type { HardwareProfile } from "./profile/profile.js";

export interface OperatingPoint {
  lockedMHz?: number;
  powerCapW?: number;
  /** Ignore the power limit entirely (what-if: a part with no limit); excludes powerCapW. */
  uncapped?: boolean;
}

/** The knobs with defaults filled in; `capW` is Infinity for parts without a power limit. */
export interface ResolvedPoint {
  ceilingMHz: number;
  capW: number;
}

export function resolvePoint(profile: HardwareProfile, point: OperatingPoint = {}): ResolvedPoint {
  const grid = profile.clocks.smMHz;
  let ceilingMHz = profile.clocks.defaultMHz;
  if (point.lockedMHz !== undefined) {
    if (!grid.includes(point.lockedMHz)) {
      throw new RangeError(
        `clock ${point.lockedMHz} MHz is not on ${profile.name}'s grid (${describeGrid(grid)})`,
      );
    }
    ceilingMHz = point.lockedMHz;
  }
  let capW = profile.powerLimit?.defaultW ?? Infinity;
  if (point.uncapped) {
    if (point.powerCapW !== undefined)
      throw new RangeError("a point cannot be both capped and uncapped");
    capW = Infinity;
  } else if (point.powerCapW !== undefined) {
    const limit = profile.powerLimit;
    if (limit === undefined) {
      throw new RangeError(`${profile.name} has no settable power limit`);
    }
    if (!(point.powerCapW >= limit.minW && point.powerCapW <= limit.maxW)) {
      throw new RangeError(
        `power cap ${point.powerCapW} W is outside ${profile.name}'s limits ${limit.minW}-${limit.maxW} W`,
      );
    }
    capW = point.powerCapW;
  }
  return { ceilingMHz, capW };
}

export function describeGrid(grid: readonly number[]): string {
  if (grid.length === 1) return `fixed ${grid[0]} MHz`;
  const step = (grid[1] as number) - (grid[0] as number);
  return `${grid[0]}-${grid[grid.length - 1]} MHz in ${step} MHz steps`;
}
