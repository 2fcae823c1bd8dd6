/**
 * A Hugging Face `config.json` read as a TransformerShape, for the families whose fields we know:
 * Llama, Mistral, Qwen2, Qwen3, Qwen3-MoE, Mixtral, DeepSeek-V3 (MLA + MoE), GPT-2, GPT-NeoX.
 * The file is parsed with positions (JSON is YAML), checked against its family's schema, and
 * every problem names the field with file:line:col. No network: the file is a local path.
 */
import type { Dtype } from "../../hardware/op.js";
import { InputError } from "../../input/input-error.js";
import { loadYamlFile, type LoadedYaml } from "../../input/load-yaml.js";
import { validateWithSchema } from "../../input/schema-errors.js";
import type { WeightDtype } from "./dtype.js";
import { HF_FAMILY_SCHEMAS, type HfFamily } from "./hf-config-schema.js";
import { validateShape, type TransformerShape } from "./transformer.js";

type Config = Record<string, unknown>;

/** Read `file` (display name `displayName`) as a model shape named `name`. */
export function loadHfConfig(
  file: string,
  name: string,
  displayName: string = file,
): TransformerShape {
  return hfConfigShape(loadYamlFile(file, undefined, displayName), name);
}

export function hfConfigShape(loaded: LoadedYaml, name: string): TransformerShape {
  const c = loaded.value as Config;
  if (typeof c !== "object" || c === null || Array.isArray(c))
    throw loaded.errorAt([], "a config.json must be a JSON object", "SCHEMA");
  const family = c["model_type"];
  if (typeof family !== "string" || !(family in HF_FAMILY_SCHEMAS)) {
    const known = Object.keys(HF_FAMILY_SCHEMAS).join(", ");
    throw loaded.errorAt(
      family === undefined ? [] : ["model_type"],
      family === undefined
        ? `must have required property 'model_type' (one of: ${known})`
        : `unknown architecture '${String(family)}' (supported model_type: ${known})`,
      "SCHEMA",
    );
  }
  const errors = validateWithSchema(c, HF_FAMILY_SCHEMAS[family as HfFamily], (p, o) =>
    loaded.locate(p, o),
  );
  if (errors.length > 0) throw InputError.combine(errors);
  const shape = shapeOf(family as HfFamily, c, name, loaded);
  try {
    return validateShape(shape);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw loaded.errorAt([], e.message, "VALUE");
  }
}

const num = (c: Config, key: string): number => c[key] as number;
const opt = <T>(c: Config, key: string, fallback: T): T =>
  c[key] === undefined || c[key] === null ? fallback : (c[key] as T);

function shapeOf(family: HfFamily, c: Config, name: string, loaded: LoadedYaml): TransformerShape {
  const dtype = dtypeOf(c);
  const weightDtype = quantizedWeights(c, loaded);
  const common = { name, dtype, ...(weightDtype === undefined ? {} : { weightDtype }) };
  if (family === "gpt2") {
    const h = num(c, "n_embd");
    return {
      ...common,
      layers: num(c, "n_layer"),
      hidden: h,
      heads: num(c, "n_head"),
      kvHeads: num(c, "n_head"),
      headDim: h / num(c, "n_head"),
      ffn: opt(c, "n_inner", 4 * h),
      vocab: num(c, "vocab_size"),
      maxContext: num(c, "n_positions"),
      mlp: "gelu",
      tiedEmbeddings: opt(c, "tie_word_embeddings", true),
      norm: "layernorm",
      positional: "learned",
    };
  }
  const h = num(c, "hidden_size");
  const heads = num(c, "num_attention_heads");
  const base = {
    ...common,
    layers: num(c, "num_hidden_layers"),
    hidden: h,
    heads,
    kvHeads: opt(c, "num_key_value_heads", heads),
    headDim: opt(c, "head_dim", h / heads),
    ffn: num(c, "intermediate_size"),
    vocab: num(c, "vocab_size"),
    maxContext: num(c, "max_position_embeddings"),
    tiedEmbeddings: opt(c, "tie_word_embeddings", false),
    positional: "rope" as const,
  };
  if (family === "gpt_neox") {
    // Biases on every linear layer and layernorm gains and biases: the layernorm convention.
    return { ...base, mlp: "gelu", norm: "layernorm" };
  }
  const llamaLike = { ...base, mlp: "swiglu" as const, norm: "rmsnorm" as const };
  switch (family) {
    case "llama":
    case "mistral":
      return { ...llamaLike, qkvBias: opt(c, "attention_bias", false) };
    case "qwen2":
      // Qwen2 always has q, k, v biases (no flag in its config).
      return { ...llamaLike, qkvBias: true };
    case "qwen3":
      return { ...llamaLike, qkvBias: opt(c, "attention_bias", false), qkNorm: true };
    case "mixtral":
      return {
        ...llamaLike,
        moe: {
          experts: num(c, "num_local_experts"),
          expertsPerToken: num(c, "num_experts_per_tok"),
          sharedExperts: 0,
          expertFfn: num(c, "intermediate_size"),
          denseLayers: 0,
        },
      };
    case "qwen3_moe":
      return {
        ...llamaLike,
        qkNorm: true,
        moe: {
          experts: num(c, "num_experts"),
          expertsPerToken: num(c, "num_experts_per_tok"),
          sharedExperts: 0,
          expertFfn: num(c, "moe_intermediate_size"),
          denseLayers: 0,
        },
      };
    case "deepseek_v3": {
      const mla = {
        qLoraRank: opt(c, "q_lora_rank", 0),
        kvLoraRank: num(c, "kv_lora_rank"),
        qkNopeHeadDim: num(c, "qk_nope_head_dim"),
        qkRopeHeadDim: num(c, "qk_rope_head_dim"),
        vHeadDim: num(c, "v_head_dim"),
      };
      return {
        ...llamaLike,
        // Every head has its own (decompressed) k and v: kvHeads = heads; headDim is the q/k width.
        kvHeads: heads,
        headDim: mla.qkNopeHeadDim + mla.qkRopeHeadDim,
        mla,
        moe: {
          experts: num(c, "n_routed_experts"),
          expertsPerToken: num(c, "num_experts_per_tok"),
          sharedExperts: opt(c, "n_shared_experts", 0),
          expertFfn: num(c, "moe_intermediate_size"),
          denseLayers: opt(c, "first_k_dense_replace", 0),
        },
      };
    }
  }
}

/**
 * `torch_dtype` (or `dtype`, its name from transformers 4.56). A float32 checkpoint is served in
 * fp16, as vLLM's dtype "auto" does; absent means bf16.
 */
function dtypeOf(c: Config): Dtype {
  const t = (c["torch_dtype"] ?? c["dtype"]) as string | undefined;
  if (t === "float16") return "fp16";
  if (t === "float32") return "fp16";
  return "bf16";
}

/** fp8 (DeepSeek-V3's block-scaled e4m3, vLLM fp8) or 4-bit GPTQ/AWQ weights from the config. */
function quantizedWeights(c: Config, loaded: LoadedYaml): WeightDtype | undefined {
  const q = c["quantization_config"] as Config | undefined | null;
  if (q === undefined || q === null) return undefined;
  const method = q["quant_method"];
  if (method === "fp8") return "fp8";
  if ((method === "gptq" || method === "awq") && q["bits"] === 4) return "int4";
  throw loaded.errorAt(
    ["quantization_config", q["quant_method"] === undefined ? "" : "quant_method"].filter(
      (s) => s !== "",
    ),
    `unsupported quantization '${String(method)}' (supported: fp8, gptq/awq with bits 4)`,
  );
}
