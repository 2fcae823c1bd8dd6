import { describe, expect, it } from "vitest";
import {
  attentionBytes,
  causalAttentionFlops,
  chunkAttentionFlops,
  decodeAttentionFlops,
  getModel,
  prefillOps,
} from "../../../src/workload/model/index.js";
import { total } from "./helpers.js";

describe("attention FLOPs", () => {
  it("causal formula for B=8, H=32, S=2048, D=128 is 274877906944", () => {
    expect(causalAttentionFlops({ batch: 8, heads: 32, seqTokens: 2048, headDim: 128 })).toBe(
      274877906944,
    );
  });

  it("prefill op of llama3-8b at B=8, S=2048 sums to that per layer", () => {
    const step = prefillOps(getModel("llama3-8b"), { batch: 8, seqTokens: 2048 });
    const op = step.ops.find((o) => o.kind === "attention");
    expect(op?.flops).toBe(274877906944);
    expect(op?.count).toBe(32);
  });

  it("a chunk at context 0 is a full causal prefill", () => {
    expect(chunkAttentionFlops(32, 128, 1000, 0)).toBe(
      causalAttentionFlops({ batch: 1, heads: 32, seqTokens: 1000, headDim: 128 }),
    );
  });

  it("chunks add up to the whole prompt: 4*H*D*c*(C + c/2) over 2 chunks = S^2/2", () => {
    const whole = chunkAttentionFlops(8, 64, 2048, 0);
    const split = chunkAttentionFlops(8, 64, 1024, 0) + chunkAttentionFlops(8, 64, 1024, 1024);
    expect(split).toBe(whole);
  });

  it("decode is 4*H*D*context", () => {
    expect(decodeAttentionFlops(32, 128, 1000)).toBe(4 * 32 * 128 * 1000);
  });
});

describe("attention bytes", () => {
  it("reads Q and K,V for every key, writes O", () => {
    const dims = { heads: 32, kvHeads: 8, headDim: 128, dtype: "bf16" as const };
    expect(attentionBytes(dims, 10, 100)).toBe((2 * 10 * 32 * 128 + 2 * 100 * 8 * 128) * 2);
  });

  it("chunked prefill reads the whole cached context", () => {
    const shape = getModel("llama3-8b");
    const a = prefillOps(shape, { batch: 1, seqTokens: 512, contextTokens: 0, layers: 1 });
    const b = prefillOps(shape, { batch: 1, seqTokens: 512, contextTokens: 4096, layers: 1 });
    const attn = (o: { kind: string }) => o.kind === "attention";
    expect(total(b.ops, "bytes", attn) - total(a.ops, "bytes", attn)).toBe(4096 * 2 * 8 * 128 * 2);
    expect(total(b.ops, "flops", attn) - total(a.ops, "flops", attn)).toBe(
      4 * 32 * 128 * 512 * 4096,
    );
  });
});
