/** Daily totals of a fleet: facility = IT x PUE, cost and CO2 from energy and the datacenter. */
import { describe, expect, it } from "vitest";
import { dailyTotals, type DatacenterSpec } from "../../../src/optimize/capacity/datacenter.js";

const DC: DatacenterSpec = {
  pue: 1.25,
  electricityUsdPerKWh: 0.1,
  carbonKgPerKWh: 0.4,
  gpuUsdPerHour: 2,
};
const FLEET = {
  gpus: 12,
  gpusPerNode: 8,
  avgGpuPowerW: 6000,
  peakGpuPowerW: 8000,
  nodePowerW: 3000,
};
const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.abs(b));

describe("dailyTotals", () => {
  it("adds up: IT = GPUs + nodes, facility = IT x PUE, a day of it, cost and CO2 from energy", () => {
    const d = dailyTotals(DC, FLEET);
    expect(d.nodes).toBe(2);
    close(d.avgItPowerW, 9000);
    close(d.peakItPowerW, 11000);
    close(d.avgFacilityPowerW, 9000 * 1.25);
    close(d.peakFacilityPowerW, 11000 * 1.25);
    const kWh = (9000 * 1.25 * 24) / 1e3;
    close(d.facilityEnergyMWhPerDay, kWh / 1e3);
    close(d.energyUsdPerDay, kWh * 0.1);
    close(d.gpuUsdPerDay, 12 * 24 * 2);
    close(d.costUsdPerDay, kWh * 0.1 + 12 * 24 * 2);
    close(d.co2TonnesPerDay, (kWh * 0.4) / 1e3);
    expect(d.fitsBudget).toBe(true);
  });

  it("an hourly carbon series is the sum over hours of each hour's energy x its intensity", () => {
    const hourly = Array.from({ length: 24 }, (_, h) => (h < 12 ? 0.2 : 0.6));
    const d = dailyTotals({ ...DC, carbonKgPerKWh: hourly }, FLEET);
    const kWhPerHour = (9000 * 1.25) / 1e3;
    close(d.co2TonnesPerDay, (12 * kWhPerHour * 0.2 + 12 * kWhPerHour * 0.6) / 1e3);
    // Same mean intensity as the constant 0.4: same tonnes.
    close(d.co2TonnesPerDay, dailyTotals(DC, FLEET).co2TonnesPerDay);
  });

  it("reports the budgets a fleet breaks", () => {
    const d = dailyTotals({ ...DC, siteBudgetKW: 10, rackBudgetKW: 5, nodesPerRack: 4 }, FLEET);
    expect(d.fitsBudget).toBe(false);
    expect(d.racks).toBe(1);
    close(d.peakRackPowerKW!, 11);
    expect(d.budgetNotes.join("; ")).toMatch(
      /rack peak 11\.0 kW over its 5 kW budget; site peak 13\.8 kW over its 10 kW budget/,
    );
    expect(dailyTotals({ ...DC, siteBudgetKW: 20, rackBudgetKW: 20 }, FLEET).fitsBudget).toBe(true);
  });
});
