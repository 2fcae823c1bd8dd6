/**
 * Per-op plans paying for clock changes (chargeSwitches through planTraining's switchLatencyS):
 * with no latency the replay of each frontier plan is the planner's exact evaluation (nothing
 * moves); with one, no plan gets faster or cheaper, the default setting pays nothing, and the
 * frontier holds only points that are Pareto-optimal after paying.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { chargeSwitches } from "../../../src/optimize/training/charge-switches.js";
import {
  planTraining,
  type TrainingJob,
  type TrainingPlan,
} from "../../../src/optimize/training/plan-training.js";
import { replayIteration } from "../../../src/replay/training/index.js";

const job = (switchLatencyS?: number): TrainingJob => ({
  source: {
    kind: "model",
    hardware: loadProfile("h100-sxm"),
    model: "llama3-8b",
    stages: 4,
    tp: 1,
    microbatchSize: 1,
    seqTokens: 2048,
  },
  schedule: "1f1b",
  microbatches: 4,
  unitTimeS: 0.0005,
  ...(switchLatencyS === undefined ? {} : { switchLatencyS }),
});

let free: TrainingPlan;
let paid: TrainingPlan;

beforeAll(async () => {
  [free, paid] = await Promise.all([planTraining(job()), planTraining(job(0.005))]);
});

describe("chargeSwitches", () => {
  it("with no latency, replaying each plan gives the planner's own time and energy", () => {
    const f = free.frontier;
    const replay = (freqMHz: readonly number[]) =>
      replayIteration(free.dag, free.costs, [...freqMHz], {
        pBlockingW: free.pBlockingW,
        switchLatencyS: 0,
        gpusPerStage: free.scope.energyScale,
        hardware: free.costs.hardware,
        powerCapW: free.costs.powerCapW,
      });
    const same = chargeSwitches(f, replay);
    expect(same.frontier.length).toBe(f.frontier.length);
    same.frontier.forEach((p, i) => {
      const q = f.frontier[i]!;
      expect(p.timeS / q.timeS).toBeCloseTo(1, 9);
      expect(p.energyJ / q.energyJ).toBeCloseTo(1, 9);
    });
  });

  it("with a latency, the default setting pays nothing and no plan gains", () => {
    expect(paid.frontier.baseline).toEqual(free.frontier.baseline);
    expect(paid.replays.baseline.timeS).toBe(free.replays.baseline.timeS);
    const t0 = paid.frontier.baseline.timeS;
    for (const p of paid.frontier.frontier) expect(p.timeS).toBeGreaterThanOrEqual(t0);
    // Paying can only remove savings: the cheapest paid plan costs at least the free one.
    expect(paid.frontier.minEnergy.energyJ).toBeGreaterThanOrEqual(
      free.frontier.minEnergy.energyJ * (1 - 1e-12),
    );
    // Still a Pareto frontier: time ascending, energy descending.
    const f = paid.frontier.frontier;
    for (let i = 1; i < f.length; i++) {
      expect(f[i]!.timeS).toBeGreaterThan(f[i - 1]!.timeS);
      expect(f[i]!.energyJ).toBeLessThan(f[i - 1]!.energyJ);
    }
  });

  it("the lowest-energy plan is replayed paying its switches", () => {
    const r = paid.replays.minEnergy;
    expect(r.switchLatencyS).toBe(paid.frontier.minEnergy === paid.frontier.baseline ? 0 : 0.005);
    expect(r.timeS / paid.frontier.minEnergy.timeS).toBeCloseTo(1, 9);
  });
});
