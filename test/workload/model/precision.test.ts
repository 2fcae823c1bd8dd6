/**
 * Storage formats: fp8 and int4 weights shrink the bytes every linear layer reads (and fp8 runs
 * its GEMMs at the fp8 tensor rate); an fp8 KV cache halves each cached token's bytes.
 */
import { describe, expect, it } from "vitest";
import { kernelTiming } from "../../../src/hardware/cost/op-time.js";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { decodeOps, getModel, prefillOps } from "../../../src/workload/model/index.js";
import { kvBytesPerToken, type TransformerShape } from "../../../src/workload/model/transformer.js";
import { resolveEngine } from "../../../src/replay/serving/engine/engine-options.js";
import { kvCapacity } from "../../../src/replay/serving/engine/kv-capacity.js";
import { total } from "./helpers.js";

const llama = getModel("llama3-8b");
const LINEAR = new Set(["layer.qkv", "layer.o_proj", "layer.gate_up", "layer.down"]);
const linear = (shape: TransformerShape) =>
  decodeOps(shape, { contexts: { batch: 1, context: 1024 } }).ops.filter((op) =>
    LINEAR.has(op.name),
  );
// One token's activations in and out of each linear layer, in bf16, summed over layers.
const actBytes = 32 * 2 * (4096 + 6144 + 4096 + 4096 + 4096 + 28672 + 14336 + 4096);

describe("weight formats", () => {
  it("fp8 weights halve the weight bytes of every linear layer; int4 quarter them", () => {
    const bf16 = total(linear(llama), "bytes") - actBytes;
    const fp8 = total(linear({ ...llama, weightDtype: "fp8" }), "bytes") - actBytes;
    const int4 = total(linear({ ...llama, weightDtype: "int4" }), "bytes") - actBytes;
    // Llama-3-8B's layers: 32 x (qkv 4096 x 6144 + o 4096^2 + gate_up 4096 x 28672 + down).
    expect(bf16).toBe(2 * 32 * (4096 * 6144 + 4096 * 4096 + 3 * 4096 * 14336));
    expect(fp8).toBe(bf16 / 2);
    expect(int4).toBe(bf16 / 4);
  });

  it("fp8 GEMMs run at the profile's fp8 rate, int4 at the activation dtype's", () => {
    const h100 = loadProfile("h100-sxm");
    const gateUp = (shape: TransformerShape) =>
      prefillOps(shape, { batch: 1, seqTokens: 4096 }).ops.find(
        (op) => op.name === "layer.gate_up",
      )!;
    const bf16 = gateUp(llama);
    const fp8 = gateUp({ ...llama, weightDtype: "fp8" });
    const int4 = gateUp({ ...llama, weightDtype: "int4" });
    expect([bf16.dtype, fp8.dtype, int4.dtype]).toEqual(["bf16", "fp8", "bf16"]);
    expect(fp8.flops).toBe(bf16.flops);
    const full = (op: typeof bf16) => kernelTiming(h100, op, 1980).tensorFullRateS;
    // 8192 fp8 FLOP/clk/SM vs 4096 bf16 (profile figures).
    expect(full(fp8) / full(bf16)).toBeCloseTo(0.5, 12);
    expect(full(int4)).toBe(full(bf16));
  });

  it("vLLM-style capacity: fp8 weights leave more memory for the KV cache", () => {
    const h100 = loadProfile("h100-sxm");
    const engine = resolveEngine(llama);
    const bf16 = kvCapacity(h100, llama, 1, engine);
    const fp8 = kvCapacity(h100, { ...llama, weightDtype: "fp8" }, 1, engine);
    // Embedding and LM head stay bf16 (2 x 128256 x 4096 x 2 bytes); the rest halves.
    const unquantized = 2 * 128256 * 4096 * 2 + (32 * 2 + 1) * 4096 * 2;
    expect(fp8.weightBytesPerGpu).toBe(unquantized + (bf16.weightBytesPerGpu - unquantized) / 2);
    expect(fp8.tokens).toBeGreaterThan(bf16.tokens);
  });
});

describe("KV cache format", () => {
  it("an fp8 cache halves the bytes per token, so twice the tokens fit", () => {
    const h100 = loadProfile("h100-sxm");
    const engine = resolveEngine(llama);
    const fp8Kv = { ...llama, kvDtype: "fp8" as const };
    expect(kvBytesPerToken(fp8Kv)).toBe(kvBytesPerToken(llama) / 2);
    const bf16 = kvCapacity(h100, llama, 1, engine);
    const fp8 = kvCapacity(h100, fp8Kv, 1, engine);
    expect(fp8.kvBytesPerTokenPerGpu).toBe(bf16.kvBytesPerTokenPerGpu / 2);
    expect(fp8.weightBytesPerGpu).toBe(bf16.weightBytesPerGpu);
    // Same free bytes over half the block size: the block count doubles (to flooring).
    expect(fp8.blocks - 2 * bf16.blocks).toBeGreaterThanOrEqual(0);
    expect(fp8.blocks - 2 * bf16.blocks).toBeLessThanOrEqual(1);
  });

  it("decode attention reads the cache in its format; the kv write stores in it", () => {
    const ops = (shape: TransformerShape) =>
      decodeOps(shape, { contexts: { batch: 8, context: 4096 } }).ops;
    const find = (shape: TransformerShape, name: string) =>
      ops(shape).find((o) => o.name === name)!;
    const fp8Kv = { ...llama, kvDtype: "fp8" as const };
    const att = find(llama, "layer.attention.decode");
    const att8 = find(fp8Kv, "layer.attention.decode");
    // Q read + O written: 2 x 8 x 32 x 128 x 2 bytes; K and V: 2 x 8 x 4096 x 8 x 128 x b.
    const qo = 2 * 8 * 32 * 128 * 2;
    expect(att.bytes - qo).toBe(2 * 8 * 4096 * 8 * 128 * 2);
    expect(att8.bytes - qo).toBe(2 * 8 * 4096 * 8 * 128);
    expect(att8.dtype).toBe("bf16");
    // kv_write reads bf16 K and V and writes them as fp8: 3/4 of the bf16 copy's bytes.
    expect(find(fp8Kv, "layer.kv_write").bytes).toBe((find(llama, "layer.kv_write").bytes * 3) / 4);
  });
});
