import { fsum } from "d3-array";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { integrateSteps } from "../../../src/hardware/power/power-steps.js";
import { replayIteration, type DeviceReplay } from "../../../src/replay/training/index.js";
import { getModel } from "../../../src/workload/model/index.js";
import {
  activationBytes,
  oneFOneBSchedule,
  stageGradientBytes,
  withCommunication,
  zbH1Schedule,
} from "../../../src/workload/training/index.js";
import {
  costsFromModel,
  costsFromStageProfile,
  readStageProfile,
} from "../../../src/replay/training/index.js";
import {
  A100_BLOCKING_W,
  PERSEUS_CSV,
  criticalPathS,
  kindCosts,
  relErr,
} from "../../workload/training/helpers.js";

const a100 = loadProfile("a100-sxm");
const gpt3 = getModel("gpt3-175b");
const shape = { model: gpt3, batch: 1, seqTokens: 2048, tp: 8 };
const profile = await readStageProfile(PERSEUS_CSV);

/** Op energies of the rows the replay ran + blocking power x idle time, summed exactly. */
function expectedEnergyJ(r: ReturnType<typeof replayIteration>): number {
  const blocking = r.devices.map((d) => r.pBlockingW * (r.timeS - d.busyS));
  return fsum([...r.ops.map((o) => o.energyJ), ...blocking]);
}

describe("energy accounting", () => {
  const dag = zbH1Schedule({ stages: 8, microbatches: 12 });
  const costs = costsFromStageProfile(dag, profile);
  // A mixed plan: each op at one of the profile's clocks, by id.
  const plan = dag.ops.map(
    (op) => profile.clocksMHz[(op.id * 7) % profile.clocksMHz.length] as number,
  );

  it("is op energies + blocking energy exactly, and the power timeline integrates to it", () => {
    const r = replayIteration(dag, costs, plan, {
      pBlockingW: A100_BLOCKING_W,
      switchLatencyS: 0.002,
    });
    expect(relErr(r.energyJ, expectedEnergyJ(r))).toBeLessThan(1e-12);
    expect(relErr(r.energyJ, r.computeJ + r.communicationJ + r.blockingJ)).toBeLessThan(1e-12);
    expect(relErr(integrateSteps(r.power.steps()), r.energyJ)).toBeLessThan(1e-9);
    expect(relErr(r.power.energyJ(), r.energyJ)).toBeLessThan(1e-12);
    expect(
      relErr(
        fsum(r.devices, (d) => d.energyJ),
        r.energyJ,
      ),
    ).toBeLessThan(1e-12);
    r.ops.forEach((o, id) => expect(o.freqMHz).toBe(plan[id]));
  });

  it("pays the switch latency between compute ops at different clocks, hidden behind waits", () => {
    const noSwitch = replayIteration(dag, costs, plan, { pBlockingW: A100_BLOCKING_W });
    const cpS = criticalPathS(dag, (op) => {
      const c = costs.ops[op.id];
      return c?.timeS[c.freqMHz.indexOf(plan[op.id] as number)] as number;
    });
    expect(noSwitch.timeS).toBe(cpS);
    expect(noSwitch.switchLatencyS).toBe(0);
    const slow = replayIteration(dag, costs, plan, {
      pBlockingW: A100_BLOCKING_W,
      switchLatencyS: 0.01,
    });
    expect(slow.timeS).toBeGreaterThan(cpS);
    expect(slow.clockSwitches).toBeGreaterThan(0);
    // Every switch would delay by 10 ms if none were hidden; waits hide some.
    expect(slow.timeS).toBeLessThan(cpS + slow.clockSwitches * 0.01);
    const uniform = replayIteration(dag, costs, 1410, {
      pBlockingW: A100_BLOCKING_W,
      switchLatencyS: 0.01,
    });
    expect(uniform.clockSwitches).toBe(0);
  });

  it("draws communication power on the sending stage for sends and all-reduces", () => {
    const comm = withCommunication(oneFOneBSchedule({ stages: 8, microbatches: 4 }), {
      activationBytes: activationBytes(gpt3, { batch: 1, seqTokens: 2048 }),
      gradientBytes: stageGradientBytes(gpt3, { stages: 8, tp: 8 }),
      optimizer: true,
    });
    const costsM = costsFromModel(comm, a100, { ...shape, dp: 2 });
    const r = replayIteration(comm, costsM, 1410, { switchLatencyS: 0 });
    const commJ = fsum(
      comm.ops.filter((o) => o.kind === "send" || o.kind === "allreduce"),
      (o) => r.ops[o.id]?.energyJ as number,
    );
    expect(r.communicationJ).toBeGreaterThan(0);
    expect(relErr(r.communicationJ, commJ)).toBeLessThan(1e-12);
    expect(relErr(r.energyJ, expectedEnergyJ(r))).toBeLessThan(1e-12);
    expect(r.pBlockingW).toBe(a100.power.blockingW);
    expect(r.timeS).toBe(criticalPathS(comm, (op) => costsM.ops[op.id]?.timeS[0] as number));
    // The send's power shows on its sender's timeline.
    const send = comm.ops.find((o) => o.kind === "send" && o.stage === 2) as {
      id: number;
      stage: number;
    };
    const line = (r.devices[2] as DeviceReplay).power.steps();
    const at = line.tS.findIndex((t) => t > (r.ops[send.id]?.startS as number)) - 1;
    expect(line.powerW[at]).toBeCloseTo(a100.power.communicationW, 9);
  });

  it("an overlapped all-reduce starts when its stage's backwards end, not at the flush", () => {
    const base = oneFOneBSchedule({ stages: 4, microbatches: 4 });
    const times = { forward: 1, backward: 2, send: 0.1, allreduce: 1 };
    const run = (overlapAllreduce: boolean) => {
      const dag = withCommunication(base, {
        activationBytes: 1,
        gradientBytes: 1,
        overlapAllreduce,
      });
      const costs = kindCosts(dag, times);
      // The last stage (LM head) has the most gradient to reduce.
      const last = dag.ops.find((o) => o.kind === "allreduce" && o.stage === 3) as { id: number };
      const ops = costs.ops.map((c, id) =>
        id === last.id ? { ...c, timeS: [8], energyJ: [80] } : c,
      );
      const r = replayIteration(dag, { ops }, 1410, { pBlockingW: 10 });
      return {
        timeS: r.timeS,
        startS: r.ops[last.id]?.startS as number,
        flushS: stage0End(dag, r),
      };
    };
    const stage0End = (
      dag: ReturnType<typeof withCommunication>,
      r: ReturnType<typeof replayIteration>,
    ) =>
      Math.max(
        ...dag.ops
          .filter((o) => o.stage === 0 && o.kind === "backward")
          .map((o) => r.ops[o.id]?.endS as number),
      );
    const sync = run(false);
    const overlapped = run(true);
    expect(sync.startS).toBe(sync.flushS);
    expect(overlapped.startS).toBeLessThan(overlapped.flushS);
    expect(overlapped.timeS).toBeLessThan(sync.timeS);
  });
});

describe("power cap", () => {
  const dag = oneFOneBSchedule({ stages: 8, microbatches: 6 });
  const costs = costsFromModel(dag, a100, shape);
  const free = replayIteration(dag, costs, 1410);

  it("lowers clocks of ops whose windowed power exceeds the cap; the plan's clock is the ceiling", () => {
    const capped = replayIteration(dag, costs, 1410, { powerCapW: 250 });
    expect(capped.ops.some((o) => o.capBound && o.freqMHz < 1410)).toBe(true);
    expect(capped.ops.every((o) => o.freqMHz <= 1410)).toBe(true);
    expect(capped.timeS).toBeGreaterThan(free.timeS);
    expect(relErr(capped.energyJ, expectedEnergyJ(capped))).toBeLessThan(1e-12);
    const loose = replayIteration(dag, costs, 1200, { powerCapW: a100.powerLimit!.maxW });
    expect(loose.ops.every((o) => o.freqMHz === 1200 && !o.capBound)).toBe(true);
  });

  it("works on a measured table given a hardware profile (op power from its rows)", () => {
    const measured = costsFromStageProfile(dag, profile);
    const r = replayIteration(dag, measured, 1410, {
      hardware: a100,
      pBlockingW: A100_BLOCKING_W,
      powerCapW: 300,
    });
    expect(r.ops.some((o) => o.capBound)).toBe(true);
    expect(r.ops.every((o) => profile.clocksMHz.includes(o.freqMHz))).toBe(true);
    expect(r.switchLatencyS).toBe(0);
  });
});

describe("bad replay input", () => {
  const dag = oneFOneBSchedule({ stages: 2, microbatches: 2 });
  const costs = kindCosts(dag, { forward: 1, backward: 2 }, [1410, 1200]);

  it("names the op whose plan clock is not among its choices", () => {
    expect(() => replayIteration(dag, costs, 1000, { pBlockingW: 1 })).toThrow(
      /op F s0 m0: plan clock 1000 MHz is not one of its 2 choices \(1200\.\.1410 MHz\)/,
    );
  });

  it("needs a blocking power or a hardware profile, and a profile for a cap", () => {
    expect(() => replayIteration(dag, costs, 1410)).toThrow(/pBlockingW: must be a power >= 0 W/);
    expect(() => replayIteration(dag, costs, 1410, { pBlockingW: 1, powerCapW: 100 })).toThrow(
      /powerCapW: needs a hardware profile/,
    );
    expect(() =>
      replayIteration(dag, { ops: costs.ops.slice(1) }, 1410, { pBlockingW: 1 }),
    ).toThrow(/cost table has 7 ops, the DAG 8/);
  });
});
