/**
 * A decoder-only transformer's shape, and the counts that follow from it alone (parameters, KV
 * cache bytes per token).
 */
import { badValue } from "../../input/input-error.js";
import type { Dtype } from "../../hardware/op.js";
import { bytesOf } from "./dtype.js";
import { checkPositiveInteger } from "./validate.js";

export interface TransformerShape {
  name: string;
  layers: number;
  /** Model (residual stream) width. */
  hidden: number;
  /** Query heads. */
  heads: number;
  /** Key/value heads (= heads for MHA, fewer for GQA/MQA); must divide heads. */
  kvHeads: number;
  headDim: number;
  /** MLP inner width. */
  ffn: number;
  vocab: number;
  maxContext: number;
  /** Weights, activations and KV cache are all stored in this format. */
  dtype: Dtype;
  /** swiglu: gate, up and down matrices; gelu: up and down. */
  mlp: "swiglu" | "gelu";
  /** The LM head reuses the input embedding matrix. */
  tiedEmbeddings: boolean;
  norm: "rmsnorm" | "layernorm";
  positional: "rope" | "learned" | "alibi";
}

/** Throws an InputError naming the first field that cannot describe a transformer. */
export function validateShape(shape: TransformerShape): TransformerShape {
  for (const field of [
    "layers",
    "hidden",
    "heads",
    "kvHeads",
    "headDim",
    "ffn",
    "vocab",
    "maxContext",
  ] as const) {
    checkPositiveInteger(field, shape[field]);
  }
  if (shape.heads % shape.kvHeads !== 0) {
    throw badValue(
      "kvHeads",
      `must divide heads (${shape.heads}), got ${shape.kvHeads} in model "${shape.name}"`,
    );
  }
  return shape;
}

/**
 * Parameters by part. Convention: layernorm models (GPT-3, BLOOM) carry a bias on every linear
 * layer and a gain and bias on every norm; rmsnorm models (Llama) have no biases and a gain only.
 * BLOOM's extra embedding layernorm (2 x hidden) is not counted.
 */
export interface ParameterBreakdown {
  /** Input token embedding (vocab x hidden). */
  embedding: number;
  /** Learned position embedding (maxContext x hidden); 0 for rope and alibi. */
  positional: number;
  /** q, k, v, o projections of one layer (GQA: k and v have kvHeads x headDim outputs). */
  attentionPerLayer: number;
  mlpPerLayer: number;
  /** The two norms of one layer. */
  normsPerLayer: number;
  /** attention + mlp + norms of one layer. */
  perLayer: number;
  finalNorm: number;
  /** Output projection (hidden x vocab); 0 when tied to the embedding. */
  lmHead: number;
  total: number;
}

export function parameterBreakdown(shape: TransformerShape): ParameterBreakdown {
  validateShape(shape);
  const { hidden: h, heads, kvHeads, headDim: d, ffn, vocab } = shape;
  const bias = shape.norm === "layernorm" ? 1 : 0;
  const qOut = heads * d;
  const kvOut = kvHeads * d;
  const attentionPerLayer = h * (qOut + 2 * kvOut) + qOut * h + bias * (qOut + 2 * kvOut + h);
  const mlpPerLayer =
    shape.mlp === "swiglu" ? 3 * h * ffn + bias * (2 * ffn + h) : 2 * h * ffn + bias * (ffn + h);
  const normSize = shape.norm === "layernorm" ? 2 * h : h;
  const normsPerLayer = 2 * normSize;
  const perLayer = attentionPerLayer + mlpPerLayer + normsPerLayer;
  const embedding = vocab * h;
  const positional = shape.positional === "learned" ? shape.maxContext * h : 0;
  const lmHead = shape.tiedEmbeddings ? 0 : vocab * h;
  const total = embedding + positional + shape.layers * perLayer + normSize + lmHead;
  return {
    embedding,
    positional,
    attentionPerLayer,
    mlpPerLayer,
    normsPerLayer,
    perLayer,
    finalNorm: normSize,
    lmHead,
    total,
  };
}

export function parameterCount(shape: TransformerShape): number {
  return parameterBreakdown(shape).total;
}

/** KV cache bytes one token occupies across all layers: K and V, kvHeads x headDim each. */
export function kvBytesPerToken(shape: TransformerShape): number {
  return 2 * shape.layers * shape.kvHeads * shape.headDim * bytesOf(shape.dtype);
}
