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
  /** Highest full 1 s bin of the GPUs' power, and the facility's peak and trough in full bins. */
  peakGpuPowerW: number;
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
  // The last bin is partial (the run ends inside it): left out of peak and trough.
  const fullBins = Math.max(1, gpuPowerW.length - 1);
  let peakGpu = -Infinity;
  let troughGpu = Infinity;
  for (let i = 0; i < Math.min(fullBins, gpuPowerW.length); i++) {
    const w = gpuPowerW[i]!;
    if (w > peakGpu) peakGpu = w;
    if (w < troughGpu) troughGpu = w;
  }
  const peak = (peakGpu + nodePowerW) * pue;
  const trough = (troughGpu + nodePowerW) * pue;
  return {
    binS,
    timeS: gpuPowerW.map((_, i) => i * binS),
    gpuPowerW,
    itPowerW,
    facilityPowerW,
    peakGpuPowerW: peakGpu,
    peakFacilityW: peak,
    troughFacilityW: trough,
    swingW: peak - trough,
  };
}
