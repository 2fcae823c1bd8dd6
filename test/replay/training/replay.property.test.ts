/**
 * Property: for random small pipelines (schedule, S, M, per-stage op times at each clock,
 * random clock plans), a replay never beats the critical path at the top clock, and with no
 * switch latency it equals the critical path of the times it ran (every stage is a chain).
 */
import { fsum } from "d3-array";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { integrateSteps } from "../../../src/hardware/power/power-steps.js";
import { replayIteration } from "../../../src/replay/training/index.js";
import type { TrainingDag } from "../../../src/workload/training/dag.js";
import {
  gpipeSchedule,
  interleaved1F1BSchedule,
  oneFOneBSchedule,
  withCommunication,
  zbH1Schedule,
} from "../../../src/workload/training/index.js";
import { type OpChoices } from "../../../src/replay/training/index.js";
import { criticalPathS, relErr } from "../../workload/training/helpers.js";

const CLOCKS = [1410, 1200, 1005, 855];

const caseArb = fc
  .record({
    schedule: fc.constantFrom("gpipe", "1f1b", "interleaved", "zb-h1", "1f1b+comm"),
    stages: fc.integer({ min: 1, max: 4 }),
    microbatches: fc.integer({ min: 1, max: 6 }),
    chunks: fc.integer({ min: 1, max: 3 }),
    switchLatencyS: fc.constantFrom(0, 0.001, 0.05),
  })
  .chain((c) =>
    fc.record({
      c: fc.constant(c),
      // Time at the top clock of each op (by id, reused cyclically), and its slow-down per step.
      baseS: fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), {
        minLength: 1,
        maxLength: 64,
      }),
      slowdown: fc.double({ min: 1, max: 1.5, noNaN: true }),
      planPicks: fc.array(fc.integer({ min: 0, max: CLOCKS.length - 1 }), {
        minLength: 1,
        maxLength: 64,
      }),
    }),
  );

function build(c: {
  schedule: string;
  stages: number;
  microbatches: number;
  chunks: number;
}): TrainingDag {
  const shape = { stages: c.stages, microbatches: c.microbatches };
  switch (c.schedule) {
    case "gpipe":
      return gpipeSchedule(shape);
    case "interleaved":
      return interleaved1F1BSchedule({
        ...shape,
        microbatches: c.stages * c.microbatches,
        chunks: c.chunks,
      });
    case "zb-h1":
      return zbH1Schedule(shape);
    case "1f1b+comm":
      return withCommunication(oneFOneBSchedule(shape), {
        activationBytes: 1,
        gradientBytes: 1,
        optimizer: true,
      });
    default:
      return oneFOneBSchedule(shape);
  }
}

describe("replay vs critical path (property)", () => {
  it("replay time >= critical path at max clock; = critical path of the run rows with no switch latency", () => {
    fc.assert(
      fc.property(caseArb, ({ c, baseS, slowdown, planPicks }) => {
        const dag = build(c);
        const ops: OpChoices[] = dag.ops.map((op) => {
          const t0 = baseS[op.id % baseS.length] as number;
          const flat = op.kind === "send" || op.kind === "allreduce";
          const timeS = CLOCKS.map((_, k) => (flat ? t0 : t0 * Math.pow(slowdown, k)));
          return { freqMHz: CLOCKS, timeS, energyJ: timeS.map((t, k) => t * (400 - 50 * k)) };
        });
        const costs = { ops };
        const plan = dag.ops.map(
          (op) => CLOCKS[planPicks[op.id % planPicks.length] as number] as number,
        );
        const topCpS = criticalPathS(dag, (op) => ops[op.id]?.timeS[0] as number);
        const opts = { pBlockingW: 60, switchLatencyS: c.switchLatencyS };

        const fast = replayIteration(dag, costs, 1410, opts);
        expect(relErr(fast.timeS, topCpS)).toBeLessThan(1e-12);

        const r = replayIteration(dag, costs, plan, opts);
        expect(r.timeS).toBeGreaterThanOrEqual(topCpS * (1 - 1e-12));
        const ranCpS = criticalPathS(
          dag,
          (op) => (r.ops[op.id]?.endS as number) - (r.ops[op.id]?.startS as number),
        );
        if (c.switchLatencyS === 0) expect(relErr(r.timeS, ranCpS)).toBeLessThan(1e-12);
        else expect(r.timeS).toBeGreaterThanOrEqual(ranCpS * (1 - 1e-12));
        for (const op of dag.ops) {
          for (const d of op.deps)
            expect(r.ops[op.id]?.startS).toBeGreaterThanOrEqual(r.ops[d]?.endS as number);
        }
        const opsJ = fsum(r.ops, (o) => o.energyJ);
        const blockingJ = fsum(r.devices, (d) => 60 * (r.timeS - d.busyS));
        expect(relErr(r.energyJ, opsJ + blockingJ)).toBeLessThan(1e-12);
        expect(relErr(integrateSteps(r.power.steps()), r.energyJ)).toBeLessThan(1e-9);
      }),
      { numRuns: 150 },
    );
  });
});
