/**
 * Uncapped time and energy of a piece of work with the SM clock held at one value. Ops run back
 * to back; each kernel draws its own power; energy is summed exactly (d3's Adder-style fsum) so
 * the order of ops never changes a total.
 */
import { Adder } from "d3-array";
import type { Op, Work } from "../op.js";
import { opsOf, pipeOf } from "../op.js";
import { linkTimeS } from "./link-time.js";
import { kernelTiming } from "./op-time.js";
import type { HardwareProfile } from "../profile/profile.js";
import { busyPowerW, clockFactors, type ClockFactors } from "../power/power-model.js";

export interface OpCost {
  op: Op;
  /** Time of one execution (s). */
  timeS: number;
  /** Power while it runs (W). */
  powerW: number;
}

export interface ClockCost {
  freqMHz: number;
  timeS: number;
  energyJ: number;
  avgPowerW: number;
}

/** Time and power of one execution of an op at the clock. */
export function opCostAt(profile: HardwareProfile, op: Op, clock: ClockFactors): OpCost {
  if (pipeOf(op.kind) === "link") {
    // Collectives are paced by the link, not the SM clock; the GPU draws its communication power.
    return { op, timeS: linkTimeS(profile, op), powerW: profile.power.communicationW };
  }
  const k = kernelTiming(profile, op, clock.freqMHz);
  const powerW = busyPowerW(
    profile,
    clock,
    op.dtype,
    k.tensorFullRateS / k.timeS,
    k.vectorFullRateS / k.timeS,
    k.bytes / k.timeS,
  );
  return { op, timeS: k.timeS, powerW };
}

export function costAtClock(profile: HardwareProfile, work: Work, freqMHz: number): ClockCost {
  const clock = clockFactors(profile, freqMHz);
  const time = new Adder();
  const energy = new Adder();
  for (const op of opsOf(work)) {
    const c = opCostAt(profile, op, clock);
    const n = op.count ?? 1;
    time.add(c.timeS * n);
    energy.add(c.powerW * c.timeS * n);
  }
  const timeS = time.valueOf();
  const energyJ = energy.valueOf();
  return { freqMHz, timeS, energyJ, avgPowerW: timeS > 0 ? energyJ / timeS : 0 };
}
