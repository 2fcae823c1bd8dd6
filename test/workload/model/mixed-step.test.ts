import { describe, expect, it } from "vitest";
import {
  decodeOps,
  getModel,
  mixedStepOps,
  prefillOps,
} from "../../../src/workload/model/index.js";
import { byName, total } from "./helpers.js";

const llama = getModel("llama3-8b");

describe("mixedStepOps", () => {
  it("with one prefill chunk and no decodes equals prefillOps", () => {
    const mixed = mixedStepOps(llama, {
      prefill: [{ tokens: 512, contextTokens: 1024 }],
      decodeContexts: [],
      tp: 2,
    });
    expect(mixed).toEqual(
      prefillOps(llama, { batch: 1, seqTokens: 512, contextTokens: 1024, tp: 2 }),
    );
  });

  it("with a batch of equal chunks matches prefillOps of that batch", () => {
    const chunk = { tokens: 300, contextTokens: 700 };
    const mixed = mixedStepOps(llama, { prefill: [chunk, chunk, chunk] });
    const batched = prefillOps(llama, { batch: 3, seqTokens: 300, contextTokens: 700 });
    expect(mixed).toEqual(batched);
    expect(decodeOps(llama, { contexts: [64, 64] })).toEqual(
      decodeOps(llama, { contexts: { batch: 2, context: 64 } }),
    );
  });

  it("prices huge batches without expanding them", () => {
    const step = decodeOps(llama, { contexts: { batch: 1_000_000_000, context: 8 } });
    expect(step.tokens).toBe(1e9);
    expect(prefillOps(llama, { batch: 1e8, seqTokens: 4 }).tokens).toBe(4e8);
  });

  it("with only decodes equals decodeOps", () => {
    const mixed = mixedStepOps(llama, { decodeContexts: [5, 70, 900], layers: 3 });
    expect(mixed).toEqual(decodeOps(llama, { contexts: [5, 70, 900], layers: 3 }));
  });

  it("runs linear layers once over all tokens and prices attention per part", () => {
    const step = mixedStepOps(llama, {
      prefill: [
        { tokens: 256, contextTokens: 0, finishing: false },
        { tokens: 100, contextTokens: 400 },
      ],
      decodeContexts: [1000, 2000],
    });
    expect(step.tokens).toBe(256 + 100 + 2);
    // Decode seqs plus the chunk that finishes its prompt.
    expect(step.logitsTokens).toBe(3);
    expect(byName(step.ops, "lm_head").flops).toBe(2 * 3 * 4096 * 128256);
    expect(byName(step.ops, "layer.qkv").flops).toBe(2 * 358 * 4096 * 6144);

    const a = prefillOps(llama, { batch: 1, seqTokens: 256 });
    const b = prefillOps(llama, { batch: 1, seqTokens: 100, contextTokens: 400 });
    const d = decodeOps(llama, { contexts: [1000, 2000] });
    const attn = (name: string) => (o: { name: string }) => o.name === name;
    const pre = "layer.attention.prefill";
    expect(total(step.ops, "flops", attn(pre))).toBe(
      total(a.ops, "flops", attn(pre)) + total(b.ops, "flops", attn(pre)),
    );
    expect(total(step.ops, "bytes", attn(pre))).toBe(
      total(a.ops, "bytes", attn(pre)) + total(b.ops, "bytes", attn(pre)),
    );
    const dec = "layer.attention.decode";
    expect(byName(step.ops, dec)).toEqual(byName(d.ops, dec));
  });

  it("rejects an empty step and bad entries naming the field", () => {
    expect(() => mixedStepOps(llama, {})).toThrow(/must not both be empty/);
    expect(() => mixedStepOps(llama, { prefill: [{ tokens: 5 }, { tokens: -1 }] })).toThrow(
      /prefill\[1\]\.tokens: must be a positive integer, got -1/,
    );
    expect(() => mixedStepOps(llama, { prefill: [{ tokens: 5, contextTokens: 131070 }] })).toThrow(
      /prefill\[0\]\.tokens \+ contextTokens: must be <= maxContext/,
    );
    expect(() => mixedStepOps(llama, { decodeContexts: [3.5] })).toThrow(/decodeContexts\[0\]/);
  });
});
