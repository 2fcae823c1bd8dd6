/**
 * The job replay at cluster scale: DP = 1 is the single pipeline's replay, DP adds the gradient
 * all-reduce's tail and divides the microbatches, energies add over every GPU and the nodes,
 * the job's power swings between compute and communication and a cap lowers its peak.
 */
import { describe, expect, it } from "vitest";
import { fsum } from "d3-array";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { nodePowerW } from "../../../src/hardware/power/node-power.js";
import { getModel } from "../../../src/workload/model/builtin-models.js";
import {
  oneFOneBSchedule,
  resolveParallelism,
  withCommunication,
} from "../../../src/workload/training/index.js";
import {
  binnedPowerW,
  gradientSyncTimeS,
  prepareJob,
  replayJob,
  type JobSpec,
} from "../../../src/replay/training/job/index.js";
import {
  costsFromModel,
  maxClockPlan,
  replayIteration,
} from "../../../src/replay/training/index.js";
import { runTrainingJob } from "../../../src/optimize/cluster/index.js";

const h100 = loadProfile("h100-sxm");
const model = getModel("llama3-8b");
// TP 2 x PP 4 fills one 8-GPU node; each data-parallel replica adds a node.
const spec = (dp: number, microbatches: number): JobSpec => ({
  hardware: h100,
  model,
  schedule: oneFOneBSchedule({ stages: 4, microbatches }),
  tp: 2,
  dp,
  microbatchSize: 1,
  seqTokens: 2048,
});

describe("a training job replayed at cluster scale", () => {
  it("DP = 1 equals the single pipeline's replay (time and GPU energy)", () => {
    const step = replayJob(prepareJob(spec(1, 8)));
    const dag = withCommunication(oneFOneBSchedule({ stages: 4, microbatches: 8 }), {
      activationBytes: 1 * 2048 * model.hidden * 2,
      optimizer: true,
    });
    const costs = costsFromModel(dag, h100, { model, batch: 1, seqTokens: 2048, tp: 2 });
    const single = replayIteration(dag, costs, maxClockPlan(costs.ops), {
      gpusPerStage: 2,
      switchLatencyS: 0,
      hardware: h100,
      powerCapW: costs.powerCapW,
    });
    expect(step.stepS).toBeCloseTo(single.timeS, 12);
    expect(step.gpuEnergyJ / single.energyJ).toBeCloseTo(1, 10);
  });

  it("doubling DP at a fixed global batch halves the microbatches and adds the all-reduce's tail", () => {
    const micro = (dp: number) =>
      resolveParallelism({ dp, globalBatch: 32, microbatchSize: 1 }).parallelism!.microbatches;
    expect([micro(2), micro(4)]).toEqual([16, 8]);
    const dp2 = replayJob(prepareJob(spec(2, micro(2))));
    const dp4 = replayJob(prepareJob(spec(4, micro(4))));
    const noSync4 = replayJob(prepareJob(spec(1, micro(4))));
    expect(dp4.stepS).toBeLessThan(dp2.stepS);
    // The all-reduce adds its un-overlapped tail: positive, at most the last stage's sync.
    const tailS = dp4.stepS - noSync4.stepS;
    const layout = { tp: 2, pp: 4, dp: 4, gpusPerNode: 8 };
    const p = prepareJob(spec(4, 8));
    const stage0 = p.job.collectives.find((c) => c.virtual === 0)!;
    const syncS = gradientSyncTimeS(h100, layout, 0, p.job.dag.ops[stage0.id]!.linkBytes!, 40e6);
    expect(tailS).toBeGreaterThan(0);
    expect(tailS).toBeLessThanOrEqual(syncS + 1e-12);
    expect(dp4.communicationJ).toBeGreaterThan(noSync4.communicationJ * 4);
  });

  it("a distributed optimizer reduce-scatters (half the all-reduce's bytes) and updates a 1/dp shard", () => {
    const ddp = prepareJob(spec(4, 8));
    const zero = prepareJob({ ...spec(4, 8), gradientSync: "distributed-optimizer" });
    const layout = { tp: 2, pp: 4, dp: 4, gpusPerNode: 8 };
    for (const { id, virtual } of zero.job.collectives) {
      const bytes = zero.job.dag.ops[id]!.linkBytes!;
      const rs = gradientSyncTimeS(h100, layout, virtual % 4, bytes, 40e6, "distributed-optimizer");
      const ar = gradientSyncTimeS(h100, layout, virtual % 4, bytes, 40e6, "allreduce");
      expect(zero.costs.ops[id]!.timeS[0]).toBe(rs);
      expect(ddp.costs.ops[id]!.timeS[0]).toBe(ar);
      expect(rs).toBeLessThan(0.51 * ar);
    }
    for (const op of zero.job.dag.ops.filter((o) => o.kind === "optimizer")) {
      expect(zero.costs.ops[op.id]!.timeS[0]).toBeCloseTo(ddp.costs.ops[op.id]!.timeS[0]! / 4, 15);
    }
    expect(replayJob(zero).stepS).toBeLessThan(replayJob(ddp).stepS);
  });

  it("energy is the sum over all GPUs and the nodes", () => {
    const step = replayJob(prepareJob(spec(4, 8)));
    expect(step.gpus).toBe(32);
    expect(step.gpuEnergyJ).toBeCloseTo(
      fsum(step.classes, (c) => c.gpus * c.energyJ),
      6,
    );
    expect(fsum(step.classes, (c) => c.gpus)).toBe(32);
    // The job's power steps integrate to the GPU energy; the nodes draw their figure all along.
    const integral = fsum(step.gpuPower, (s) => s.powerW * (s.endS - s.startS));
    expect(integral / step.gpuEnergyJ).toBeCloseTo(1, 9);
    expect(step.nodeEnergyJ).toBeCloseTo(nodePowerW(h100, 32) * step.stepS, 6);
    const bins = binnedPowerW(step.gpuPower, step.stepS, 10, step.stepS / 20);
    expect((fsum(bins) * (step.stepS / 20)) / (10 * step.gpuEnergyJ)).toBeCloseTo(1, 9);
  });

  it("the job's power swings between compute and communication (peak - trough > 25% of the mean) and a cap lowers its peak", () => {
    const r = runTrainingJob(spec(16, 8), {
      steps: 100,
      powerResolutionS: 0.01,
      whatIfPowerCapW: 500,
      whatIfFloorW: 400,
    });
    const s = r.figures.swing;
    expect(s.amplitudeW).toBeGreaterThan(0.25 * s.meanW);
    expect(r.cap!.figures.swing.peakW).toBeLessThan(s.peakW);
    expect(r.cap!.timeCostPct).toBeGreaterThan(0);
    // A floor raises the trough, costs energy and no time.
    expect(r.smoothing!.figures.swing.troughW).toBeGreaterThan(s.troughW);
    expect(r.smoothing!.figures.swing.amplitudeW).toBeLessThan(s.amplitudeW);
    expect(r.smoothing!.energyCostPct).toBeGreaterThan(0);
    expect(r.smoothing!.timeCostPct).toBe(0);
    expect(r.figures.jobEnergyMWh).toBeCloseTo((100 * r.figures.totalEnergyPerStepJ) / 3.6e9, 12);
  });

  it("a 1.2x straggler in one of 16 pipelines sets the job's time; planned non-stragglers save energy without slowing it", () => {
    const r = runTrainingJob(spec(16, 8), {
      steps: 10,
      powerResolutionS: 0.01,
      straggler: { factor: 1.2, plan: true, unitTimeS: 0.002 },
    });
    const s = r.straggler!;
    const [slowEnd, othersEnd] = s.allMax.replicaEndS;
    // The replayed job ends with the straggler; the others wait at the synchronization.
    expect(s.allMax.stepS).toBe(Math.max(slowEnd!, othersEnd!));
    expect(s.allMax.stepS).toBeGreaterThan(s.noStragglerStepS * 1.1);
    expect(s.othersWaitS).toBeGreaterThan(0);
    expect(s.allMax.waitingJ).toBeGreaterThan(r.figures.gpuWaitingJ);
    // Planned: same step time, less GPU energy, measured by the replay.
    expect(s.planned!.stepS).toBeLessThanOrEqual(s.allMax.stepS * (1 + 1e-12));
    expect(s.planned!.gpuEnergyJ).toBeLessThan(s.allMax.gpuEnergyJ * 0.98);
    expect(s.replaySavingPct).toBeCloseTo(
      100 * (1 - s.planned!.gpuEnergyJ / s.allMax.gpuEnergyJ),
      9,
    );
    // The non-stragglers arrive later than all-max but no later than the straggler.
    const [, plannedOthers] = s.planned!.replicaComputeEndS;
    expect(plannedOthers).toBeGreaterThan(s.allMax.replicaComputeEndS[1]!);
    expect(plannedOthers).toBeLessThanOrEqual(s.allMax.replicaComputeEndS[0]!);
  });
});
