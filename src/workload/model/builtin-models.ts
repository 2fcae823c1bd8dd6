/** Published model shapes that scenarios can name instead of spelling out. */
import type { TransformerShape } from "./transformer.js";

const LLAMA3 = {
  vocab: 128256,
  maxContext: 131072,
  dtype: "bf16",
  mlp: "swiglu",
  tiedEmbeddings: false,
  norm: "rmsnorm",
  positional: "rope",
} as const;

const BUILTIN: readonly TransformerShape[] = [
  // Llama-3.1-8B (config.json of meta-llama/Llama-3.1-8B): 8.03e9 parameters.
  {
    ...LLAMA3,
    name: "llama3-8b",
    layers: 32,
    hidden: 4096,
    heads: 32,
    kvHeads: 8,
    headDim: 128,
    ffn: 14336,
  },
  // Llama-3.1-70B: 70.6e9 parameters.
  {
    ...LLAMA3,
    name: "llama3-70b",
    layers: 80,
    hidden: 8192,
    heads: 64,
    kvHeads: 8,
    headDim: 128,
    ffn: 28672,
  },
  // GPT-3 175B (Brown et al. 2020, table 2.1): ~174.6e9 parameters.
  {
    name: "gpt3-175b",
    layers: 96,
    hidden: 12288,
    heads: 96,
    kvHeads: 96,
    headDim: 128,
    ffn: 49152,
    vocab: 50257,
    maxContext: 2048,
    dtype: "bf16",
    mlp: "gelu",
    tiedEmbeddings: true,
    norm: "layernorm",
    positional: "learned",
  },
  // BLOOM 176B (bigscience/bloom config.json): ~176.2e9 parameters.
  {
    name: "bloom-176b",
    layers: 70,
    hidden: 14336,
    heads: 112,
    kvHeads: 112,
    headDim: 128,
    ffn: 57344,
    vocab: 250880,
    maxContext: 2048,
    dtype: "bf16",
    mlp: "gelu",
    tiedEmbeddings: true,
    norm: "layernorm",
    positional: "alibi",
  },
];

const BY_NAME = new Map(BUILTIN.map((shape) => [shape.name, shape]));

export function modelNames(): string[] {
  return BUILTIN.map((shape) => shape.name);
}

/** A copy of the named built-in shape; throws listing the known names for an unknown one. */
export function getModel(name: string): TransformerShape {
  const shape = BY_NAME.get(name);
  if (shape === undefined) {
    throw new Error(`unknown model "${name}"; known models: ${modelNames().join(", ")}`);
  }
  return { ...shape };
}
