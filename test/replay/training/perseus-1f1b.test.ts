/**
 * Perseus' own accounting on its artifact: GPT-3 175B on 8 A100 stages, 1F1B with 12
 * microbatches, every op at 1410 MHz: ~2.8365 s and ~7,339 J (REFERENCE.md section 4).
 */
import { fsum } from "d3-array";
import { describe, expect, it } from "vitest";
import { integrateSteps } from "../../../src/hardware/power/power-steps.js";
import { replayIteration } from "../../../src/replay/training/index.js";
import { oneFOneBSchedule } from "../../../src/workload/training/index.js";
import { costsFromStageProfile, readStageProfile } from "../../../src/replay/training/index.js";
import {
  A100_BLOCKING_W,
  PERSEUS_CSV,
  criticalPathS,
  relErr,
} from "../../workload/training/helpers.js";

const profile = await readStageProfile(PERSEUS_CSV);
const dag = oneFOneBSchedule({ stages: 8, microbatches: 12 });
const costs = costsFromStageProfile(dag, profile);
const top = (id: number) => costs.ops[id]?.timeS[0] as number;
const replay = replayIteration(dag, costs, 1410, { pBlockingW: A100_BLOCKING_W });

describe("Perseus 1F1B mb12 at 1410 MHz", () => {
  it("takes the DAG's critical-path time, 2.8365 s within 0.5%", () => {
    expect(replay.timeS).toBe(criticalPathS(dag, (op) => top(op.id)));
    expect(relErr(replay.timeS, 2.8365)).toBeLessThan(0.005);
  });

  it("uses sum of op energies + P_blocking x sum over stages of (T - busy), ~7,339 J within 0.5%", () => {
    const opsJ = fsum(dag.ops, (op) => costs.ops[op.id]?.energyJ[0] as number);
    const busy = Array.from({ length: 8 }, (_, s) =>
      fsum(
        dag.ops.filter((o) => o.stage === s),
        (o) => top(o.id),
      ),
    );
    const blockingJ = A100_BLOCKING_W * fsum(busy, (b) => replay.timeS - b);
    expect(relErr(replay.energyJ, opsJ + blockingJ)).toBeLessThan(1e-12);
    expect(relErr(replay.computeJ, opsJ)).toBeLessThan(1e-12);
    expect(relErr(replay.blockingJ, blockingJ)).toBeLessThan(1e-12);
    expect(replay.communicationJ).toBe(0);
    expect(relErr(replay.energyJ, 7339)).toBeLessThan(0.005);
    replay.devices.forEach((d, s) =>
      expect(relErr(d.busyS, busy[s] as number)).toBeLessThan(1e-12),
    );
  });

  it("has a total power timeline that integrates to the energy", () => {
    expect(relErr(integrateSteps(replay.power.steps()), replay.energyJ)).toBeLessThan(1e-9);
    for (const d of replay.devices) {
      expect(relErr(integrateSteps(d.power.steps()), d.energyJ)).toBeLessThan(1e-9);
      const { tS } = d.power.steps();
      expect(tS[0]).toBe(0);
      expect(tS.at(-1)).toBe(replay.timeS);
    }
  });

  it("starts every op after its dependencies end, at the plan's clock", () => {
    for (const op of dag.ops) {
      const r = replay.ops[op.id];
      expect(r?.freqMHz).toBe(1410);
      for (const d of op.deps)
        expect(r?.startS).toBeGreaterThanOrEqual(replay.ops[d]?.endS as number);
    }
  });

  it("slower clocks trade time for energy (1200 MHz: longer, less energy)", () => {
    const slow = replayIteration(dag, costs, 1200, { pBlockingW: A100_BLOCKING_W });
    expect(slow.timeS).toBeGreaterThan(replay.timeS);
    expect(slow.energyJ).toBeLessThan(replay.energyJ);
  });

  it("scales energy and power, not time, by gpusPerStage", () => {
    const eight = replayIteration(dag, costs, 1410, {
      pBlockingW: A100_BLOCKING_W,
      gpusPerStage: 8,
    });
    expect(eight.timeS).toBe(replay.timeS);
    expect(relErr(eight.energyJ, 8 * replay.energyJ)).toBeLessThan(1e-12);
    expect(relErr(integrateSteps(eight.power.steps()), eight.energyJ)).toBeLessThan(1e-9);
  });
});
