/**
 * A decoder-only transformer's shape, and the counts that follow from it alone (parameters, KV
 * cache bytes per token).
 */
import { badValue } from "../../input/input-error.js";
import type { Dtype } from "../../hardware/op.js";
import { bytesOf, weightBytesOf, type WeightDtype } from "./dtype.js";
import { checkNonNegativeInteger, checkPositiveInteger } from "./validate.js";

/**
 * Mixture-of-experts MLP (Mixtral, Qwen3-MoE, DeepSeek-V3): after the first `denseLayers` layers
 * (which keep a dense MLP of width `ffn`), every layer's MLP is a router over `experts` SwiGLU
 * experts of width `expertFfn`, of which each token uses `expertsPerToken`, plus `sharedExperts`
 * always-on experts of the same width.
 */
export interface MoeShape {
  experts: number;
  expertsPerToken: number;
  sharedExperts: number;
  expertFfn: number;
  denseLayers: number;
  /** Routing skew: Zipf exponent of expert popularity (moe-routing.ts); default 0, uniform. */
  routingZipfExponent?: number;
  /**
   * Expert parallelism over the tensor-parallel group: each GPU holds experts/tp whole experts,
   * takes 1/tp of the step's tokens, and all-to-alls them to the experts' owners and back
   * (layer-ops.ts); default false (every GPU holds every expert, split over TP).
   */
  expertParallel?: boolean;
}

/**
 * Multi-head latent attention (DeepSeek-V2/V3): queries through an optional low-rank `qLoraRank`
 * (0 = a full projection), keys and values cached as one `kvLoraRank` latent plus one shared
 * `qkRopeHeadDim` rope key per token; per head, query/key width qkNopeHeadDim + qkRopeHeadDim and
 * value width vHeadDim.
 */
export interface MlaShape {
  qLoraRank: number;
  kvLoraRank: number;
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
}

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
  /** Linear-layer weights stored in this format (fp8 W8A8, int4 weight-only); default `dtype`. */
  weightDtype?: WeightDtype;
  /** KV cache stored in this format; default `dtype`. */
  kvDtype?: Dtype;
  /** Bias on the q, k and v projections only (Qwen2 on an rmsnorm model); default false. */
  qkvBias?: boolean;
  /** A per-head rmsnorm on queries and keys (Qwen3: 2 x headDim gains per layer); default false. */
  qkNorm?: boolean;
  /** Mixture-of-experts MLP; absent for a dense model. */
  moe?: MoeShape;
  /** Multi-head latent attention in place of MHA/GQA; absent for MHA/GQA. */
  mla?: MlaShape;
}

/** The format linear-layer weights are stored in. */
export function weightDtypeOf(shape: TransformerShape): WeightDtype {
  return shape.weightDtype ?? shape.dtype;
}

/** The format the KV cache is stored in. */
export function kvDtypeOf(shape: TransformerShape): Dtype {
  return shape.kvDtype ?? shape.dtype;
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
  if (shape.moe !== undefined) {
    const m = shape.moe;
    for (const f of ["experts", "expertsPerToken", "expertFfn"] as const)
      checkPositiveInteger(`moe.${f}`, m[f]);
    checkNonNegativeInteger("moe.sharedExperts", m.sharedExperts);
    checkNonNegativeInteger("moe.denseLayers", m.denseLayers);
    const z = m.routingZipfExponent ?? 0;
    if (!(z >= 0 && Number.isFinite(z)))
      throw badValue("moe.routingZipfExponent", `must be a finite number >= 0, got ${z}`);
    if (m.expertsPerToken > m.experts)
      throw badValue("moe.expertsPerToken", `must be <= experts (${m.experts})`);
    if (m.denseLayers > shape.layers)
      throw badValue("moe.denseLayers", `must be <= layers (${shape.layers})`);
  }
  if (shape.mla !== undefined) {
    for (const f of ["kvLoraRank", "qkNopeHeadDim", "qkRopeHeadDim", "vHeadDim"] as const)
      checkPositiveInteger(`mla.${f}`, shape.mla[f]);
    checkNonNegativeInteger("mla.qLoraRank", shape.mla.qLoraRank);
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
  /** Dense MLP of one layer (the dense layers of an MoE model). */
  mlpPerLayer: number;
  /** Every expert, shared expert and the router of one MoE layer; 0 for a dense model. */
  moePerLayer: number;
  /** The routed experts of one MoE layer a token does not use (in total, not in active). */
  inactivePerMoeLayer: number;
  /** Layers with a dense MLP (all of them for a dense model). */
  denseLayers: number;
  /** The two norms of one layer. */
  normsPerLayer: number;
  /** attention + mlp + norms of one dense layer. */
  perLayer: number;
  finalNorm: number;
  /** Output projection (hidden x vocab); 0 when tied to the embedding. */
  lmHead: number;
  total: number;
  /**
   * Parameters one token's forward pass uses: its input-embedding row counted as the whole table,
   * every attention and norm, the router, the shared experts and its top-k routed experts, the LM
   * head; i.e. total less the routed experts it is not sent to. This is the convention of the
   * vendors' own totals: Mixtral's 12.9B and Qwen's "3.3B activated" both count the embedding and
   * the LM head (Qwen's separate "non-embedding" figure drops both; see nonEmbedding).
   */
  active: number;
  /** total less the input embedding, position table and LM head (Qwen's "non-embedding"). */
  nonEmbedding: number;
  /** active less the input embedding, position table and LM head. */
  activeNonEmbedding: number;
}

export function parameterBreakdown(shape: TransformerShape): ParameterBreakdown {
  validateShape(shape);
  const { hidden: h, ffn, vocab } = shape;
  const bias = shape.norm === "layernorm" ? 1 : 0;
  const attentionPerLayer = attentionParams(shape);
  const mlpPerLayer =
    shape.mlp === "swiglu" ? 3 * h * ffn + bias * (2 * ffn + h) : 2 * h * ffn + bias * (ffn + h);
  const normSize = shape.norm === "layernorm" ? 2 * h : h;
  const normsPerLayer = 2 * normSize;
  const perLayer = attentionPerLayer + mlpPerLayer + normsPerLayer;
  const embedding = vocab * h;
  const positional = shape.positional === "learned" ? shape.maxContext * h : 0;
  const lmHead = shape.tiedEmbeddings ? 0 : vocab * h;
  const moe = shape.moe;
  const denseLayers = moe === undefined ? shape.layers : moe.denseLayers;
  const moeLayers = shape.layers - denseLayers;
  // SwiGLU experts (every MoE family we read), no biases; the router is a hidden x experts matrix.
  const expert = moe === undefined ? 0 : 3 * h * moe.expertFfn;
  const moePerLayer =
    moe === undefined ? 0 : (moe.experts + moe.sharedExperts) * expert + h * moe.experts;
  const inactivePerMoeLayer = moe === undefined ? 0 : (moe.experts - moe.expertsPerToken) * expert;
  const moeLayer = attentionPerLayer + moePerLayer + normsPerLayer;
  const total =
    embedding + positional + denseLayers * perLayer + moeLayers * moeLayer + normSize + lmHead;
  const active = total - moeLayers * inactivePerMoeLayer;
  const embeddings = embedding + positional + lmHead;
  return {
    embedding,
    positional,
    attentionPerLayer,
    mlpPerLayer,
    moePerLayer,
    inactivePerMoeLayer,
    denseLayers,
    normsPerLayer,
    perLayer,
    finalNorm: normSize,
    lmHead,
    total,
    active,
    nonEmbedding: total - embeddings,
    activeNonEmbedding: active - embeddings,
  };
}

/**
 * One layer's MLA parameters with `heads` query heads (all of them, or one GPU's share): q_a and
 * kv_a with their latent norms do not depend on the heads (replicated under TP, as vLLM lays out
 * DeepSeek-V3); q_b, kv_b and o scale with them.
 */
export function mlaParams(hidden: number, mla: MlaShape, heads: number): number {
  const qkHead = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
  const q =
    mla.qLoraRank > 0
      ? hidden * mla.qLoraRank + mla.qLoraRank + mla.qLoraRank * heads * qkHead
      : hidden * heads * qkHead;
  const kv =
    hidden * (mla.kvLoraRank + mla.qkRopeHeadDim) +
    mla.kvLoraRank +
    mla.kvLoraRank * heads * (mla.qkNopeHeadDim + mla.vHeadDim);
  return q + kv + heads * mla.vHeadDim * hidden;
}

/**
 * One layer's attention parameters. MHA/GQA: q, k, v, o (plus biases: all four on layernorm
 * models, q/k/v with `qkvBias`) and Qwen3's q/k norm gains. MLA: q_a (hidden x qLoraRank) + its
 * norm + q_b (qLoraRank x heads x (nope + rope)), or one q projection without a q rank;
 * kv_a (hidden x (kvLoraRank + rope)) + its norm + kv_b (kvLoraRank x heads x (nope + v));
 * o (heads x v x hidden).
 */
function attentionParams(shape: TransformerShape): number {
  const { hidden: h, heads } = shape;
  const mla = shape.mla;
  if (mla !== undefined) return mlaParams(h, mla, heads);
  const d = shape.headDim;
  const bias = shape.norm === "layernorm" ? 1 : 0;
  const qOut = heads * d;
  const kvOut = shape.kvHeads * d;
  const qkv = shape.qkvBias === true ? qOut + 2 * kvOut : 0;
  const qkNorm = shape.qkNorm === true ? 2 * d : 0;
  return h * (qOut + 2 * kvOut) + qOut * h + bias * (qOut + 2 * kvOut + h) + qkv + qkNorm;
}

export function parameterCount(shape: TransformerShape): number {
  return parameterBreakdown(shape).total;
}

/**
 * KV cache bytes one token occupies across all layers, in the cache's format. MHA/GQA: K and V,
 * kvHeads x headDim each. MLA: the compressed latent (kvLoraRank) and the shared rope key
 * (qkRopeHeadDim), as vLLM and SGLang cache them.
 */
export function kvBytesPerToken(shape: TransformerShape): number {
  return shape.layers * kvElementsPerTokenPerLayer(shape) * bytesOf(kvDtypeOf(shape));
}

/** KV cache elements one token holds in one layer (all heads, before any tensor-parallel split). */
export function kvElementsPerTokenPerLayer(shape: TransformerShape): number {
  if (shape.mla !== undefined) return shape.mla.kvLoraRank + shape.mla.qkRopeHeadDim;
  return 2 * shape.kvHeads * shape.headDim;
}

/** Bytes of the weights: linear layers in the weight format, the rest in the model's. */
export function weightBytes(shape: TransformerShape): number {
  const p = parameterBreakdown(shape);
  const h = shape.hidden;
  const normSize = shape.norm === "layernorm" ? 2 * h : h;
  // Embedding, position table, norms and LM head stay in the model dtype (vLLM's fp8 and int4
  // schemes quantize the decoder's linear layers only).
  const unquantized =
    p.embedding + p.positional + p.lmHead + p.finalNorm + shape.layers * 2 * normSize;
  return (
    unquantized * bytesOf(shape.dtype) +
    (p.total - unquantized) * weightBytesOf(weightDtypeOf(shape))
  );
}
