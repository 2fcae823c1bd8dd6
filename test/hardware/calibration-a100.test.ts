/**
 * Perseus' A100 SXM stage profile (GPT-3 175B forward/backward per pipeline stage at 38 locked
 * clocks): fit the a100-sxm profile on the 1410, 1080 and 855 MHz rows only, then predict the
 * other 35 clocks of every op (time and energy within 10%) and each op's energy-optimal clock
 * (within 60 MHz of the measured one).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { costOf } from "../../src/hardware/cost/cost-model.js";
import { fitProfile, type FitResult } from "../../src/hardware/fit/fit-profile.js";
import { opaqueWork, type OpaqueMeasurement } from "../../src/hardware/fit/measurement.js";
import { readMeasurements } from "../../src/hardware/fit/read-measurements.js";
import { a100 } from "./helpers.js";

const TRAIN_MHZ = [1410, 1080, 855];
let rows: OpaqueMeasurement[] = [];
let fit: FitResult;

beforeAll(async () => {
  const data = await readMeasurements("data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv");
  rows = data.rows.flatMap((r) => (r.type === "opaque" ? [r] : []));
  fit = fitProfile(a100, data, { trainClocksMHz: TRAIN_MHZ });
});

describe("a100-sxm against Perseus' measured stage profile", () => {
  it("runs at 1410 MHz uncapped under the profile's 500 W default limit, as the data did", () => {
    const w = fit.opaqueWork["0/backward"]!;
    const c = costOf(fit.profile, opaqueWork(w.flops, w.bytes));
    expect(c.capBound).toBe(false);
    expect(c.freqMHz).toBe(1410);
    expect(c.avgPowerW).toBeGreaterThan(400);
  });

  it("predicts time and energy at the 35 held-out clocks within 10%", () => {
    const heldOut = rows.filter((r) => !TRAIN_MHZ.includes(r.freqMHz));
    expect(heldOut.length).toBe(16 * 35);
    let worst = 0;
    for (const r of heldOut) {
      const w = fit.opaqueWork[r.opId]!;
      const c = costOf(fit.profile, opaqueWork(w.flops, w.bytes), { lockedMHz: r.freqMHz });
      worst = Math.max(worst, Math.abs(c.timeS / r.timeS - 1), Math.abs(c.energyJ / r.energyJ - 1));
    }
    expect(worst).toBeLessThan(0.1);
  });

  it("puts each op's energy-optimal clock within 60 MHz of the measured one", () => {
    for (const opId of Object.keys(fit.opaqueWork)) {
      const mine = rows.filter((r) => r.opId === opId);
      const measured = mine.reduce((a, b) => (b.energyJ < a.energyJ ? b : a));
      const w = fit.opaqueWork[opId]!;
      const model = mine
        .map((r) => ({
          freqMHz: r.freqMHz,
          energyJ: costOf(fit.profile, opaqueWork(w.flops, w.bytes), { lockedMHz: r.freqMHz })
            .energyJ,
        }))
        .reduce((a, b) => (b.energyJ < a.energyJ ? b : a));
      expect(Math.abs(model.freqMHz - measured.freqMHz), opId).toBeLessThanOrEqual(60);
    }
  });
});
