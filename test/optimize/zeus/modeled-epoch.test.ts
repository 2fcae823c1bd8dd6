/**
 * A SQuAD epoch priced by the cost model on a profile: steps x the cost model's training step at
 * each cap, slower and lower-power as the cap falls, and a workload the oracle and replay take
 * like a measured one.
 */
import { describe, expect, it } from "vitest";
import { costOf } from "../../../src/hardware/cost/cost-model.js";
import { capGridW } from "../../../src/hardware/operating-point.js";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { allTrainOps, trainOps } from "../../../src/workload/model/train.js";
import { epochDefinition, modeledDatasets } from "../../../src/optimize/zeus/modeled-epochs.js";
import { modeledEpochsAtLimits } from "../../../src/optimize/zeus/modeled-epoch.js";
import {
  readTrainTrace,
  replayZeus,
  zeusJob,
  zeusOracle,
  zeusWorkload,
} from "../../../src/optimize/zeus/index.js";

const BATCHES = [8, 32, 56];

describe("modeled Zeus epochs", () => {
  it("only SQuAD (BERT-base) has an epoch definition", () => {
    expect(modeledDatasets()).toEqual(["squad"]);
    expect(epochDefinition("cifar100", "tf32")).toBeUndefined();
  });

  for (const name of ["a40", "a100-sxm", "h100-sxm"]) {
    it(`${name}: one epoch is ceil(samples / batch) cost-model steps at every 25 W cap`, () => {
      const profile = loadProfile(name);
      const epoch = epochDefinition("squad", "tf32")!;
      const priced = modeledEpochsAtLimits(profile, epoch, BATCHES);
      expect([...priced.keys()]).toEqual(BATCHES);
      for (const [b, limits] of priced) {
        // Every cap of the profile's 25 W grid, but those the step cannot be held under.
        const grid = capGridW(profile).sort((x, y) => x - y);
        const held = grid.filter(
          (capW) =>
            !costOf(
              profile,
              allTrainOps(trainOps(epoch.shape, { batch: b, seqTokens: 384, layers: 12 })),
              { powerCapW: capW },
            ).capUnreachable,
        );
        expect(limits.map((e) => e.powerLimitW)).toEqual(held);
        expect(held.at(-1)).toBe(profile.powerLimit!.maxW);
        // Lower caps: never faster, never more power, and the power stays under the cap.
        for (let k = 1; k < limits.length; k++) {
          expect(limits[k]!.timePerEpochS).toBeLessThanOrEqual(limits[k - 1]!.timePerEpochS);
          expect(limits[k]!.averagePowerW).toBeGreaterThanOrEqual(
            limits[k - 1]!.averagePowerW - 1e-9,
          );
        }
        for (const e of limits) expect(e.averagePowerW).toBeLessThanOrEqual(e.powerLimitW * 1.001);
        const top = limits.at(-1)!;
        const ops = allTrainOps(trainOps(epoch.shape, { batch: b, seqTokens: 384, layers: 12 }));
        const step = costOf(profile, ops, { powerCapW: top.powerLimitW });
        expect(top.timePerEpochS).toBeCloseTo(Math.ceil(88524 / b) * step.timeS, 6);
        expect(top.energyPerEpochJ).toBeCloseTo(Math.ceil(88524 / b) * step.energyJ, 3);
      }
    });
  }

  it("an H100 epoch at its default limit is faster than an A40's at its", () => {
    const epoch = epochDefinition("squad", "tf32")!;
    const a40 = modeledEpochsAtLimits(loadProfile("a40"), epoch, [32]).get(32)!.at(-1)!;
    const h100 = modeledEpochsAtLimits(loadProfile("h100-sxm"), epoch, [32]).get(32)!.at(-1)!;
    expect(h100.timePerEpochS).toBeLessThan(a40.timePerEpochS / 3);
  });

  it("feeds the oracle and the replay like a measured trace, with the trace's epochs", async () => {
    const train = await readTrainTrace("data/zeus");
    const job = zeusJob("squad")!;
    const profile = loadProfile("a100-sxm");
    const epochAt = modeledEpochsAtLimits(
      profile,
      epochDefinition("squad", "bf16")!,
      [4, 8, 12, 16, 24, 32, 48, 56],
    );
    const w = zeusWorkload(job, profile.name, train, epochAt, "modeled");
    expect(w.maxPowerW).toBe(500);
    const o = zeusOracle(w, 0.5);
    expect(o.optimum.costJ).toBe(Math.min(...o.points.map((p) => p.costJ)));
    const r = replayZeus(w, { eta: 0.5, recurrences: 30, seed: 1 });
    expect(r.recurrences.length).toBe(30);
    expect(r.recurrences.every((x) => x.reached)).toBe(true);
  });
});
