import { describe, expect, it } from "vitest";
import {
  ATTENTION_BACKWARD_FLOPS_FACTOR,
  allTrainOps,
  getModel,
  parameterBreakdown,
  trainOps,
} from "../../../src/workload/model/index.js";
import { byName, executions, expectClose, ofKind, total } from "./helpers.js";

const llama = getModel("llama3-8b");

describe("trainOps", () => {
  it("backward GEMM FLOPs are 2 x forward (dgrad + wgrad)", () => {
    const step = trainOps(llama, { batch: 2, seqTokens: 1024 });
    expect(total(step.backward, "flops", ofKind("gemm"))).toBe(
      2 * total(step.forward, "flops", ofKind("gemm")),
    );
    expect(byName(step.backward, "layer.qkv.bwd").count).toBe(64);
  });

  it("attention backward is 2.5 x forward FLOPs and 2 x bytes; elementwise 2 x bytes", () => {
    const step = trainOps(llama, { batch: 1, seqTokens: 4096, layers: 2 });
    expect(ATTENTION_BACKWARD_FLOPS_FACTOR).toBe(2.5);
    const fwd = byName(step.forward, "layer.attention");
    const bwd = byName(step.backward, "layer.attention.bwd");
    expect(bwd.flops).toBe(2.5 * fwd.flops);
    expect(bwd.bytes).toBe(2 * fwd.bytes);
    expect(total(step.backward, "bytes", ofKind("elementwise"))).toBe(
      2 * total(step.forward, "bytes", ofKind("elementwise")),
    );
  });

  it("follows 6 x N x T within 2% when attention is excluded (N = matmul params)", () => {
    const T = 4096;
    const step = trainOps(llama, { batch: 1, seqTokens: T });
    const p = parameterBreakdown(llama);
    // The input embedding is a lookup, not a matmul; the untied LM head is one.
    const N = p.total - p.embedding - p.positional;
    const all = allTrainOps(step);
    expectClose(total(all, "flops", ofKind("gemm", "elementwise", "copy")), 6 * N * T, 0.02);
  });

  it("matches Megatron's 72 B s l h^2 (1 + s/(6h) + V/(12 l h)) for gpt3-175b within 5%", () => {
    // Megatron's 72 (not 96) is forward + backward without activation recompute, as here. It
    // counts attention over the full s x s square with backward = 2 x forward; we count the
    // causal half with backward = 2.5 x forward, so we land ~1.1% lower.
    const gpt3 = getModel("gpt3-175b");
    const [B, s, l, h, V] = [4, 2048, 96, 12288, 50257];
    const megatron = 72 * B * s * l * h * h * (1 + s / (6 * h) + V / (12 * l * h));
    const ours = total(allTrainOps(trainOps(gpt3, { batch: B, seqTokens: s })), "flops");
    expectClose(ours, megatron, 0.05);
    expect(ours).toBeLessThan(megatron);
  });

  it("computes logits and a loss for every token, with no KV cache write", () => {
    const step = trainOps(llama, { batch: 2, seqTokens: 100 });
    expect(step.tokens).toBe(200);
    expect(byName(step.forward, "lm_head").flops).toBe(2 * 200 * 4096 * 128256);
    expect(byName(step.forward, "loss").kind).toBe("elementwise");
    expect(step.forward.some((o) => o.name === "layer.kv_write")).toBe(false);
    expect(allTrainOps(step)).toEqual([...step.forward, ...step.backward]);
  });

  it("runs the backward pass in reverse order", () => {
    const step = trainOps(llama, { batch: 1, seqTokens: 64 });
    expect(step.backward[0]?.name).toBe("loss.bwd");
    expect(step.backward.at(-1)?.name).toBe("embedding.bwd");
  });

  it("layers: 4 has no embedding, LM head or loss", () => {
    const step = trainOps(llama, { batch: 1, seqTokens: 512, layers: 4 });
    const names = allTrainOps(step).map((o) => o.name);
    for (const n of ["embedding", "lm_head", "loss", "final_norm", "embedding.bwd"]) {
      expect(names).not.toContain(n);
    }
    expect(allTrainOps(step).every((o) => o.name.startsWith("layer."))).toBe(true);
    expect(step).toMatchObject({ layers: 4, fullModel: false, gpus: 1 });
  });

  it("tp adds 2 all-reduces per layer forward and 2 backward", () => {
    const step = trainOps(llama, { batch: 1, seqTokens: 512, layers: 4, tp: 4 });
    expect(executions(step.forward, "allreduce")).toBe(8);
    expect(executions(step.backward, "allreduce")).toBe(8);
    expect(byName(step.backward, "layer.qkv.bwd_allreduce")).toMatchObject({
      linkBytes: 512 * 4096 * 2,
      groupSize: 4,
      count: 4,
    });
    const full = trainOps(llama, { batch: 1, seqTokens: 512, tp: 4 });
    // Plus the embedding's (forward) and the LM head input's (backward).
    expect(executions(full.forward, "allreduce")).toBe(65);
    expect(executions(full.backward, "allreduce")).toBe(65);
    expect(executions(trainOps(llama, { batch: 1, seqTokens: 512 }).backward, "allreduce")).toBe(0);
  });

  it("rejects invalid inputs naming the field", () => {
    const gpt3 = getModel("gpt3-175b");
    expect(() => trainOps(gpt3, { batch: 1, seqTokens: 4096 })).toThrow(
      /seqTokens: must be <= maxContext \(2048\), got 4096/,
    );
    expect(() => trainOps(gpt3, { batch: 0, seqTokens: 16 })).toThrow(
      /^batch: must be a positive integer, got 0$/,
    );
    expect(() => trainOps(gpt3, { batch: 1, seqTokens: 16, tp: 5 })).toThrow(/tp: must divide/);
  });
});
