import { describe, expect, it } from "vitest";
import {
  decodeOps,
  getModel,
  kvBytesPerToken,
  parameterBreakdown,
} from "../../../src/workload/model/index.js";
import { byName, expectClose, ofKind, total } from "./helpers.js";

const llama = getModel("llama3-8b");

describe("decodeOps", () => {
  it("reads ~all weights once: GEMM bytes = 2 x (layer matmul params + LM head) within 1%", () => {
    const p = parameterBreakdown(llama);
    const weightParams = llama.layers * (p.attentionPerLayer + p.mlpPerLayer) + p.lmHead;
    expectClose(weightParams, 7.5e9, 0.01);
    for (const batch of [1, 8]) {
      const step = decodeOps(llama, { contexts: { batch, context: 1024 } });
      expectClose(total(step.ops, "bytes", ofKind("gemm")), 2 * weightParams, 0.01);
    }
  });

  it("reads each sequence's KV cache: attention bytes - Q/O = B x context x kvBytesPerToken", () => {
    const B = 64;
    const context = 1024;
    const step = decodeOps(llama, { contexts: { batch: B, context } });
    const qoBytes = llama.layers * B * 2 * 32 * 128 * 2;
    expect(total(step.ops, "bytes", ofKind("attention")) - qoBytes).toBe(
      B * context * kvBytesPerToken(llama),
    );
  });

  it("sums attention over sequences of different contexts into one op per layer", () => {
    const step = decodeOps(llama, { contexts: [100, 200, 300] });
    const attention = step.ops.filter((o) => o.kind === "attention");
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({ name: "layer.attention.decode", count: 32 });
    expect(attention[0]?.flops).toBe(4 * 32 * 128 * 600);
  });

  it("runs the weight GEMMs with m = batch and emits one token per sequence", () => {
    const step = decodeOps(llama, { contexts: { batch: 16, context: 50 } });
    expect(byName(step.ops, "layer.gate_up").flops).toBe(2 * 16 * 4096 * 2 * 14336);
    expect(step.tokens).toBe(16);
    expect(step.logitsTokens).toBe(16);
    expect(byName(step.ops, "lm_head").flops).toBe(2 * 16 * 4096 * 128256);
  });

  it("rejects invalid contexts naming the field", () => {
    expect(() => decodeOps(llama, { contexts: [] })).toThrow(/contexts: must not be empty/);
    expect(() => decodeOps(llama, { contexts: [10, 0] })).toThrow(
      /contexts\[1\]: must be a positive integer, got 0/,
    );
    expect(() => decodeOps(llama, { contexts: { batch: 0, context: 5 } })).toThrow(/batch/);
    expect(() => decodeOps(llama, { contexts: { batch: 2, context: 2e5 } })).toThrow(
      /context: must be <= maxContext/,
    );
    expect(() => decodeOps(llama, { contexts: [10], tp: 64 })).toThrow(/tp: must divide heads/);
  });
});
