import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/input/input-error.js";
import {
  kvBytesPerToken,
  parameterBreakdown,
  parameterCount,
} from "../../../src/workload/model/transformer.js";
import { loadHfConfig } from "../../../src/workload/model/hf-config.js";
import { resolveModel, shippedHfModels } from "../../../src/workload/model/resolve-model.js";
import { expectClose } from "./helpers.js";

describe("shipped Hugging Face configs", () => {
  // Published totals (model cards / papers): [id, total, active, unit of the active figure's
  // last digit]. The active count is parameterBreakdown's `active` (embedding and LM head
  // included), the convention that reproduces Mixtral's 12.88B -> "12.9B" and Qwen's own figures
  // (its "non-embedding" totals, tested below, drop exactly the embedding and the LM head).
  // Qwen3-30B-A3B's "3.3B activated" and DeepSeek-V3's "37B activated" are published to two
  // significant figures, cut (not rounded) from 3.353B and 37.55B: the figure as written has a
  // resolution of 3% (1/33) and 2.7% (1/37), coarser than a 1% test can check. No counting rule
  // brings both within 1% without breaking Mixtral: dropping the input embedding (a lookup, not
  // a GEMM) gives 3.04B (-7.8%), 36.63B (-1.0%) and Mixtral 12.75B (-1.2%). So those two are
  // held to their published digits: the count must truncate to the published figure.
  // DeepSeek's README_WEIGHTS.md states 36.7B activated "including 0.9B for Embedding and 0.9B
  // for the output Head", 2.3% under our 37.55B; independent recounts from the same config land
  // on 37.5-37.6B too (and DeepSeek-V2-Lite's published 2.4B vs 2.66B counted is an open question
  // in deepseek-ai/DeepSeek-V2#73), so the gap is in the published figure's accounting, unknown.
  const published: [string, number, number, number][] = [
    ["Qwen/Qwen3-8B", 8.2e9, 8.2e9, 0],
    ["Qwen/Qwen3-30B-A3B", 30.5e9, 3.3e9, 0.1e9],
    ["mistralai/Mixtral-8x7B-v0.1", 46.7e9, 12.9e9, 0],
    ["deepseek-ai/DeepSeek-V3", 671e9, 37e9, 1e9],
    ["mistralai/Mistral-7B-v0.1", 7.24e9, 7.24e9, 0],
    ["openai-community/gpt2", 124e6, 124e6, 0],
    ["EleutherAI/pythia-1b", 1.01e9, 1.01e9, 0],
  ];

  it("ships every model the table checks", () => {
    expect(shippedHfModels()).toEqual(published.map(([id]) => id).sort());
  });

  for (const [id, total, active, truncatedTo] of published) {
    it(`${id}: ${total / 1e9}B total within 1%, ${active / 1e9}B active`, () => {
      const p = parameterBreakdown(resolveModel(`hf:${id}`));
      expectClose(p.total, total, 0.01);
      if (truncatedTo === 0) expectClose(p.active, active, 0.01);
      else {
        expect(p.active).toBeGreaterThanOrEqual(active);
        expect(p.active).toBeLessThan(active + truncatedTo);
      }
    });
  }

  // Qwen's model cards also state "Number of Parameters (Non-Embedding)": 6.95B and 29.9B.
  for (const [id, nonEmbedding] of [
    ["Qwen/Qwen3-8B", 6.95e9],
    ["Qwen/Qwen3-30B-A3B", 29.9e9],
  ] as const) {
    it(`${id}: ${nonEmbedding / 1e9}B non-embedding (total less embedding and LM head) within 1%`, () => {
      const p = parameterBreakdown(resolveModel(`hf:${id}`));
      expectClose(p.nonEmbedding, nonEmbedding, 0.01);
      expect(p.total - p.nonEmbedding).toBe(p.embedding + p.lmHead);
    });
  }

  it("Qwen3-30B-A3B's active count is its non-embedding active count plus embedding and head", () => {
    // 48 layers x (attention 18,874,624 + 8 experts x 4,718,592 + router 262,144 + norms 4,096)
    // + 2 x 151,936 x 2,048: the figure Qwen cuts to "3.3B".
    const p = parameterBreakdown(resolveModel("hf:Qwen/Qwen3-30B-A3B"));
    expect(p.activeNonEmbedding).toBe(48 * (18_874_624 + 8 * 4_718_592 + 262_144 + 4_096) + 2048);
    expect(p.active).toBe(p.activeNonEmbedding + 2 * 151_936 * 2048);
  });

  it("an MoE model's active count is total less the unused routed experts", () => {
    const p = parameterBreakdown(resolveModel("hf:mistralai/Mixtral-8x7B-v0.1"));
    expect(p.total - p.active).toBe(32 * 6 * 3 * 4096 * 14336);
    expect(p.moePerLayer).toBe(8 * 3 * 4096 * 14336 + 4096 * 8);
  });

  it("Qwen3-8B reads exactly as its config says", () => {
    expect(resolveModel("hf:Qwen/Qwen3-8B")).toMatchObject({
      layers: 36,
      hidden: 4096,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      ffn: 12288,
      vocab: 151936,
      maxContext: 40960,
      dtype: "bf16",
      tiedEmbeddings: false,
      qkNorm: true,
    });
  });

  it("KV bytes per token follow each attention kind's formula", () => {
    // GQA: 2 x layers x kvHeads x headDim x 2 bytes.
    expect(kvBytesPerToken(resolveModel("hf:Qwen/Qwen3-8B"))).toBe(2 * 36 * 8 * 128 * 2);
    expect(kvBytesPerToken(resolveModel("hf:Qwen/Qwen3-30B-A3B"))).toBe(2 * 48 * 4 * 128 * 2);
    // MHA: kvHeads = heads.
    expect(kvBytesPerToken(resolveModel("hf:openai-community/gpt2"))).toBe(2 * 12 * 12 * 64 * 2);
    // MLA: (kv_lora_rank + qk_rope_head_dim) x layers x bytes, one latent for all heads.
    expect(kvBytesPerToken(resolveModel("hf:deepseek-ai/DeepSeek-V3"))).toBe((512 + 64) * 61 * 2);
  });

  it("DeepSeek-V3's fp8 quantization_config makes fp8 weights", () => {
    const s = resolveModel("hf:deepseek-ai/DeepSeek-V3");
    expect(s.weightDtype).toBe("fp8");
    expect(s.moe).toEqual({
      experts: 256,
      expertsPerToken: 8,
      sharedExperts: 1,
      expertFfn: 2048,
      denseLayers: 3,
    });
  });

  it("built-in names keep working", () => {
    expect(parameterCount(resolveModel("llama3-8b"))).toBe(8_030_261_248);
  });
});

describe("bad configs name the field", () => {
  const dir = mkdtempSync(join(tmpdir(), "wattif-hf-"));
  const write = (name: string, value: object) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value, null, 2));
    return file;
  };
  const errorOf = (f: () => unknown): InputError => {
    try {
      f();
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error("no error");
  };

  it("an unknown architecture names model_type with its position", () => {
    const file = write("t5.json", { model_type: "t5", d_model: 512 });
    const e = errorOf(() => loadHfConfig(file, "t5"));
    expect(e.message).toMatch(/t5\.json:2:17: model_type: unknown architecture 't5'/);
  });

  it("a missing field is named", () => {
    const file = write("q.json", {
      model_type: "qwen3_moe",
      hidden_size: 2048,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      intermediate_size: 64,
      vocab_size: 100,
      max_position_embeddings: 128,
      num_experts: 8,
      num_experts_per_tok: 2,
    });
    const e = errorOf(() => loadHfConfig(file, "q"));
    expect(e.message).toMatch(/q\.json:1:1: moe_intermediate_size: must have required property/);
  });

  it("a wrong type is placed on its line", () => {
    const file = write("l.json", {
      model_type: "llama",
      hidden_size: "4096",
      num_hidden_layers: 2,
      num_attention_heads: 4,
      intermediate_size: 64,
      vocab_size: 100,
      max_position_embeddings: 128,
    });
    const e = errorOf(() => loadHfConfig(file, "l"));
    expect(e.message).toMatch(/l\.json:3:\d+: hidden_size: must be an integer/);
  });

  it("an unsupported quantization names quant_method", () => {
    const file = write("b.json", {
      model_type: "llama",
      hidden_size: 64,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      intermediate_size: 64,
      vocab_size: 100,
      max_position_embeddings: 128,
      quantization_config: { quant_method: "bitsandbytes" },
    });
    const e = errorOf(() => loadHfConfig(file, "b"));
    expect(e.message).toMatch(/quantization_config\.quant_method: unsupported quantization/);
  });

  it("an unknown model name lists the shipped configs", () => {
    const e = errorOf(() => resolveModel("qwen3-8b"));
    expect(e.message).toMatch(/hf:Qwen\/Qwen3-8B/);
  });
});
