/**
 * The mechanism figures compare prints come from the summaries as they are: ratios of the
 * fields they name, null where a summary lacks one (never a guess).
 */
import { describe, expect, it } from "vitest";
import { mechanismColumns, mechanismsOf } from "../../../src/scenario/results/compare-mechanisms.js";

describe("mechanismsOf", () => {
  it("serving: iterations per second of the run, its batch, cap and idle shares at the default", () => {
    const m = mechanismsOf("serving", {
      default: {
        result: {
          iterations: 500,
          durationS: 10,
          avgBatchSequences: 4,
          capBoundTimeShare: 0.25,
          gpuIdleShare: 0.1,
          avgGpuPowerW: 300,
          ttftS: { p50: 0.02 },
          itlS: { p50: 0.007 },
          gpuEnergyPerOutputTokenJ: 1.2,
          clockSwitches: 0,
        },
      },
      minEnergy: { knobs: { freqMHz: 810 }, avgGpuPowerW: 250 },
    });
    expect(m).toEqual({
      iterationsPerS: 50,
      avgBatchSequences: 4,
      capBoundTimeShare: 0.25,
      gpuIdleShare: 0.1,
      avgGpuPowerW: 300,
      "ttftS.p50": 0.02,
      "itlS.p50": 0.007,
      gpuEnergyPerOutputTokenJ: 1.2,
      clockSwitches: 0,
      minEnergyFreqMHz: 810,
      minEnergyAvgGpuPowerW: 250,
    });
    expect(Object.keys(m)).toEqual(mechanismColumns("serving").map((c) => c.key));
  });

  it("training: the energy split of the default replay sums to one; averages over stages", () => {
    const m = mechanismsOf("training", {
      microbatches: 8,
      microbatchSize: 2,
      scope: { gpus: 4, pipelines: 1 },
      minEnergySavingPct: 4,
      minEnergySlowdownPct: 1,
      replay: {
        baseline: {
          timeS: 0.5,
          gpuEnergyJ: 1000,
          computeJ: 850,
          communicationJ: 50,
          blockingJ: 100,
          busyFraction: [0.5, 0.7],
          capBoundTimeShare: 0.9,
        },
        minEnergy: { clockSwitches: 12 },
      },
    });
    expect(m.sequencesPerIteration).toBe(16);
    expect(m.computeEnergyShare! + m.communicationEnergyShare! + m.blockingEnergyShare!).toBe(1);
    expect(m.busyShare).toBeCloseTo(0.6, 12);
    expect(m.avgGpuPowerW).toBe(500); // 1000 J over 0.5 s on 4 GPUs
    expect(m.minEnergyClockSwitches).toBe(12);
    expect(m.switchLatencyS).toBeNull(); // free switches: the summary says nothing
    expect(Object.keys(m)).toEqual(mechanismColumns("training").map((c) => c.key));
  });

  it("a summary without the fields gives nulls, an unknown kind nothing", () => {
    expect(Object.values(mechanismsOf("serving", {})).every((v) => v === null)).toBe(true);
    expect(Object.values(mechanismsOf("estimate", { default: {} })).every((v) => v === null)).toBe(
      true,
    );
    expect(mechanismsOf("zeus", {})).toEqual({});
    expect(mechanismColumns("zeus")).toEqual([]);
  });
});
