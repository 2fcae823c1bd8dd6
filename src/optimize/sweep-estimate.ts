/**
 * Run an estimate over a list of operating points and find the time-energy frontier among them,
 * plus where the device's default setting (no lock, default power limit) sits on it.
 */
import { dominates, paretoFrontier } from "../frontier/pareto.js";
import type { OperatingPoint } from "../hardware/operating-point.js";
import type { HardwareProfile } from "../hardware/profile.js";
import type { BuiltWork } from "../workload/work-spec.js";
import { estimateWork, type EstimateResult } from "./estimate.js";

export interface SweepPoint extends EstimateResult {
  /** Index in the sweep, in the order the scenario lists the points. */
  index: number;
  onFrontier: boolean;
}

export interface EstimateSweep {
  points: SweepPoint[];
  frontier: SweepPoint[];
  /** The device at its defaults, for reference (not necessarily one of the swept points). */
  defaultPoint: EstimateResult;
  /** Whether some swept point beats the default on both time and energy. */
  defaultDominated: boolean;
  minEnergy: SweepPoint;
  fastest: SweepPoint;
}

export function sweepEstimate(
  profile: HardwareProfile,
  work: BuiltWork,
  points: readonly OperatingPoint[],
): EstimateSweep {
  if (points.length === 0) throw new RangeError("a sweep needs at least one operating point");
  const results: SweepPoint[] = points.map((p, index) => ({
    index,
    ...estimateWork(profile, work, p),
    onFrontier: false,
  }));
  const frontier = paretoFrontier(results);
  for (const p of frontier) p.onFrontier = true;
  const defaultPoint = estimateWork(profile, work, {});
  return {
    points: results,
    frontier,
    defaultPoint,
    defaultDominated: results.some((p) => dominates(p, defaultPoint)),
    minEnergy: frontier[frontier.length - 1] as SweepPoint,
    fastest: frontier[0] as SweepPoint,
  };
}
