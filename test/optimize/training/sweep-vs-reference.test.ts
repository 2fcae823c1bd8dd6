/**
 * The fast sweep (warm-started cuts over every op, flat arrays, shared curves) against the
 * original one (a from-scratch cut on the critical DAG per step, kept in reference-sweep.ts):
 * on Perseus' profile and on perturbed small pipelines of each schedule, both walk the same
 * passes, so the points agree to float noise (1e-9 relative) and the plans are identical.
 */
import { describe, expect, it } from "vitest";
import { Simulator } from "../../../src/core/simulator.js";
import { plannerInputOf } from "../../../src/optimize/training/from-dag.js";
import { phillipsDessoukySweep } from "../../../src/optimize/training/phillips-dessouky.js";
import type { PlannerInput } from "../../../src/optimize/training/plan-input.js";
import { scheduleDag, type ScheduleName } from "../../../src/optimize/training/plan-training.js";
import { costsFromStageProfile, readStageProfile } from "../../../src/replay/training/index.js";
import { referenceSweep } from "./reference-sweep.js";

const PROFILE = "data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv";

async function perseusInput(
  schedule: ScheduleName,
  microbatches: number,
  chunks = 2,
  seed?: string,
): Promise<PlannerInput> {
  const profile = await readStageProfile(PROFILE);
  const dag = scheduleDag(schedule, profile.stages, microbatches, chunks);
  const input = plannerInputOf(dag, costsFromStageProfile(dag, profile), 83.64);
  if (seed === undefined) return input;
  // Every op its own rows, perturbed by up to +-3%: no two ops share a curve.
  const rng = new Simulator({ seed }).rng("perturb");
  return {
    ...input,
    nodes: input.nodes.map((n) => ({
      ...n,
      choices: n.choices.map((c) => ({
        ...c,
        timeS: c.timeS * rng.uniform(0.97, 1.03),
        energyJ: c.energyJ * rng.uniform(0.97, 1.03),
      })),
    })),
  };
}

function expectSameSweep(input: PlannerInput, unitTimeS: number): void {
  const ours = phillipsDessoukySweep(input, { unitTimeS, maxPoints: Infinity });
  const ref = referenceSweep(input, { unitTimeS });
  expect(ours.points.length).toBe(ref.points.length);
  ours.points.forEach((p, k) => {
    expect(p.timeS).toBeCloseTo(ref.points[k]!.timeS, 12);
    expect(Math.abs(p.energyJ / ref.points[k]!.energyJ - 1)).toBeLessThan(1e-9);
  });
  const every = ours.points.map((_, k) => k).filter((k) => k % 7 === 0);
  expect(ours.plans(every)).toEqual(ref.plans(every));
}

describe("fast sweep equals the from-scratch sweep", () => {
  it("Perseus' profile, 1F1B, 12 microbatches, 1 ms", async () => {
    expectSameSweep(await perseusInput("1f1b", 12), 0.001);
  });

  for (const [schedule, microbatches, seed] of [
    ["1f1b", 6, "a"],
    ["gpipe", 4, "b"],
    ["interleaved", 8, "c"],
    ["zb-h1", 5, "d"],
  ] as const) {
    it(`${schedule}, ${microbatches} microbatches, perturbed ops, 2 ms`, async () => {
      expectSameSweep(await perseusInput(schedule, microbatches, 2, seed), 0.002);
    });
  }

  it("records every k-th pass and the last when told to keep fewer points", async () => {
    const input = await perseusInput("1f1b", 12);
    const all = phillipsDessoukySweep(input, { unitTimeS: 0.001, maxPoints: Infinity });
    const few = phillipsDessoukySweep(input, { unitTimeS: 0.001, maxPoints: 50 });
    expect(few.points.length).toBeLessThanOrEqual(60);
    expect(few.points[0]).toEqual(all.points[0]);
    expect(few.points[few.points.length - 1]).toEqual(all.points[all.points.length - 1]);
    for (const p of few.points) expect(all.points).toContainEqual(p);
    const last = few.points.length - 1;
    expect(few.plans([last])).toEqual(all.plans([all.points.length - 1]));
  });
});
