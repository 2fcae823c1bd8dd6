/**
 * The datacenter around a fleet, and what a day of it costs. IT power is the GPUs plus their
 * nodes (the profile's node figures); facility power is IT power x PUE (cooling, power
 * conversion). A simulated window shorter than a day stands for every hour of the day at its mean
 * power (its peak for the peak figures).
 */
export interface DatacenterSpec {
  /** Power usage effectiveness: facility power / IT power (>= 1). */
  pue: number;
  /** Electricity price (USD per kWh of facility energy). */
  electricityUsdPerKWh: number;
  /** Grid carbon intensity (kg CO2 per kWh): one figure, or 24 hourly figures (hour 0 first). */
  carbonKgPerKWh: number | readonly number[];
  /** What a GPU costs per hour, all in (rent, or capex over its life plus upkeep). */
  gpuUsdPerHour: number;
  /** Power budget of one rack (kW of IT power) and how many nodes a rack holds. */
  rackBudgetKW?: number;
  nodesPerRack?: number;
  /** Power budget of the site (kW of facility power). */
  siteBudgetKW?: number;
}

/** A fleet's power over the simulated window. */
export interface FleetPower {
  gpus: number;
  gpusPerNode: number;
  /** Mean and peak (largest 1 s bin) of the GPUs' power, and the nodes' constant draw (W). */
  avgGpuPowerW: number;
  peakGpuPowerW: number;
  nodePowerW: number;
}

export interface DailyTotals {
  nodes: number;
  avgItPowerW: number;
  peakItPowerW: number;
  avgFacilityPowerW: number;
  peakFacilityPowerW: number;
  facilityEnergyMWhPerDay: number;
  energyUsdPerDay: number;
  gpuUsdPerDay: number;
  costUsdPerDay: number;
  co2TonnesPerDay: number;
  racks?: number;
  peakRackPowerKW?: number;
  /** Every stated budget holds (true when none is stated). */
  fitsBudget: boolean;
  budgetNotes: string[];
}

const HOURS = 24;

export function dailyTotals(dc: DatacenterSpec, fleet: FleetPower): DailyTotals {
  const nodes = Math.ceil(fleet.gpus / fleet.gpusPerNode);
  const avgItPowerW = fleet.avgGpuPowerW + fleet.nodePowerW;
  const peakItPowerW = fleet.peakGpuPowerW + fleet.nodePowerW;
  const avgFacilityPowerW = avgItPowerW * dc.pue;
  const peakFacilityPowerW = peakItPowerW * dc.pue;
  const kWhPerHour = avgFacilityPowerW / 1e3;
  const facilityKWhPerDay = kWhPerHour * HOURS;
  const carbon = dc.carbonKgPerKWh;
  // Hourly intensity: the sum over the day's hours of that hour's energy x its intensity.
  const co2Kg =
    typeof carbon === "number"
      ? facilityKWhPerDay * carbon
      : carbon.reduce((sum, kg) => sum + kWhPerHour * kg, 0);
  const energyUsdPerDay = facilityKWhPerDay * dc.electricityUsdPerKWh;
  const gpuUsdPerDay = fleet.gpus * HOURS * dc.gpuUsdPerHour;
  const budgetNotes: string[] = [];
  let racks: number | undefined;
  let peakRackPowerKW: number | undefined;
  if (dc.rackBudgetKW !== undefined) {
    const perRack = dc.nodesPerRack ?? 4;
    racks = Math.ceil(nodes / perRack);
    // Nodes filled rack by rack, each node drawing the fleet's per-node peak.
    peakRackPowerKW = ((peakItPowerW / nodes) * Math.min(perRack, nodes)) / 1e3;
    if (peakRackPowerKW > dc.rackBudgetKW)
      budgetNotes.push(
        `rack peak ${peakRackPowerKW.toFixed(1)} kW over its ${dc.rackBudgetKW} kW budget`,
      );
  }
  if (dc.siteBudgetKW !== undefined && peakFacilityPowerW / 1e3 > dc.siteBudgetKW)
    budgetNotes.push(
      `site peak ${(peakFacilityPowerW / 1e3).toFixed(1)} kW over its ${dc.siteBudgetKW} kW budget`,
    );
  return {
    nodes,
    avgItPowerW,
    peakItPowerW,
    avgFacilityPowerW,
    peakFacilityPowerW,
    facilityEnergyMWhPerDay: facilityKWhPerDay / 1e3,
    energyUsdPerDay,
    gpuUsdPerDay,
    costUsdPerDay: energyUsdPerDay + gpuUsdPerDay,
    co2TonnesPerDay: co2Kg / 1e3,
    ...(racks !== undefined ? { racks, peakRackPowerKW } : {}),
    fitsBudget: budgetNotes.length === 0,
    budgetNotes,
  };
}
