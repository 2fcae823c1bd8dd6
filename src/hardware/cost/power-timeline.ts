/**
 * The power timeline a piece of work draws at one clock: one segment per op (its repetitions
 * back to back at the same power). Replays and reports integrate these; the cost model's energy
 * is, by construction, their integral.
 */
import type { Work } from "../op.js";
import { opsOf } from "../op.js";
import { opCostAt } from "./cost-at-clock.js";
import { clockFactors } from "../power/power-model.js";
import type { HardwareProfile } from "../profile/profile.js";

export interface PowerSegment {
  name: string;
  startS: number;
  endS: number;
  powerW: number;
}

export function powerTimeline(
  profile: HardwareProfile,
  work: Work,
  freqMHz: number,
  startS = 0,
): PowerSegment[] {
  const clock = clockFactors(profile, freqMHz);
  const out: PowerSegment[] = [];
  let t = startS;
  for (const op of opsOf(work)) {
    const c = opCostAt(profile, op, clock);
    const endS = t + c.timeS * (op.count ?? 1);
    out.push({ name: op.name, startS: t, endS, powerW: c.powerW });
    t = endS;
  }
  return out;
}
