/**
 * What a job of fixed length costs in the datacenter: IT energy (GPUs plus their nodes) over its
 * duration, facility energy = IT x PUE, electricity at the datacenter's price, GPU-hours at its
 * rate, and CO2: with one intensity, facility kWh x it; with 24 hourly figures, the sum over the
 * job's hours (starting at hour 0 of the day, repeating daily) of that hour's energy x its
 * intensity. The job draws its average power all along (its steps repeat; start-up, checkpoints
 * and evaluation are not modeled).
 */
import type { DatacenterSpec } from "./datacenter.js";

export interface JobTotals {
  durationS: number;
  days: number;
  itEnergyMWh: number;
  facilityEnergyMWh: number;
  energyUsd: number;
  gpuUsd: number;
  costUsd: number;
  co2Tonnes: number;
}

const S_PER_HOUR = 3600;
const J_PER_KWH = 3.6e6;

export function jobTotals(
  dc: DatacenterSpec,
  job: { gpus: number; avgItPowerW: number; durationS: number },
): JobTotals {
  const itKWh = (job.avgItPowerW * job.durationS) / J_PER_KWH;
  const facilityKWh = itKWh * dc.pue;
  const facilityKW = (job.avgItPowerW * dc.pue) / 1e3;
  const carbon = dc.carbonKgPerKWh;
  let co2Kg = 0;
  if (typeof carbon === "number") co2Kg = facilityKWh * carbon;
  else {
    // Whole days at the day's sum, then the rest hour by hour (the last one partial), each at
    // its hour of the day: a loop of at most a day, however long the job.
    const period = carbon.length;
    const hours = job.durationS / S_PER_HOUR;
    const days = Math.floor(hours / period);
    co2Kg = days * carbon.reduce((a, kg) => a + facilityKW * kg, 0);
    const rest = hours - days * period;
    for (let h = 0; h < rest; h++) co2Kg += facilityKW * Math.min(1, rest - h) * carbon[h]!;
  }
  const energyUsd = facilityKWh * dc.electricityUsdPerKWh;
  const gpuUsd = (job.gpus * job.durationS * dc.gpuUsdPerHour) / S_PER_HOUR;
  return {
    durationS: job.durationS,
    days: job.durationS / 86_400,
    itEnergyMWh: itKWh / 1e3,
    facilityEnergyMWh: facilityKWh / 1e3,
    energyUsd,
    gpuUsd,
    costUsd: energyUsd + gpuUsd,
    co2Tonnes: co2Kg / 1e3,
  };
}
