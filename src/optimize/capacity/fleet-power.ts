/**
 * A fleet's facility power over time: the replay's GPU power in 1 s bins, plus the nodes' constant
 * draw, times PUE; its peak, trough and swing (what a site's power feed sees).
 */
import type { ServingResult } from "../../replay/serving/metrics/metrics.js";

export interface FleetPowerSeries {
  binS: number;
  /** Start of each bin (s from the first arrival). */
  timeS: number[];
  gpuPowerW: number[];
  itPowerW: number[];
  facilityPowerW: number[];
  peakFacilityW: number;
  troughFacilityW: number;
  /** Peak minus trough. */
  swingW: number;
}

export function fleetPowerSeries(
  result: ServingResult,
  nodePowerW: number,
  pue: number,
): FleetPowerSeries {
  const binS = result.powerSeriesBinS;
  const gpuPowerW = [...result.gpuPowerSeriesW];
  const itPowerW = gpuPowerW.map((w) => w + nodePowerW);
  const facilityPowerW = itPowerW.map((w) => w * pue);
  let peak = -Infinity;
  let trough = Infinity;
  // The last bin is partial (the run ends inside it): left out of peak and trough.
  const full = facilityPowerW.length > 1 ? facilityPowerW.slice(0, -1) : facilityPowerW;
  for (const w of full) {
    if (w > peak) peak = w;
    if (w < trough) trough = w;
  }
  return {
    binS,
    timeS: gpuPowerW.map((_, i) => i * binS),
    gpuPowerW,
    itPowerW,
    facilityPowerW,
    peakFacilityW: peak,
    troughFacilityW: trough,
    swingW: peak - trough,
  };
}
