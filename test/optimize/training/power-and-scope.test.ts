/**
 * Issue 8 for training: the power limit is a physical law (ops priced from model shapes run at
 * the clock the cap controller allows, baselines stay in the profile's cap range), and energies
 * cover every GPU of the job and its node. GPT-3 175B on H100 SXM, 8 stages x 12 microbatches.
 */
import { fsum } from "d3-array";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { nodePowerW } from "../../../src/hardware/power/node-power.js";
import { planTraining, type TrainingPlan } from "../../../src/optimize/training/plan-training.js";
import { trainingSummary } from "../../../src/scenario/results/training-results.js";
import { type IterationReplay } from "../../../src/replay/training/index.js";

const h100 = loadProfile("h100-sxm");
const job = (tp: number, pipelines = 1) =>
  planTraining({
    source: {
      kind: "model",
      hardware: h100,
      model: "gpt3-175b",
      stages: 8,
      tp,
      microbatchSize: 1,
      seqTokens: 2048,
    },
    schedule: "1f1b",
    microbatches: 12,
    unitTimeS: 0.001,
    pipelines,
  });
let tp8: TrainingPlan;
let tp4: TrainingPlan;

beforeAll(async () => {
  [tp8, tp4] = await Promise.all([job(8), job(4, 2)]);
});

const powerOf = (plan: TrainingPlan, id: number, freqMHz: number) => {
  const c = plan.costs.ops[id]!;
  const k = c.freqMHz.indexOf(freqMHz);
  return c.energyJ[k]! / c.timeS[k]!;
};

describe("the power limit in training (GPT-3 175B, TP 8 x PP 8, H100 SXM 700 W)", () => {
  it("runs every op of every frontier plan at or under 700 W per GPU", () => {
    expect(tp8.powerCapW).toBe(700);
    let worst = 0;
    for (const p of [tp8.frontier.baseline, ...tp8.frontier.frontier]) {
      p.freqMHz.forEach((f, id) => (worst = Math.max(worst, powerOf(tp8, id, f))));
    }
    expect(worst).toBeLessThanOrEqual(700);
    expect(worst).toBeGreaterThan(650); // the limit binds: ops run near it, not far below
    for (const r of [tp8.replays.baseline, tp8.replays.minEnergy]) {
      for (const d of r.devices)
        expect(d.power.peakInstantW / d.power.scale).toBeLessThanOrEqual(700);
    }
  });

  it("runs stage ops at the clock the cap allows, not the 1980 MHz top of the grid", () => {
    for (const s of tp8.stageOps) {
      expect(s.freqMHz).toBeLessThan(1980);
      expect(s.powerW).toBeLessThanOrEqual(700);
    }
  });

  it("proposes only global caps within the profile's 200-700 W", () => {
    expect(tp8.frontier.globalCap.length).toBeGreaterThan(1);
    for (const p of tp8.frontier.globalCap) {
      expect(p.capW).toBeGreaterThanOrEqual(200);
      expect(p.capW).toBeLessThanOrEqual(700);
    }
  });
});

/** Job GPU energy summed GPU by GPU from the cost table: every GPU of a stage runs its ops and
 * waits at P_blocking for the rest of the iteration. */
function sumOverGpus(plan: TrainingPlan, r: IterationReplay): number {
  const perGpu: number[] = [];
  for (let s = 0; s < plan.dag.stages; s++) {
    const mine = plan.dag.ops.filter((op) => op.stage === s);
    const busy = fsum(mine, (op) => {
      const c = plan.costs.ops[op.id]!;
      return c.timeS[c.freqMHz.indexOf(r.ops[op.id]!.freqMHz)] ?? c.timeS[0]!;
    });
    const ops = fsum(mine, (op) => {
      const c = plan.costs.ops[op.id]!;
      return c.energyJ[c.freqMHz.indexOf(r.ops[op.id]!.freqMHz)] ?? c.energyJ[0]!;
    });
    const one = ops + plan.pBlockingW * (r.timeS - busy);
    for (let g = 0; g < plan.scope.gpusPerStage * plan.scope.pipelines; g++) perGpu.push(one);
  }
  expect(perGpu.length).toBe(plan.scope.gpus);
  return fsum(perGpu);
}

describe("energy over every GPU of the job and its node", () => {
  it("states the scope: GPUs = tp x stages x pipelines, node power from the profile", () => {
    expect(tp8.scope.gpus).toBe(64);
    expect(tp4.scope.gpus).toBe(4 * 8 * 2);
    expect(tp8.scope.nodePowerW).toBeCloseTo(nodePowerW(h100, 64), 9);
    expect(trainingSummary(tp8).scope.description).toMatch(/^64 GPUs: TP 8 x 8 stages/);
  });

  it("GPU energy grows with TP (TP 4 vs TP 8, same job per pipeline), it does not halve", () => {
    const e8 = tp8.replays.baseline.energyJ;
    const e4 = tp4.replays.baseline.energyJ / 2; // tp4 runs two pipelines
    expect(e8).toBeGreaterThan(e4);
    expect(tp8.frontier.baseline.energyJ).toBeGreaterThan(tp4.frontier.baseline.energyJ / 2);
  });

  it("identities: GPU energy = sum over GPUs, total = GPU + node (to 1e-9)", () => {
    for (const plan of [tp8, tp4]) {
      const s = trainingSummary(plan);
      for (const [r, rs] of [
        [plan.replays.baseline, s.replay.baseline],
        [plan.replays.minEnergy, s.replay.minEnergy],
      ] as const) {
        const rel = (a: number, b: number) => Math.abs(a / b - 1);
        expect(rel(rs.gpuEnergyJ, sumOverGpus(plan, r))).toBeLessThan(1e-9);
        expect(rel(rs.totalEnergyJ!, rs.gpuEnergyJ + rs.nodeEnergyJ!)).toBeLessThan(1e-9);
        expect(rel(rs.nodeEnergyJ!, nodePowerW(h100, plan.scope.gpus) * r.timeS)).toBeLessThan(
          1e-9,
        );
        expect(
          rel(
            fsum(r.devices, (d) => d.energyJ),
            r.energyJ,
          ),
        ).toBeLessThan(1e-9);
      }
      for (const p of [s.baseline, ...s.frontier]) {
        expect(Math.abs(p.totalEnergyJ! - p.gpuEnergyJ - p.nodeEnergyJ!)).toBeLessThan(
          1e-9 * p.totalEnergyJ!,
        );
      }
      // The replay of the lowest-energy plan (windowed cap controller) is what the frontier reports.
      expect(
        Math.abs(plan.replays.minEnergy.energyJ / plan.frontier.minEnergy.energyJ - 1),
      ).toBeLessThan(1e-9);
      expect(
        Math.abs(plan.replays.minEnergy.timeS / plan.frontier.minEnergy.timeS - 1),
      ).toBeLessThan(1e-9);
    }
  });
});
