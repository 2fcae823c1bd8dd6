/**
 * The shared core of prefill, decode and mixed steps: embedding, the layers over every new token
 * concatenated, per-sequence attention, and the LM head for the tokens that emit one. Entries are
 * already validated by the public builders; identical sequences are weighted, not repeated, so a
 * batch of a million costs nothing.
 */
import { badValue } from "../../input/input-error.js";
import type { Op } from "../../hardware/op.js";
import {
  decodeAttentionOp,
  prefillAttentionOp,
  type AttentionChunk,
  type AttentionDims,
  type DecodeGroup,
  type DecodeKernel,
} from "./attention.js";
import { attentionDimsOf } from "./attention-dims.js";
import { layerForwardOps } from "./layer-ops.js";
import { embeddingOps, lmHeadOps } from "./model-ends.js";
import type { StepOps } from "./step.js";
import { shardOf } from "./tensor-parallel.js";
import { validateShape, type TransformerShape } from "./transformer.js";
import { checkLayers } from "./validate.js";

export interface StepPlan {
  chunks: readonly AttentionChunk[];
  decode: readonly DecodeGroup[];
  /** Sequences that emit a token this step (finishing prefill chunks plus decodes). */
  logitsTokens: number;
  tp?: number;
  layers?: number;
  /** The decode attention kernel (default: ideal). */
  decodeKernel?: DecodeKernel;
}

export function buildStep(shape: TransformerShape, plan: StepPlan): StepOps {
  validateShape(shape);
  const shard = shardOf(shape, plan.tp ?? 1);
  const fullModel = plan.layers === undefined;
  const layers = fullModel ? shape.layers : checkLayers(plan.layers, shape.layers);
  let tokens = 0;
  for (const c of plan.chunks) tokens += c.newTokens * (c.sequences ?? 1);
  for (const d of plan.decode) tokens += d.sequences;
  if (tokens === 0)
    throw badValue("decodeContexts", "prefill and decodeContexts must not both be empty");

  const dims: AttentionDims = attentionDimsOf(shape, shard, true);
  // Separate ops: the prefill part is compute-bound and the decode part memory-bound.
  const attention: Op[] = [];
  if (plan.chunks.length > 0) {
    attention.push(prefillAttentionOp("layer.attention.prefill", dims, plan.chunks, layers));
  }
  if (plan.decode.length > 0) {
    attention.push(
      decodeAttentionOp("layer.attention.decode", dims, plan.decode, layers, plan.decodeKernel),
    );
  }

  const ops = [
    ...(fullModel ? embeddingOps(shape, shard, tokens) : []),
    ...layerForwardOps({ shape, shard, tokens, attention, kvWrite: true, count: layers }),
    ...(fullModel ? lmHeadOps(shape, shard, tokens, plan.logitsTokens) : []),
  ];
  return {
    ops,
    gpus: shard.tp,
    tokens,
    logitsTokens: fullModel ? plan.logitsTokens : 0,
    layers,
    fullModel,
  };
}
