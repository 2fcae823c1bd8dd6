/** A decode iteration: one new token per sequence, each reading its own KV cache. */
import { badValue } from "../../input/input-error.js";
import type { DecodeGroup, DecodeKernel } from "./attention.js";
import type { StepOps } from "./step.js";
import { buildStep } from "./step-builder.js";
import type { TransformerShape } from "./transformer.js";
import { checkContext, checkPositiveInteger } from "./validate.js";

/** Each sequence's context (KV cache length attended), or `batch` sequences at one context. */
export type DecodeContexts = readonly number[] | { batch: number; context: number };

export interface DecodeOptions {
  contexts: DecodeContexts;
  /** Tensor-parallel degree; default 1. */
  tp?: number;
  /** Only the first n layers, without embedding and LM head. */
  layers?: number;
  /** The engine's decode attention kernel (engine profile); default the ideal roofline kernel. */
  decodeKernel?: DecodeKernel;
}

function decodeGroups(shape: TransformerShape, contexts: DecodeContexts): DecodeGroup[] {
  if (Array.isArray(contexts)) {
    if (contexts.length === 0) throw badValue("contexts", "must not be empty");
    return contexts.map((context, i) => {
      checkPositiveInteger(`contexts[${i}]`, context);
      checkContext(`contexts[${i}]`, context, shape.maxContext);
      return { contextTokens: context, sequences: 1 };
    });
  }
  const { batch, context } = contexts as { batch: number; context: number };
  checkPositiveInteger("batch", batch);
  checkPositiveInteger("context", context);
  checkContext("context", context, shape.maxContext);
  return [{ contextTokens: context, sequences: batch }];
}

export function decodeOps(shape: TransformerShape, options: DecodeOptions): StepOps {
  const decode = decodeGroups(shape, options.contexts);
  const logitsTokens = decode.reduce((n, d) => n + d.sequences, 0);
  return buildStep(shape, {
    chunks: [],
    decode,
    logitsTokens,
    tp: options.tp,
    layers: options.layers,
    decodeKernel: options.decodeKernel,
  });
}
