/** A job's totals: facility = IT x PUE, cost and CO2 from energy, hourly carbon summed over hours. */
import { describe, expect, it } from "vitest";
import type { DatacenterSpec } from "../../../src/optimize/capacity/datacenter.js";
import { jobTotals } from "../../../src/optimize/capacity/job-totals.js";

const DC: DatacenterSpec = {
  pue: 1.25,
  electricityUsdPerKWh: 0.1,
  carbonKgPerKWh: 0.4,
  gpuUsdPerHour: 2,
};
const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.abs(b));

describe("jobTotals", () => {
  it("adds up: IT energy = power x time, facility = IT x PUE, cost and CO2 from them", () => {
    // 100 kW of IT power for 36 h on 64 GPUs.
    const t = jobTotals(DC, { gpus: 64, avgItPowerW: 100e3, durationS: 36 * 3600 });
    close(t.days, 1.5);
    close(t.itEnergyMWh, 3.6);
    close(t.facilityEnergyMWh, 3.6 * 1.25);
    close(t.energyUsd, 4500 * 0.1);
    close(t.gpuUsd, 64 * 36 * 2);
    close(t.costUsd, t.energyUsd + t.gpuUsd);
    close(t.co2Tonnes, (4500 * 0.4) / 1e3);
  });

  it("with 24 hourly intensities, CO2 is the sum over the job's hours, the last one partial", () => {
    const hourly = Array.from({ length: 24 }, (_, h) => 0.1 + 0.01 * h);
    const dc = { ...DC, carbonKgPerKWh: hourly };
    // 26.5 h at 80 kW facility (64 kW IT x 1.25): hours 0-23, then hours 0 and 1, then half of 2.
    const t = jobTotals(dc, { gpus: 8, avgItPowerW: 64e3, durationS: 26.5 * 3600 });
    const kw = 80;
    const expected =
      hourly.reduce((a, c) => a + kw * c, 0) +
      kw * hourly[0]! +
      kw * hourly[1]! +
      0.5 * kw * hourly[2]!;
    close(t.co2Tonnes * 1e3, expected);
    // A flat series gives the constant's answer.
    const flat = jobTotals(
      { ...DC, carbonKgPerKWh: Array(24).fill(0.4) as number[] },
      {
        gpus: 8,
        avgItPowerW: 64e3,
        durationS: 26.5 * 3600,
      },
    );
    close(
      flat.co2Tonnes,
      jobTotals(DC, { gpus: 8, avgItPowerW: 64e3, durationS: 26.5 * 3600 }).co2Tonnes,
    );
  });

  it("a job of many years sums its hours by days (no loop over every hour)", () => {
    const hourly = Array.from({ length: 24 }, (_, h) => 0.1 + 0.01 * h);
    const daySum = hourly.reduce((a, c) => a + c, 0);
    const t = jobTotals(
      { ...DC, carbonKgPerKWh: hourly },
      {
        gpus: 8,
        avgItPowerW: 64e3,
        durationS: 1e6 * 86_400 + 1.5 * 3600,
      },
    );
    close(t.co2Tonnes * 1e3, 80 * (1e6 * daySum + hourly[0]! + 0.5 * hourly[1]!));
  });
});
