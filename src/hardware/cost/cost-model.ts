/**
 * costOf: time, energy and power of one op or a step of many ops at an operating point (clock
 * lock and power cap), as when the work repeats back to back. The clock is chosen by the
 * steady-state cap controller; energies are per device.
 */
import type { Work } from "../op.js";
import { resolvePoint, type OperatingPoint } from "../operating-point.js";
import type { HardwareProfile } from "../profile/profile.js";
import { steadyCappedCost } from "../power/steady-cap.js";

export interface Cost {
  timeS: number;
  energyJ: number;
  avgPowerW: number;
  freqMHz: number;
  capBound: boolean;
  /** The cap is below what the work draws at the lowest clock: `avgPowerW` is what it draws. */
  capUnreachable: boolean;
}

export function costOf(profile: HardwareProfile, work: Work, point: OperatingPoint = {}): Cost {
  const { ceilingMHz, capW } = resolvePoint(profile, point);
  const c = steadyCappedCost(profile, work, ceilingMHz, capW);
  return {
    timeS: c.timeS,
    energyJ: c.energyJ,
    avgPowerW: c.avgPowerW,
    freqMHz: c.freqMHz,
    capBound: c.capBound,
    capUnreachable: c.capUnreachable,
  };
}
