/** A prefill step: `batch` prompts (or prompt chunks) of `seqTokens` each, logits for the last. */
import type { StepOps } from "./step.js";
import { buildStep } from "./step-builder.js";
import type { TransformerShape } from "./transformer.js";
import { checkContext, checkNonNegativeInteger, checkPositiveInteger } from "./validate.js";

export interface PrefillOptions {
  batch: number;
  /** New tokens per sequence. */
  seqTokens: number;
  /** Tokens per sequence already in the KV cache (chunked prefill); default 0. */
  contextTokens?: number;
  /** Tensor-parallel degree; default 1. */
  tp?: number;
  /** Only the first n layers, without embedding and LM head. */
  layers?: number;
}

export function prefillOps(shape: TransformerShape, options: PrefillOptions): StepOps {
  // Checked here first so errors name this function's fields.
  const batch = checkPositiveInteger("batch", options.batch);
  const seqTokens = checkPositiveInteger("seqTokens", options.seqTokens);
  const contextTokens = checkNonNegativeInteger("contextTokens", options.contextTokens ?? 0);
  checkContext("seqTokens + contextTokens", seqTokens + contextTokens, shape.maxContext);
  // One weighted entry for the whole batch; mixedStepOps with `batch` equal chunks is the same.
  return buildStep(shape, {
    chunks: [{ newTokens: seqTokens, contextTokens, sequences: batch }],
    decode: [],
    logitsTokens: batch,
    tp: options.tp,
    layers: options.layers,
  });
}
