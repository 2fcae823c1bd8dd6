/**
 * The frontier from model shapes instead of measurements: GPT-3 175B, TP 8 x PP 8, microbatches
 * of 1 x 2,048 tokens, 12 microbatches of 1F1B on the fitted a100-sxm. It must have Perseus'
 * shape, and its simulated stage ops must sit near the measured 1410 MHz rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { planTraining, type TrainingPlan } from "../../../src/optimize/training/plan-training.js";
import { readStageProfile, type StageProfile } from "../../../src/replay/training/index.js";

let plan: TrainingPlan;
let measured: StageProfile;

beforeAll(async () => {
  measured = await readStageProfile("data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv");
  plan = await planTraining({
    source: {
      kind: "model",
      hardware: loadProfile("a100-sxm"),
      model: "gpt3-175b",
      stages: 8,
      tp: 8,
      microbatchSize: 1,
      seqTokens: 2048,
    },
    schedule: "1f1b",
    microbatches: 12,
    pBlockingW: 83.64,
    unitTimeS: 0.001,
  });
});

describe("GPT-3 175B frontier from model shapes on a100-sxm", () => {
  it("has Perseus' shape: lowest energy 8-25% below the fastest point's, at 1.1-1.25x its time", () => {
    const fastest = plan.frontier.frontier[0]!;
    const frugal = plan.frontier.minEnergy;
    const saving = 1 - frugal.energyJ / fastest.energyJ;
    expect(saving).toBeGreaterThan(0.08);
    expect(saving).toBeLessThan(0.25);
    expect(frugal.timeS / fastest.timeS).toBeGreaterThan(1.1);
    expect(frugal.timeS / fastest.timeS).toBeLessThan(1.25);
  });

  it("prices stage forward/backward within 15% of Perseus' measured 1410 MHz rows", () => {
    for (const s of plan.stageOps) {
      const rows = measured.table.get(`${s.stage}/${s.kind}`)!;
      const k = rows.freqMHz.indexOf(1410);
      expect(s.freqMHz).toBe(1410);
      expect(Math.abs(s.timeS / rows.timeS[k]! - 1), `${s.stage}/${s.kind} time`).toBeLessThan(
        0.15,
      );
      expect(
        Math.abs(s.energyJ / rows.energyJ[k]! - 1),
        `${s.stage}/${s.kind} energy`,
      ).toBeLessThan(0.15);
    }
  });

  it("replays the all-max plan with energy = compute + blocking, every stage mostly busy", () => {
    const r = plan.replays.baseline;
    expect(r.computeJ + r.communicationJ + r.blockingJ).toBeCloseTo(r.energyJ, 6);
    for (const d of r.devices) expect(d.busyFraction).toBeGreaterThan(0.55);
  });
});
