/**
 * Run an estimate over a list of operating points and find the time-energy frontier among them,
 * plus where the device's default setting (no lock, default power limit) sits on it. The frontier
 * is over GPU energy (as Zeus and Perseus plan); node energy grows with time and is reported.
 */
import { badValue } from "../input/input-error.js";
import { sweepResult, type Axes, type SweepResult } from "../frontier/index.js";
import type { OperatingPoint } from "../hardware/operating-point.js";
import type { HardwareProfile } from "../hardware/profile/profile.js";
import type { BuiltWork } from "../workload/work-spec.js";
import { estimateWork, type EstimateResult } from "./estimate.js";

export interface SweepPoint extends EstimateResult {
  /** Index in the sweep, in the order the scenario lists the points; -1 for the default. */
  index: number;
}

export interface EstimateSweep extends SweepResult<SweepPoint> {
  minEnergy: SweepPoint;
  fastest: SweepPoint;
}

const TIME_GPU_ENERGY: Axes<EstimateResult> = { x: (p) => p.timeS, y: (p) => p.gpuEnergyJ };

export function sweepEstimate(
  profile: HardwareProfile,
  work: BuiltWork,
  points: readonly OperatingPoint[],
): EstimateSweep {
  if (points.length === 0) throw badValue("sweep", "needs at least one operating point");
  const results: SweepPoint[] = points.map((p, index) => ({
    index,
    ...estimateWork(profile, work, p),
  }));
  const defaultPoint = { index: -1, ...estimateWork(profile, work, {}) };
  const sweep = sweepResult(results, defaultPoint, TIME_GPU_ENERGY);
  return {
    ...sweep,
    minEnergy: sweep.frontier[sweep.frontier.length - 1] as SweepPoint,
    fastest: sweep.frontier[0] as SweepPoint,
  };
}
