/**
 * The knobs a user sets on a device: an SM clock lock and a power cap. Both optional: no lock
 * means the profile's default clock; no cap means the profile's default power limit. This file
 * holds the one check of a point against a profile (used by the CLI, scenarios, policies and
 * replays) and the one grid of caps that sweeps and baselines step through.
 */
import { badValue } from "../input/input-error.js";
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

/** Where the two knobs sit in the caller's input, for error messages (default: their names). */
export interface KnobPaths {
  lockedMHz?: string;
  powerCapW?: string;
}

/**
 * Step between power caps in sweeps and baselines: Zeus' power-limit optimizer steps the limit
 * 25 W at a time (REFERENCE.md, Zeus), and NVML accepts any whole watt, so 25 W is a choice of
 * resolution, not a hardware grid.
 */
export const CAP_STEP_W = 25;

/**
 * The point with defaults filled in. A lock off the profile's clock grid, a cap outside its
 * settable range, or a cap on a part with no settable limit is bad input at the knob's path.
 */
export function resolvePoint(
  profile: HardwareProfile,
  point: OperatingPoint = {},
  paths: KnobPaths = {},
): ResolvedPoint {
  const grid = profile.clocks.smMHz;
  let ceilingMHz = profile.clocks.defaultMHz;
  if (point.lockedMHz !== undefined) {
    if (!grid.includes(point.lockedMHz)) {
      throw badValue(
        paths.lockedMHz ?? "lockedMHz",
        `${point.lockedMHz} MHz is not on ${profile.name}'s clock grid (${describeGrid(grid)})`,
      );
    }
    ceilingMHz = point.lockedMHz;
  }
  let capW = profile.powerLimit?.defaultW ?? Infinity;
  if (point.uncapped) {
    if (point.powerCapW !== undefined)
      throw badValue(paths.powerCapW ?? "powerCapW", "a point cannot be both capped and uncapped");
    capW = Infinity;
  } else if (point.powerCapW !== undefined) {
    const limit = profile.powerLimit;
    const at = paths.powerCapW ?? "powerCapW";
    if (limit === undefined) throw badValue(at, `${profile.name} has no settable power limit`);
    if (!(point.powerCapW >= limit.minW && point.powerCapW <= limit.maxW)) {
      throw badValue(
        at,
        `${point.powerCapW} W is outside ${profile.name}'s limits ${limit.minW}-${limit.maxW} W`,
      );
    }
    capW = point.powerCapW;
  }
  return { ceilingMHz, capW };
}

/** `point` unchanged once resolvePoint accepts it. */
export function checkPoint(
  profile: HardwareProfile,
  point: OperatingPoint,
  paths: KnobPaths = {},
): OperatingPoint {
  resolvePoint(profile, point, paths);
  return point;
}

/** The profile's settable caps from its highest limit down in CAP_STEP_W; empty without a limit. */
export function capGridW(profile: HardwareProfile): number[] {
  const limit = profile.powerLimit;
  const out: number[] = [];
  if (limit === undefined) return out;
  for (let w = limit.maxW; w >= limit.minW; w -= CAP_STEP_W) out.push(w);
  return out;
}

export function describeGrid(grid: readonly number[]): string {
  if (grid.length === 1) return `fixed ${grid[0]} MHz`;
  const step = (grid[1] as number) - (grid[0] as number);
  return `${grid[0]}-${grid[grid.length - 1]} MHz in ${step} MHz steps`;
}
