/**
 * Uncapped power of a busy device at an SM clock:
 *   P = constant + leakage * V/Vmax + dynamic * (V/Vmax)^2 * (f/fmax) * activity + memory J/B * B/s
 * activity = base + tensorActivity[dtype] * (tensor busy fraction) + vectorActivity * (vector
 * busy fraction). The cost model calls this per kernel; the cap controller is separate.
 */
import type { Dtype } from "../op.js";
import type { HardwareProfile } from "../profile/profile.js";
import { voltageAt } from "./voltage.js";

/** The clock-dependent factors of the power model, computed once per clock. */
export interface ClockFactors {
  freqMHz: number;
  /** constant + leakage at this clock's voltage (W). */
  staticW: number;
  /** dynamic * (V/Vmax)^2 * f/fmax: watts per unit of activity (W). */
  dynamicPerActivityW: number;
}

export function maxClockMHz(profile: HardwareProfile): number {
  const grid = profile.clocks.smMHz;
  return grid[grid.length - 1] as number;
}

export function clockFactors(profile: HardwareProfile, freqMHz: number): ClockFactors {
  const fMax = maxClockMHz(profile);
  const v = voltageAt(profile.voltage, freqMHz, fMax) / profile.voltage.maxV;
  const p = profile.power;
  return {
    freqMHz,
    staticW: p.constantW + p.leakageW * v,
    dynamicPerActivityW: p.dynamicW * v * v * (freqMHz / fMax),
  };
}

export function tensorActivityOf(profile: HardwareProfile, dtype: Dtype): number {
  const table = profile.power.tensorActivity;
  return table[dtype] ?? (dtype === "fp16" ? table.bf16 : undefined) ?? 1;
}

/**
 * Power while running a kernel that keeps the tensor pipe busy `tensorBusy` of its time (0..1),
 * the vector pipe `vectorBusy`, and moves `bytesPerS` through HBM.
 */
export function busyPowerW(
  profile: HardwareProfile,
  clock: ClockFactors,
  dtype: Dtype,
  tensorBusy: number,
  vectorBusy: number,
  bytesPerS: number,
): number {
  const p = profile.power;
  const activity =
    p.baseActivity + tensorActivityOf(profile, dtype) * tensorBusy + p.vectorActivity * vectorBusy;
  return clock.staticW + clock.dynamicPerActivityW * activity + p.memoryJPerByte * bytesPerS;
}
