/**
 * Multi-head latent attention (DeepSeek-V3): KV bytes per token of every attention kind, the
 * decompressed prefill and the weight-absorbed decode, and the projections' parameters.
 */
import { describe, expect, it } from "vitest";
import { costAtClock } from "../../../src/hardware/cost/cost-at-clock.js";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import {
  kvBytesPerTokenOnGpu,
  weightParamsPerGpu,
} from "../../../src/replay/serving/engine/kv-capacity.js";
import { decodeOps, prefillOps, trainOps } from "../../../src/workload/model/index.js";
import {
  prefillAttentionWork,
  prefillAttentionWorkOfSums,
} from "../../../src/workload/model/attention.js";
import { attentionDimsOf } from "../../../src/workload/model/attention-dims.js";
import { resolveModel } from "../../../src/workload/model/resolve-model.js";
import { shardOf } from "../../../src/workload/model/tensor-parallel.js";
import {
  kvBytesPerToken,
  parameterBreakdown,
  type TransformerShape,
} from "../../../src/workload/model/transformer.js";
import { byName, total } from "./helpers.js";

const dsv3 = resolveModel("hf:deepseek-ai/DeepSeek-V3");
const qwen8b = resolveModel("hf:Qwen/Qwen3-8B");
const gpt2 = resolveModel("hf:openai-community/gpt2");
const mqa: TransformerShape = { ...qwen8b, name: "qwen3-8b-mqa", kvHeads: 1 };

describe("KV bytes per token, per attention kind", () => {
  it("MHA, GQA, MQA: 2 x layers x kvHeads x headDim x bytes", () => {
    expect(kvBytesPerToken(gpt2)).toBe(2 * 12 * 12 * 64 * 2); // MHA: kvHeads = heads
    expect(kvBytesPerToken(qwen8b)).toBe(2 * 36 * 8 * 128 * 2); // GQA
    expect(kvBytesPerToken(mqa)).toBe(2 * 36 * 1 * 128 * 2); // MQA
  });

  it("MLA: layers x (kv_lora_rank + qk_rope_head_dim) x bytes, one latent for all heads", () => {
    expect(kvBytesPerToken(dsv3)).toBe(61 * 576 * 2);
    expect(kvBytesPerToken({ ...dsv3, kvDtype: "fp8" })).toBe(61 * 576 * 1);
  });

  it("per GPU under TP: GQA heads split, MLA's latent whole on every GPU", () => {
    expect(kvBytesPerTokenOnGpu(qwen8b, shardOf(qwen8b, 4))).toBe(2 * 36 * 2 * 128 * 2);
    expect(kvBytesPerTokenOnGpu(dsv3, shardOf(dsv3, 8))).toBe(61 * 576 * 2);
  });
});

describe("prefill attention from sums (a drafter's prefill)", () => {
  const chunks = [
    { newTokens: 512, contextTokens: 0 },
    { newTokens: 100, contextTokens: 2048 },
    { newTokens: 7, contextTokens: 33 },
  ];
  const sums = {
    queries: 512 + 100 + 7,
    pairs: 512 * 256 + 100 * (2048 + 50) + 7 * (33 + 3.5),
    keys: 512 + 2148 + 40,
  };
  for (const shape of [qwen8b, dsv3]) {
    it(`equals the per-chunk sum for ${shape.name}`, () => {
      const dims = attentionDimsOf(shape, shardOf(shape, 1), true);
      const a = prefillAttentionWork(dims, chunks);
      const b = prefillAttentionWorkOfSums(dims, 3, sums.queries, sums.pairs, sums.keys);
      expect(b.flops / a.flops).toBeCloseTo(1, 12);
      expect(b.bytes / a.bytes).toBeCloseTo(1, 12);
    });
  }
});

describe("MLA attention", () => {
  const h = 128 / 8; // heads on one of 8 GPUs
  const attn = (ops: ReturnType<typeof decodeOps>["ops"], name: string) => byName(ops, name);

  it("decode is weight-absorbed: per cached latent and head, 2 x (576 + 512) FLOPs", () => {
    const at = (context: number) =>
      attn(
        decodeOps(dsv3, { contexts: { batch: 8, context }, tp: 8 }).ops,
        "layer.attention.decode",
      );
    const a = at(1024);
    const b = at(2048);
    // Each extra cached token: a score over the 576-wide latent and a 512-wide value sum per head.
    expect(b.flops - a.flops).toBe(8 * 1024 * h * 2 * (576 + 512));
    // ... and its latent read once for all heads, in the cache format.
    expect(b.bytes - a.bytes).toBe(8 * 1024 * 576 * 2);
    // The absorbed GEMMs (q_nope -> latent, latent -> v) per decoding token.
    expect(a.flops).toBe(8 * 1024 * h * 2 * (576 + 512) + 8 * 2 * h * 512 * (128 + 128));
  });

  it("prefill decompresses: attention with q/k width 192 and v width 128, plus kv_b", () => {
    const s = 1024;
    const op = byName(
      prefillOps(dsv3, { batch: 1, seqTokens: s, tp: 8 }).ops,
      "layer.attention.prefill",
    );
    const pairs = (s * s) / 2;
    expect(op.flops).toBe(2 * h * (192 + 128) * pairs + 2 * s * 512 * h * (128 + 128));
  });

  it("a decode step reads ~10x fewer KV bytes than the same heads would under MHA", () => {
    const mha: TransformerShape = { ...dsv3, name: "dsv3-mha", mla: undefined };
    const kv = (shape: TransformerShape) =>
      byName(
        decodeOps(shape, { contexts: { batch: 64, context: 4096 }, tp: 8 }).ops,
        "layer.attention.decode",
      ).bytes;
    // Per cached token on one of 8 GPUs: 576 latent elements against 2 x 16 heads x 192.
    expect(kv(dsv3) * 10).toBeLessThan(kv(mha));
  });

  it("the projections: q_a, q_b, kv_a replicated or split as vLLM lays them out", () => {
    const ops = decodeOps(dsv3, { contexts: { batch: 4, context: 256 }, tp: 8 }).ops;
    const flops = (name: string) => byName(ops, name).flops;
    expect(flops("layer.q_a")).toBe(2 * 4 * 7168 * 1536);
    expect(flops("layer.q_b")).toBe(2 * 4 * 1536 * h * 192);
    expect(flops("layer.kv_a")).toBe(2 * 4 * 7168 * 576);
    expect(flops("layer.o_proj")).toBe(2 * 4 * h * 128 * 7168);
    // The cache write stores the 576-wide latent (bf16 in, bf16 out).
    expect(byName(ops, "layer.kv_write").bytes).toBe(4 * 576 * 4);
  });

  it("one GPU's MLA weights at tp 1 are the model's parameters", () => {
    expect(weightParamsPerGpu(dsv3, shardOf(dsv3, 1))).toBe(parameterBreakdown(dsv3).total);
    // Under TP, q_a and kv_a are whole on each GPU, so 8 GPUs hold more than the model.
    expect(8 * weightParamsPerGpu(dsv3, shardOf(dsv3, 8))).toBeGreaterThan(
      parameterBreakdown(dsv3).total,
    );
  });

  it("DeepSeek-V3 decode and a training step price on an H100", () => {
    const h100 = loadProfile("h100-sxm");
    const step = decodeOps(dsv3, { contexts: { batch: 32, context: 2048 }, tp: 8 });
    const c = costAtClock(h100, step.ops, 1980);
    expect(c.timeS).toBeGreaterThan(0);
    expect(Number.isFinite(c.energyJ)).toBe(true);
    // At batch 32 decode is memory-bound: the fp8 weights of the experts hit dominate the bytes.
    expect(total(step.ops, "bytes")).toBeGreaterThan(32 * 2048 * 61 * 576 * 2);
    const train = trainOps(dsv3, { batch: 1, seqTokens: 1024, tp: 8, layers: 4 });
    expect(costAtClock(h100, [...train.forward, ...train.backward], 1980).timeS).toBeGreaterThan(0);
  });
});
