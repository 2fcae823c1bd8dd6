import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { costAtClock, opCostAt } from "../../../src/hardware/cost/cost-at-clock.js";
import { fitProfile } from "../../../src/hardware/fit/fit-profile.js";
import type { MeasurementSet } from "../../../src/hardware/fit/measurement.js";
import { opaqueWork } from "../../../src/hardware/fit/measurement.js";
import { readMeasurements } from "../../../src/hardware/fit/read-measurements.js";
import { clockFactors } from "../../../src/hardware/power/power-model.js";
import { InputError } from "../../../src/input/input-error.js";
import { a100, copy, gemm, h100 } from "../helpers.js";

describe("fitProfile", () => {
  it("reproduces synthetic kernel measurements made by a known profile", () => {
    // A what-if H100 with different power figures generates the "measurements".
    const truth = structuredClone(h100);
    truth.power.dynamicW *= 1.15;
    truth.power.constantW *= 0.8;
    truth.timing.memoryEfficiency = 0.8;
    const ops = [
      gemm(8192, 8192, 8192),
      gemm(4096, 4096, 4096),
      gemm(1, 8192, 8192),
      gemm(64, 8192, 8192),
      copy(1 << 30),
      copy(1 << 26),
    ];
    const clocks = [1980, 1800, 1500, 1200];
    const data: MeasurementSet = { file: "synthetic", format: "kernels", skipped: [], rows: [] };
    let line = 2;
    for (const op of ops) {
      for (const freqMHz of clocks) {
        const c = opCostAt(truth, op, clockFactors(truth, freqMHz));
        data.rows.push({
          type: "kernel",
          label: `${op.name}@${freqMHz}`,
          line: line++,
          op,
          freqMHz,
          timeS: c.timeS,
          powerW: c.powerW,
          energyJ: c.powerW * c.timeS,
        });
      }
    }
    const fit = fitProfile(h100, data, { priorWeight: 1e-4 });
    for (const r of fit.rows) {
      expect(Math.abs(r.atClock.timeErr), r.label).toBeLessThan(0.01);
      expect(Math.abs(r.atClock.energyErr), r.label).toBeLessThan(0.01);
    }
    expect(fit.parameters.find((p) => p.path === "timing.memoryEfficiency")!.after).toBeCloseTo(
      0.8,
      2,
    );
  });

  it("gives the same figures when refitted on its own output (no dependence on the start)", async () => {
    const data = await readMeasurements("data/h100/h100_sxm_kernels.csv");
    data.rows = data.rows.filter((r) => r.label !== "gemm_bf16_1024");
    const once = fitProfile(h100, data);
    const twice = fitProfile(once.profile, data);
    for (const p of twice.parameters) expect(p.after / p.before - 1, p.path).toBeLessThan(1e-6);
  });

  it("fits opaque ops an equivalent work whose time falls ~1/f and energy has an interior minimum", async () => {
    const data = await readMeasurements("data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv");
    const fit = fitProfile(a100, data);
    const w = fit.opaqueWork["3/forward"]!;
    const work = opaqueWork(w.flops, w.bytes);
    const e = (f: number) => costAtClock(fit.profile, work, f).energyJ;
    expect(e(1080)).toBeLessThan(e(1410));
    expect(e(1080)).toBeLessThan(e(855));
    expect(fit.rmsLogError).toBeLessThan(0.02);
  });

  it("reports leave-one-out predictions for every row it fitted", async () => {
    const data = await readMeasurements("data/h100/h100_sxm_kernels.csv");
    data.rows = data.rows.filter((r) => r.label !== "gemm_bf16_1024");
    const fit = fitProfile(h100, data, { leaveOneOut: true });
    expect(fit.rows.every((r) => r.leaveOneOut !== undefined)).toBe(true);
    const loo = fit.rows.map((r) => Math.abs(r.leaveOneOut!.energyErr));
    expect(Math.max(...loo)).toBeLessThan(0.2);
  });
});

describe("readMeasurements", () => {
  const dir = mkdtempSync(join(tmpdir(), "wattif-fit-"));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("names the file, line and column of a bad cell", async () => {
    const file = write(
      "bad.csv",
      "stage,instruction,frequency,time,energy\n0,forward,1410,0.05,23.8\n0,forward,1395,abc,23.8\n",
    );
    const err = await readMeasurements(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).format()).toBe(
      `${file}:3:16: time: expected a number > 0, got 'abc'`,
    );
  });

  it("rejects a row with missing cells and an unknown header", async () => {
    const short = write(
      "short.csv",
      "stage,instruction,frequency,time,energy\n0,forward,1410,0.05\n",
    );
    await expect(readMeasurements(short)).rejects.toThrow(
      /:2:20: row has 4 cell\(s\), the header 5: a different number of columns/,
    );
    const other = write("other.csv", "a,b\n1,2\n");
    await expect(readMeasurements(other)).rejects.toThrow(/unrecognised measurement CSV header/);
    await expect(readMeasurements(join(dir, "missing.csv"))).rejects.toBeInstanceOf(InputError);
  });
});
