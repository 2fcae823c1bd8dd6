/**
 * Training replays keep the power limit in every 1 s bin, on every shipped profile that has a
 * limit: each stage's GPUs draw at most the limit (the ops are priced under it, and the replay's
 * cap controller enforces it), with the same 3% allowance for a bin offset from the controller's
 * window that the serving examples get (test/scenario/examples.test.ts).
 */
import { describe, expect, it } from "vitest";
import { listProfiles, loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { planTraining } from "../../../src/optimize/training/plan-training.js";

const BIN_OVERSHOOT = 0.03;

describe("training replays under the power limit", async () => {
  const limited = listProfiles()
    .map((n) => loadProfile(n))
    .filter((p) => p.powerLimit !== undefined);

  it("covers the shipped profiles with a limit", () => {
    expect(limited.length).toBeGreaterThanOrEqual(5);
  });

  for (const hardware of limited) {
    it(`${hardware.name}: no 1 s bin of a stage above its GPUs' limit`, async () => {
      const plan = await planTraining({
        source: {
          kind: "model",
          hardware,
          model: "llama3-8b",
          stages: 2,
          tp: 1,
          microbatchSize: 4,
          seqTokens: 4096,
        },
        schedule: "1f1b",
        microbatches: 8,
        unitTimeS: 0.005,
      });
      const limitW = hardware.powerLimit!.defaultW;
      for (const replay of [plan.replays.baseline, plan.replays.minEnergy]) {
        expect(replay.timeS).toBeGreaterThan(1); // the bins are not vacuous
        for (const [s, d] of replay.devices.entries()) {
          const bins = Array.from(d.power.binEnergiesJ());
          const full = bins.slice(0, Math.floor(replay.timeS)); // whole seconds only
          for (const [i, e] of full.entries()) {
            const at = `${hardware.name} stage ${s} bin ${i}`;
            expect(e, at).toBeLessThanOrEqual(limitW * replay.gpusPerStage * (1 + BIN_OVERSHOOT));
          }
        }
      }
    });
  }
});
