/**
 * JSON Schemas of the Hugging Face config.json fields each supported family must carry. Other
 * fields are allowed (configs carry many that do not change the shape); the ones read here must
 * have the right type, and a missing required one is reported by name.
 */

// No size of a published model is above ~1e7 (context windows); 1e8 bounds every one of them
// so a hostile config cannot ask for an astronomical tensor (input/limits.ts: seqTokens).
const posInt = { type: "integer", minimum: 1, maximum: 100_000_000 } as const;
const nonNegInt = { type: "integer", minimum: 0, maximum: 100_000_000 } as const;
const optPosInt = { anyOf: [posInt, { type: "null" }] } as const;
const bool = { type: "boolean" } as const;
const dtype = { enum: ["bfloat16", "float16", "float32"] } as const;
const swiglu = { enum: ["silu"], "x-message": "must be 'silu' (a SwiGLU MLP)" } as const;

const decoderCommon = {
  hidden_size: posInt,
  num_hidden_layers: posInt,
  num_attention_heads: posInt,
  num_key_value_heads: posInt,
  head_dim: optPosInt,
  intermediate_size: posInt,
  vocab_size: posInt,
  max_position_embeddings: posInt,
  tie_word_embeddings: bool,
  torch_dtype: dtype,
  dtype,
  quantization_config: { anyOf: [{ type: "object" }, { type: "null" }] },
};
const decoderRequired = [
  "hidden_size",
  "num_hidden_layers",
  "num_attention_heads",
  "intermediate_size",
  "vocab_size",
  "max_position_embeddings",
];

function family(properties: Record<string, unknown>, required: readonly string[]) {
  return {
    type: "object",
    properties: { model_type: { type: "string" }, ...decoderCommon, ...properties },
    required: [...decoderRequired, ...required],
  };
}

const llama = family({ hidden_act: swiglu, attention_bias: bool }, []);

export const HF_FAMILY_SCHEMAS = {
  llama,
  mistral: llama,
  qwen2: family({ hidden_act: swiglu }, []),
  qwen3: family({ hidden_act: swiglu, attention_bias: bool }, []),
  mixtral: family({ hidden_act: swiglu, num_local_experts: posInt, num_experts_per_tok: posInt }, [
    "num_local_experts",
    "num_experts_per_tok",
  ]),
  qwen3_moe: family(
    {
      hidden_act: swiglu,
      num_experts: posInt,
      num_experts_per_tok: posInt,
      moe_intermediate_size: posInt,
      // Dense layers interleaved with MoE ones are not modeled: only the all-MoE layout.
      decoder_sparse_step: { const: 1, "x-message": "only 1 (every layer MoE) is supported" },
      mlp_only_layers: { type: "array", maxItems: 0, "x-message": "must be empty" },
    },
    ["num_experts", "num_experts_per_tok", "moe_intermediate_size"],
  ),
  deepseek_v3: family(
    {
      hidden_act: swiglu,
      n_routed_experts: posInt,
      num_experts_per_tok: posInt,
      n_shared_experts: nonNegInt,
      moe_intermediate_size: posInt,
      first_k_dense_replace: nonNegInt,
      moe_layer_freq: { const: 1, "x-message": "only 1 (every layer after the dense ones MoE)" },
      q_lora_rank: { anyOf: [nonNegInt, { type: "null" }] },
      kv_lora_rank: posInt,
      qk_nope_head_dim: posInt,
      qk_rope_head_dim: posInt,
      v_head_dim: posInt,
    },
    [
      "n_routed_experts",
      "num_experts_per_tok",
      "moe_intermediate_size",
      "kv_lora_rank",
      "qk_nope_head_dim",
      "qk_rope_head_dim",
      "v_head_dim",
    ],
  ),
  gpt_neox: family({ hidden_act: { enum: ["gelu", "gelu_new", "gelu_fast"] } }, []),
  gpt2: {
    type: "object",
    properties: {
      model_type: { type: "string" },
      n_embd: posInt,
      n_layer: posInt,
      n_head: posInt,
      n_inner: optPosInt,
      n_positions: posInt,
      vocab_size: posInt,
      tie_word_embeddings: bool,
      torch_dtype: dtype,
      dtype,
      quantization_config: { anyOf: [{ type: "object" }, { type: "null" }] },
    },
    required: ["n_embd", "n_layer", "n_head", "n_positions", "vocab_size"],
  },
} as const;

export type HfFamily = keyof typeof HF_FAMILY_SCHEMAS;
