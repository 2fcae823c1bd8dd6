/**
 * Mixture-of-experts layers: the experts a batch hits (and so the weight bytes it reads) grow
 * with the batch and saturate at all of them; FLOPs follow the active parameters.
 */
import { describe, expect, it } from "vitest";
import type { Op } from "../../../src/hardware/op.js";
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
