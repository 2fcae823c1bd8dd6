/**
 * The V-f curve: voltage sits at a floor up to a knee clock (the regulator cannot go lower), then
 * rises linearly to its maximum at the top of the clock grid. Above the knee, power grows roughly
 * with f^3; below it, with f only - which is why energy-optimal clocks sit near the knee.
 */
import type { VoltageCurve } from "../profile/profile.js";

export function voltageAt(curve: VoltageCurve, freqMHz: number, maxFreqMHz: number): number {
  if (freqMHz <= curve.kneeMHz || maxFreqMHz <= curve.kneeMHz) return curve.minV;
  const rise = (freqMHz - curve.kneeMHz) / (maxFreqMHz - curve.kneeMHz);
  return curve.minV + (curve.maxV - curve.minV) * rise;
}
