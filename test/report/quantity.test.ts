import { describe, expect, it } from "vitest";
import {
  baseUnitOf,
  formatMetric,
  formatQuantity,
  formatScaled,
  unitFor,
} from "../../src/report/quantity.js";
import { formatTable } from "../../src/report/table.js";

describe("formatQuantity", () => {
  it("picks the unit for the value, with 4 significant digits", () => {
    expect(formatQuantity(6354094.7319, "J")).toBe("6.354 MJ");
    expect(formatQuantity(40710, "J")).toBe("40.71 kJ");
    expect(formatQuantity(0.4024, "J")).toBe("402.4 mJ");
    expect(formatQuantity(7.2e9, "J")).toBe("2.000 MWh");
    expect(formatQuantity(504.20752, "s")).toBe("8.403 min");
    expect(formatQuantity(0.00823, "s")).toBe("8.230 ms");
    expect(formatQuantity(2, "s")).toBe("2.000 s");
    expect(formatQuantity(468.04, "W")).toBe("468.0 W");
    expect(formatQuantity(12500, "W")).toBe("12.50 kW");
    expect(formatQuantity(0, "J")).toBe("0 uJ");
  });

  it("refuses a non-finite value (a bug, never printed)", () => {
    expect(() => formatScaled(NaN, unitFor("J", NaN))).toThrow("a quantity to print in J is NaN");
  });

  it("reads the base unit from a metric name", () => {
    expect(baseUnitOf("gpuEnergyPerOutputTokenJ")).toBe("J");
    expect(baseUnitOf("itlS.p50")).toBe("s");
    expect(baseUnitOf("avgGpuPowerW")).toBe("W");
    expect(baseUnitOf("throughputTokS")).toBeUndefined();
    expect(baseUnitOf("iterations")).toBeUndefined();
  });
});

describe("formatMetric", () => {
  it("uses the unit the metric's name ends in, else 4 significant digits", () => {
    expect(formatMetric("itlS.p50", 0.0089)).toBe("8.900 ms");
    expect(formatMetric("gpuEnergyPerOutputTokenJ", 0.3954)).toBe("395.4 mJ");
    expect(formatMetric("costUsdPerDay", 1234.56)).toBe("1235");
    expect(formatMetric("throughputTokS", 645.2259)).toBe("645.2");
  });
});

describe("formatTable quantity columns", () => {
  it("shows a column in one unit fitted to its largest value, named in the header", () => {
    const text = formatTable(
      [
        { e: 6354094.7319, t: 504.20752 },
        { e: 512000, t: 0.5 },
      ],
      [
        { key: "e", header: "energy", quantity: "J" },
        { key: "t", header: "TTFT p90", quantity: "s" },
      ],
    );
    expect(text).toBe(
      "energy (MJ)  TTFT p90 (min)\n" +
        "-----------  --------------\n" +
        "      6.354           8.403\n" +
        "     0.5120        0.008333\n",
    );
  });
});
