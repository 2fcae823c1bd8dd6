import { describe, expect, it } from "vitest";
import {
  binnedPowerW,
  gpuClassPowers,
  jobPowerSteps,
  swingOf,
} from "../../../../src/replay/training/job/index.js";
import type { DataParallelDag } from "../../../../src/workload/training/index.js";
import type { OpReplay } from "../../../../src/replay/training/index.js";

// One stage: a forward, then a send on the compute stream; a gradient collective on the
// communication stream that starts under the forward and runs past the send.
const job: DataParallelDag = {
  dag: {
    schedule: "test",
    stages: 2,
    microbatches: 1,
    ops: [
      { id: 0, kind: "forward", stage: 0, microbatch: 0, chunk: 0, name: "F", deps: [] },
      { id: 1, kind: "send", stage: 0, microbatch: 0, chunk: 0, name: "S", deps: [0] },
      { id: 2, kind: "allreduce", stage: 1, microbatch: -1, chunk: 0, name: "AR", deps: [] },
    ],
  },
  devices: [
    { replica: 0, stage: 0, stream: "compute" },
    { replica: 0, stage: 0, stream: "communication" },
  ],
  baseOf: [0, 1, -1],
  replicaOf: [0, 0, 0],
  collectives: [{ id: 2, virtual: 0 }],
};
const op = (id: number, startS: number, endS: number, powerW: number): OpReplay => ({
  id,
  startS,
  endS,
  freqMHz: 1980,
  energyJ: powerW * (endS - startS),
  capBound: false,
});
const ops = [op(0, 0, 1, 500), op(1, 1, 1.5, 300), op(2, 0.8, 2, 300)];

describe("a job's GPU power from the replay's op intervals", () => {
  it("compute first, then a collective the compute stream no longer hides, then blocking", () => {
    const [c] = gpuClassPowers(job, ops, 3, { blockingW: 100, gpusOfReplica: [4] });
    expect(c!.segments).toEqual([
      { startS: 0, endS: 1, powerW: 500 },
      { startS: 1, endS: 2, powerW: 300 },
      { startS: 2, endS: 3, powerW: 100 },
    ]);
    expect([c!.computeJ, c!.communicationJ, c!.waitingJ, c!.energyJ]).toEqual([500, 300, 100, 900]);
    // The job's steps carry the class's 4 GPUs.
    expect(jobPowerSteps([c!]).map((s) => s.powerW)).toEqual([2000, 1200, 400]);
  });

  it("a smoothing floor raises every instant below it, by what the GPU was doing", () => {
    const [c] = gpuClassPowers(job, ops, 3, { blockingW: 100, gpusOfReplica: [1], floorW: 400 });
    expect([c!.computeJ, c!.communicationJ, c!.waitingJ]).toEqual([500, 400, 400]);
  });

  it("bins a periodic step function, adds the nodes, and reads the swing off the bins", () => {
    const steps = [
      { startS: 0, endS: 1, powerW: 500 },
      { startS: 1, endS: 2, powerW: 300 },
      { startS: 2, endS: 3, powerW: 100 },
    ];
    const bins = binnedPowerW(steps, 3, 2, 1, 10);
    expect(bins).toEqual([510, 310, 110, 510, 310, 110]);
    expect(swingOf(bins)).toEqual({
      peakW: 510,
      troughW: 110,
      amplitudeW: 400,
      meanW: 310,
      amplitudeFraction: 400 / 310,
    });
    // Bins across segment and period boundaries keep the energy: 2 periods x 900 J.
    const fine = binnedPowerW(steps, 3, 2, 0.75);
    expect(fine).toHaveLength(8);
    expect(fine.reduce((a, w) => a + w * 0.75, 0)).toBeCloseTo(1800, 9);
    expect(fine[1]).toBeCloseTo((0.25 * 500 + 0.5 * 300) / 0.75, 12);
  });
});
