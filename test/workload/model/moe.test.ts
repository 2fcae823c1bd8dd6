/**
 * Mixture-of-experts layers: the experts a batch hits (and so the weight bytes it reads) grow
 * with the batch and saturate at all of them; FLOPs follow the active parameters.
 */
import { describe, expect, it } from "vitest";
import { costAtClock } from "../../../src/hardware/cost/cost-at-clock.js";
import { linkFor, linkTimeS } from "../../../src/hardware/cost/link-time.js";
import type { Op } from "../../../src/hardware/op.js";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { decodeOps } from "../../../src/workload/model/index.js";
import { expertLoad } from "../../../src/workload/model/moe-routing.js";
import { resolveModel } from "../../../src/workload/model/resolve-model.js";
import {
  parameterBreakdown,
  type TransformerShape,
} from "../../../src/workload/model/transformer.js";
import { total } from "./helpers.js";

const qwen = resolveModel("hf:Qwen/Qwen3-30B-A3B");
const moe = qwen.moe!;
const decode = (shape: TransformerShape, batch: number) =>
  decodeOps(shape, { contexts: { batch, context: 512 } }).ops;
const expertOps = (ops: readonly Op[]) =>
  ops.filter((op) => op.name.startsWith("layer.experts.") && op.kind === "gemm");
/** Weight bytes the routed-expert GEMMs read in one step: all bytes less the activations. */
function expertWeightBytes(shape: TransformerShape, batch: number): number {
  const a = batch * moe.expertsPerToken;
  const ef = moe.expertFfn;
  const h = shape.hidden;
  const activations = shape.layers * a * (h + 2 * ef + ef + h) * 2;
  return total(expertOps(decode(shape, batch)), "bytes") - activations;
}
const allExpertBytes = 48 * 128 * 3 * 2048 * 768 * 2;

describe("MoE routing", () => {
  it("uniform top-k: E x (1 - (1 - k/E)^T) experts hit", () => {
    expect(expertLoad(moe, 1).expertsHit).toBeCloseTo(8, 12);
    expect(expertLoad(moe, 16).expertsHit).toBeCloseTo(128 * (1 - Math.pow(1 - 8 / 128, 16)), 9);
    expect(expertLoad(moe, 4096).expertsHit).toBeCloseTo(128, 9);
  });

  it("decode weight bytes grow with the batch and saturate at all experts", () => {
    const bytes = [1, 2, 8, 32, 128, 512].map((b) => expertWeightBytes(qwen, b));
    for (let i = 1; i < bytes.length; i++) expect(bytes[i]!).toBeGreaterThan(bytes[i - 1]!);
    // Batch 1 reads its 8 experts only; batch 512 all 128 (to 1e-9).
    expect(bytes[0]! / allExpertBytes).toBeCloseTo(8 / 128, 9);
    expect(bytes.at(-1)! / allExpertBytes).toBeCloseTo(1, 9);
  });

  it("a skewed router hits fewer experts and loads the busiest one more", () => {
    const skewed = { ...moe, routingZipfExponent: 1 };
    const u = expertLoad(moe, 64);
    const z = expertLoad(skewed, 64);
    expect(z.expertsHit).toBeLessThan(u.expertsHit);
    expect(z.maxTokensPerExpert).toBeGreaterThan(u.maxTokensPerExpert);
    expect(z.assignments).toBe(u.assignments);
    expect(expertWeightBytes({ ...qwen, moe: skewed }, 64)).toBeLessThan(
      expertWeightBytes(qwen, 64),
    );
  });

  it("linear-layer FLOPs per token follow the active parameters", () => {
    const ops = decode(qwen, 1);
    const gemmFlops = total(ops, "flops", (op) => op.kind === "gemm");
    const p = parameterBreakdown(qwen);
    // 2 FLOPs per active weight, less the input embedding (a gather) and the q/k/layer norms.
    const normGains = 48 * (2 * 2048 + 2 * 128) + 2048;
    expect(gemmFlops).toBe(2 * (p.active - p.embedding - normGains));
  });

  it("fp8 weights halve the expert weight bytes", () => {
    const fp8 = { ...qwen, weightDtype: "fp8" as const };
    expect(expertWeightBytes(fp8, 512) / allExpertBytes).toBeCloseTo(0.5, 9);
  });
});

describe("expert parallelism", () => {
  const h100 = loadProfile("h100-sxm");
  const ep = { ...qwen, moe: { ...moe, expertParallel: true } };
  const step = (shape: TransformerShape, tp: number) =>
    decodeOps(shape, { contexts: { batch: 64, context: 512 }, tp }).ops;

  it("dispatches and combines each GPU's tokens with all-to-alls, priced on the topology's link", () => {
    for (const tp of [2, 4, 8, 16]) {
      const ops = step(ep, tp);
      const dispatch = ops.find((o) => o.name === "layer.moe_dispatch")!;
      const combine = ops.find((o) => o.name === "layer.moe_combine")!;
      // Each GPU routes 64 / tp tokens, sending each to its 8 experts' owners.
      expect(dispatch.linkBytes).toBe((64 / tp) * 8 * 2048 * 2);
      expect(combine.linkBytes).toBe(dispatch.linkBytes);
      const link = linkFor(h100, tp);
      expect(link.scope).toBe(tp <= 8 ? "node" : "cluster");
      const expected =
        (tp - 1) * link.latencyS +
        (((tp - 1) / tp) * dispatch.linkBytes!) / link.bandwidthBytesPerS;
      expect(linkTimeS(h100, dispatch)).toBeCloseTo(expected, 15);
      expect(ops.some((o) => o.name === "layer.mlp_allreduce")).toBe(false);
    }
  });

  it("adds the all-to-all time to the step, and splits the experts over the GPUs", () => {
    const tp = 4;
    const withEp = step(ep, tp);
    const link = (ops: readonly Op[]) => ops.filter((o) => o.kind === "alltoall");
    const a2aS = link(withEp).reduce((s, o) => s + linkTimeS(h100, o) * (o.count ?? 1), 0);
    expect(a2aS).toBeGreaterThan(0);
    // Uniform routing: the busiest GPU runs 1/tp of the assignments over its 32 local experts.
    const gateUp = withEp.find((o) => o.name === "layer.experts.gate_up")!;
    expect(gateUp.flops).toBeCloseTo((2 * 64 * 8 * 2 * 768 * 2048) / tp, 3);
    const noEp = step(qwen, tp);
    expect(link(noEp)).toEqual([]);
    const t = (ops: readonly Op[]) => costAtClock(h100, ops, 1500).timeS;
    const computeOnly = (ops: readonly Op[]) => ops.filter((o) => o.kind !== "alltoall");
    expect(t(withEp) - t(computeOnly(withEp))).toBeCloseTo(a2aS, 12);
  });

  it("a skewed router overloads the GPU holding the popular experts", () => {
    const skewed = { ...ep, moe: { ...ep.moe, routingZipfExponent: 1 } };
    const busiest = (s: TransformerShape) =>
      step(s, 4).find((o) => o.name === "layer.experts.gate_up")!.flops;
    expect(busiest(skewed)).toBeGreaterThan(busiest(ep));
  });
});
