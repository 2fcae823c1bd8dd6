/**
 * The shipped h100-sxm profile against our own H100 measurements (data/h100): `estimate` at
 * default settings (700 W limit, clocks left to the controller) predicts each kernel's time and
 * energy. Tolerances are the foundation issue's: each row within 15%, median under 8%.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { costOf } from "../../src/hardware/cost/cost-model.js";
import { readMeasurements } from "../../src/hardware/fit/read-measurements.js";
import type { KernelMeasurement } from "../../src/hardware/fit/measurement.js";
import { h100 } from "./helpers.js";

const EXCLUDED = ["gemm_bf16_1024"]; // host-launch-bound row; the duty row is skipped as non-kernel
let rows: KernelMeasurement[] = [];

beforeAll(async () => {
  const data = await readMeasurements("data/h100/h100_sxm_kernels.csv");
  rows = data.rows.flatMap((r) => (r.type === "kernel" && !EXCLUDED.includes(r.label) ? [r] : []));
  expect(data.skipped.map((s) => s.label)).toEqual(["gemm_bf16_8192_x10_then_sleep20ms"]);
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

describe("h100-sxm calibration", () => {
  it("predicts every kernel's time and energy within 15%, median under 8%", () => {
    expect(rows.length).toBe(15);
    const timeErr: number[] = [];
    const energyErr: number[] = [];
    for (const r of rows) {
      const c = costOf(h100, r.op);
      const t = Math.abs(c.timeS / r.timeS - 1);
      const e = Math.abs(c.energyJ / r.energyJ - 1);
      expect(t, `${r.label} time`).toBeLessThan(0.15);
      expect(e, `${r.label} energy`).toBeLessThan(0.15);
      timeErr.push(t);
      energyErr.push(e);
    }
    expect(median(timeErr)).toBeLessThan(0.08);
    expect(median(energyErr)).toBeLessThan(0.08);
  });

  it("runs the 8192^3 BF16 GEMM power-capped at 1300-1450 MHz under the default 700 W", () => {
    const r = rows.find((x) => x.label === "gemm_bf16_8192")!;
    const c = costOf(h100, r.op);
    expect(c.capBound).toBe(true);
    expect(c.freqMHz).toBeGreaterThanOrEqual(1300);
    expect(c.freqMHz).toBeLessThanOrEqual(1450);
    expect(c.avgPowerW).toBeLessThanOrEqual(700);
    expect(c.avgPowerW).toBeGreaterThan(650);
  });

  it("leaves the copy and the m=1 GEMV uncapped at the top clock", () => {
    for (const label of ["copy_4096MiB", "copy_256MiB", "skinny_bf16_m1"]) {
      const c = costOf(h100, rows.find((x) => x.label === label)!.op);
      expect(c.capBound, label).toBe(false);
      expect(c.freqMHz, label).toBe(1980);
    }
  });

  it("caps big GEMMs but not memory-bound kernels: the limit, not the clock, binds compute", () => {
    const capped = rows.filter((r) => costOf(h100, r.op).capBound).map((r) => r.label);
    expect(capped).toContain("gemm_fp8_8192");
    expect(capped).toContain("skinny_bf16_m2048");
    expect(capped).not.toContain("skinny_bf16_m8");
  });
});
