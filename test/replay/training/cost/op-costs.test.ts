import { describe, expect, it } from "vitest";
import { linkFor } from "../../../../src/hardware/cost/link-time.js";
import { loadProfile } from "../../../../src/hardware/profile/load-profile.js";
import { getModel } from "../../../../src/workload/model/index.js";
import {
  activationBytes,
  interleaved1F1BSchedule,
  oneFOneBSchedule,
  stageGradientBytes,
  withCommunication,
  zbH1Schedule,
} from "../../../../src/workload/training/index.js";
import {
  costsFromModel,
  costsFromStageProfile,
  readStageProfile,
  type OpChoices,
} from "../../../../src/replay/training/index.js";
import { PERSEUS_CSV, relErr } from "../../../workload/training/helpers.js";

const a100 = loadProfile("a100-sxm");
const gpt3 = getModel("gpt3-175b");
const shape = { model: gpt3, batch: 1, seqTokens: 2048, tp: 8 };
const profile = await readStageProfile(PERSEUS_CSV);

describe("costsFromStageProfile", () => {
  it("gives each op its stage's rows, highest clock first", () => {
    const dag = oneFOneBSchedule({ stages: 8, microbatches: 2 });
    const costs = costsFromStageProfile(dag, profile);
    const b7 = dag.ops.find((o) => o.name === "B s7 m1");
    const c = costs.ops[b7?.id as number];
    expect(c?.freqMHz[0]).toBe(1410);
    expect(c?.timeS[0]).toBe(profile.table.get("7/backward")?.timeS[0]);
    expect(costs.hardware).toBeUndefined();
  });

  it("prices ZB-H1's B and W as halves of the backward, interleaved chunks as 1/v", () => {
    const zb = zbH1Schedule({ stages: 8, microbatches: 8 });
    const zc = costsFromStageProfile(zb, profile);
    const full = profile.table.get("2/backward") as OpChoices;
    for (const kind of ["backward-input", "backward-weight"]) {
      const op = zb.ops.find((o) => o.kind === kind && o.stage === 2);
      expect(zc.ops[op?.id as number]?.timeS[3]).toBe((full.timeS[3] as number) / 2);
    }
    const iv = interleaved1F1BSchedule({ stages: 8, microbatches: 8, chunks: 2 });
    const ic = costsFromStageProfile(iv, profile);
    const f = iv.ops.find((o) => o.kind === "forward" && o.stage === 0 && o.chunk === 1);
    expect(ic.ops[f?.id as number]?.energyJ[0]).toBe(
      (profile.table.get("0/forward")?.energyJ[0] as number) / 2,
    );
  });

  it("needs a fallback for communication ops, and the same stage count", () => {
    const dag = withCommunication(oneFOneBSchedule({ stages: 8, microbatches: 2 }), {
      activationBytes: 1e6,
    });
    expect(() => costsFromStageProfile(dag, profile)).toThrow(
      /op send F s0->s1 m0: a stage profile has no send rows; pass a fallback table/,
    );
    const fallback = costsFromModel(dag, a100, shape);
    const costs = costsFromStageProfile(dag, profile, { fallback });
    const send = dag.ops.find((o) => o.kind === "send");
    expect(costs.ops[send?.id as number]).toBe(fallback.ops[send?.id as number]);
    expect(() =>
      costsFromStageProfile(oneFOneBSchedule({ stages: 4, microbatches: 2 }), profile),
    ).toThrow(/4 stages but the stage profile .* has 8/);
  });
});

describe("costsFromModel", () => {
  const dag = zbH1Schedule({ stages: 8, microbatches: 2 });
  const costs = costsFromModel(dag, a100, { ...shape, minFreqMHz: 855 });
  const at = (name: string) => {
    const op = dag.ops.find((o) => o.name === name);
    return costs.ops[op?.id as number] as OpChoices;
  };

  it("prices every grid clock above the floor, descending, and slower clocks take longer", () => {
    const f = at("F s3 m0");
    expect(f.freqMHz[0]).toBe(1410);
    expect(f.freqMHz.at(-1)).toBe(855);
    expect(f.freqMHz.length).toBe(38);
    f.timeS.slice(1).forEach((t, i) => expect(t).toBeGreaterThanOrEqual(f.timeS[i] as number));
    expect(costs.hardware).toBe(a100);
  });

  it("lands near Perseus' measured GPT-3 stages on A100 (tp 8, 12 layers, 2048 tokens)", () => {
    // The a100-sxm power/time model is fitted to this file; the model's stages are within 20%.
    const fwd = costsFromModel(oneFOneBSchedule({ stages: 8, microbatches: 1 }), a100, shape);
    const rows = profile.table.get("3/forward") as OpChoices;
    const mid = fwd.ops[3 * 2] as OpChoices;
    expect(relErr(mid.timeS[0] as number, rows.timeS[0] as number)).toBeLessThan(0.2);
    expect(relErr(mid.energyJ[0] as number, rows.energyJ[0] as number)).toBeLessThan(0.2);
  });

  it("splits the backward into B (dgrad and the rest) and W (wgrad) that add up to it", () => {
    const full = costsFromModel(oneFOneBSchedule({ stages: 8, microbatches: 2 }), a100, shape);
    const bwd = full.ops.find((_, id) => id === 7 * 4 + 1) as OpChoices;
    const b = at("B s7 m0");
    const w = at("W s7 m0");
    // Each menu stops at its own capped clock; compare them at clocks all three offer.
    const shared = bwd.freqMHz.filter((f) => b.freqMHz.includes(f) && w.freqMHz.includes(f));
    expect(shared.length).toBeGreaterThan(10);
    for (const f of shared) {
      const [tb, tw, t] = [b, w, bwd].map((c) => c.timeS[c.freqMHz.indexOf(f)] as number);
      expect(relErr((tb as number) + (tw as number), t as number)).toBeLessThan(1e-9);
      expect(tw).toBeLessThan(tb as number);
    }
  });

  it("gives the first stage the embedding and the last the LM head", () => {
    const f0 = at("F s0 m0").timeS[0] as number;
    const f3 = at("F s3 m0").timeS[0] as number;
    const f7 = at("F s7 m0").timeS[0] as number;
    expect(f0).toBeGreaterThan(f3);
    expect(f7).toBeGreaterThan(f0);
  });

  it("prices sends and all-reduces on the link, flat across clocks, at communication power", () => {
    const comm = withCommunication(oneFOneBSchedule({ stages: 8, microbatches: 2 }), {
      activationBytes: activationBytes(gpt3, { batch: 1, seqTokens: 2048 }),
      gradientBytes: stageGradientBytes(gpt3, { stages: 8, tp: 8 }),
      optimizer: true,
    });
    const cc = costsFromModel(comm, a100, { ...shape, dp: 4 });
    const send = comm.ops.find((o) => o.kind === "send");
    const ar = comm.ops.find((o) => o.kind === "allreduce" && o.stage === 1);
    const opt = comm.ops.find((o) => o.kind === "optimizer");
    const s = cc.ops[send?.id as number] as OpChoices;
    expect(new Set(s.timeS).size).toBe(1);
    expect(s.energyJ[0]).toBeCloseTo((s.timeS[0] as number) * a100.power.communicationW, 12);
    // 2 x tp x dp = 64 GPUs span nodes: the cluster link.
    const ib = linkFor(a100, 64);
    expect(s.timeS[0]).toBeCloseTo(
      ib.latencyS + (send?.linkBytes as number) / ib.bandwidthBytesPerS,
      12,
    );
    const a = cc.ops[ar?.id as number] as OpChoices;
    const ringS = 6 * ib.latencyS + (1.5 * (ar?.linkBytes as number)) / ib.bandwidthBytesPerS;
    expect(a.timeS[0]).toBeCloseTo(ringS, 12);
    const o = cc.ops[opt?.id as number] as OpChoices;
    expect(o.timeS[0]).toBeGreaterThan(0);
    expect(o.timeS.at(-1)).toBeGreaterThanOrEqual(o.timeS[0] as number);
  });

  it("rejects a floor above every clock and more virtual stages than layers", () => {
    const one = oneFOneBSchedule({ stages: 8, microbatches: 1 });
    expect(() => costsFromModel(one, a100, { ...shape, minFreqMHz: 5000 })).toThrow(
      /minFreqMHz: 5000 MHz/,
    );
    const deep = interleaved1F1BSchedule({ stages: 8, microbatches: 8, chunks: 16 });
    expect(() => costsFromModel(deep, a100, shape)).toThrow(
      /stages: stages x chunks \(128\) must be <= the model's 96 layers/,
    );
  });
});
