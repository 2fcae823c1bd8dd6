import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/input/input-error.js";
import {
  causalAttentionFlops,
  getModel,
  parameterBreakdown,
  prefillOps,
} from "../../../src/workload/model/index.js";
import { byName, executions, expectClose, ofKind, total } from "./helpers.js";

const llama = getModel("llama3-8b");

describe("prefillOps", () => {
  it("full prefill FLOPs = 2 x layer params x S + attention (+ LM head for the last token)", () => {
    const S = 2048;
    const step = prefillOps(llama, { batch: 1, seqTokens: S });
    const p = parameterBreakdown(llama);
    const attention =
      llama.layers * causalAttentionFlops({ batch: 1, heads: 32, seqTokens: S, headDim: 128 });
    const expected = 2 * llama.layers * p.perLayer * S + attention;
    expectClose(total(step.ops, "flops"), expected, 0.01);
    // GEMMs alone: exactly 2 x (matmul params) x tokens, plus the LM head on one token.
    const gemmParams = llama.layers * (p.attentionPerLayer + p.mlpPerLayer);
    expect(total(step.ops, "flops", ofKind("gemm"))).toBe(2 * gemmParams * S + 2 * p.lmHead);
    expect(total(step.ops, "flops", ofKind("attention"))).toBe(attention);
  });

  it("computes logits only for the last token of each sequence", () => {
    const step = prefillOps(llama, { batch: 4, seqTokens: 100 });
    expect(step.tokens).toBe(400);
    expect(step.logitsTokens).toBe(4);
    expect(byName(step.ops, "lm_head").flops).toBe(2 * 4 * 4096 * 128256);
    expect(byName(step.ops, "layer.qkv").flops).toBe(2 * 400 * 4096 * (4096 + 2 * 1024));
  });

  it("has 10-20 distinct ops with per-layer ones counted", () => {
    const step = prefillOps(llama, { batch: 1, seqTokens: 128 });
    expect(step.ops.length).toBeGreaterThanOrEqual(10);
    expect(step.ops.length).toBeLessThanOrEqual(20);
    expect(byName(step.ops, "layer.down").count).toBe(32);
    expect(byName(step.ops, "embedding").count).toBe(1);
    expect(step).toMatchObject({ gpus: 1, layers: 32, fullModel: true });
  });

  it("follows the GEMM byte convention (m*k + k*n + m*n) x bytes", () => {
    const op = byName(prefillOps(llama, { batch: 1, seqTokens: 10 }).ops, "layer.down");
    expect(op.bytes).toBe((10 * 14336 + 14336 * 4096 + 10 * 4096) * 2);
  });

  it("embeds as a copy and writes the new tokens' KV to the cache as a copy", () => {
    const step = prefillOps(llama, { batch: 2, seqTokens: 100 });
    expect(byName(step.ops, "embedding")).toMatchObject({
      kind: "copy",
      bytes: 2 * 200 * 4096 * 2,
    });
    // Read from the qkv output and written to the cache: 2 x (K and V) x tokens x kv width.
    expect(byName(step.ops, "layer.kv_write")).toMatchObject({
      kind: "copy",
      bytes: 2 * 200 * 2 * 8 * 128 * 2,
      count: 32,
    });
  });

  it("layers: 4 drops embedding and LM head and counts 4 per layer op", () => {
    const full = prefillOps(llama, { batch: 1, seqTokens: 256 });
    const four = prefillOps(llama, { batch: 1, seqTokens: 256, layers: 4 });
    const names = four.ops.map((o) => o.name);
    expect(names).not.toContain("embedding");
    expect(names).not.toContain("lm_head");
    expect(names).not.toContain("final_norm");
    expect(four.ops.every((o) => o.count === 4 && o.name.startsWith("layer."))).toBe(true);
    const layerOnly = (o: { name: string }) => o.name.startsWith("layer.");
    expect(total(four.ops, "flops") * 8).toBe(total(full.ops, "flops", layerOnly));
    expect(four).toMatchObject({ layers: 4, fullModel: false, logitsTokens: 0 });
  });

  it("tp = 2 halves the GEMM FLOPs per GPU and adds 2 all-reduces per layer", () => {
    const one = prefillOps(llama, { batch: 1, seqTokens: 512, layers: 4 });
    const two = prefillOps(llama, { batch: 1, seqTokens: 512, layers: 4, tp: 2 });
    expect(total(two.ops, "flops", ofKind("gemm")) * 2).toBe(
      total(one.ops, "flops", ofKind("gemm")),
    );
    expect(executions(one.ops, "allreduce")).toBe(0);
    expect(executions(two.ops, "allreduce")).toBe(8);
    expect(two.gpus).toBe(2);
    const ar = byName(two.ops, "layer.attn_allreduce");
    expect(ar).toMatchObject({
      flops: 0,
      linkBytes: 512 * 4096 * 2,
      bytes: 2 * 512 * 4096 * 2,
      groupSize: 2,
    });
    // The full model adds the vocab-parallel embedding's all-reduce.
    const full = prefillOps(llama, { batch: 1, seqTokens: 512, tp: 2 });
    expect(executions(full.ops, "allreduce")).toBe(2 * 32 + 1);
    expect(byName(full.ops, "lm_head").flops).toBe(2 * 4096 * (128256 / 2));
  });

  it("replicates KV heads when tp exceeds kvHeads", () => {
    const shape = getModel("llama3-70b");
    const step = prefillOps(shape, { batch: 1, seqTokens: 16, layers: 1, tp: 16 });
    // 64/16 = 4 query heads, 1 KV head per GPU.
    expect(byName(step.ops, "layer.qkv").flops).toBe(2 * 16 * 8192 * (4 + 2) * 128);
  });

  it("rejects invalid inputs with an InputError naming the field", () => {
    expect(() => prefillOps(llama, { batch: -1, seqTokens: 10 })).toThrow(
      /^batch: must be a positive integer, got -1$/,
    );
    expect(() => prefillOps(llama, { batch: 1.5, seqTokens: 10 })).toThrow(/batch/);
    expect(() => prefillOps(llama, { batch: 1, seqTokens: 0 })).toThrow(/seqTokens/);
    expect(() => prefillOps(llama, { batch: 1, seqTokens: 10, contextTokens: -3 })).toThrow(
      /contextTokens/,
    );
    expect(() => prefillOps(llama, { batch: 1, seqTokens: 131073 })).toThrow(
      /seqTokens \+ contextTokens: must be <= maxContext \(131072\), got 131073/,
    );
    expect(() => prefillOps(llama, { batch: 1, seqTokens: 10, tp: 3 })).toThrow(
      /tp: must divide heads \(32\), got 3/,
    );
    expect(() => prefillOps(llama, { batch: 1, seqTokens: 10, tp: 0 })).toThrow(/tp: must be/);
    expect(() => prefillOps(llama, { batch: 1, seqTokens: 10, layers: 33 })).toThrow(/layers/);
    expect(() => prefillOps(llama, { batch: 1, seqTokens: 10, layers: 0 })).toThrow(InputError);
  });
});
