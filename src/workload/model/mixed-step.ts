/**
 * A continuous-batching iteration with chunked prefill (vLLM style): prefill chunks and decode
 * sequences share one pass through the linear layers; attention is priced per sequence.
 */
import type { AttentionChunk, DecodeKernel } from "./attention.js";
import type { StepOps } from "./step.js";
import { buildStep } from "./step-builder.js";
import type { TransformerShape } from "./transformer.js";
import { checkContext, checkNonNegativeInteger, checkPositiveInteger } from "./validate.js";

export interface PrefillChunk {
  /** New prompt tokens this step processes for the sequence. */
  tokens: number;
  /** Tokens of the sequence already in the KV cache (earlier chunks); default 0. */
  contextTokens?: number;
  /** This chunk ends the prompt, so the step samples the first output token; default true. */
  finishing?: boolean;
}

export interface MixedStepOptions {
  prefill?: readonly PrefillChunk[];
  /** For each decoding sequence, the KV cache length its new token attends to. */
  decodeContexts?: readonly number[];
  /** Tensor-parallel degree; default 1. */
  tp?: number;
  /** Only the first n layers, without embedding and LM head. */
  layers?: number;
  /** The decode attention kernel (a serving engine's; default ideal). */
  decodeKernel?: DecodeKernel;
}

export function mixedStepOps(shape: TransformerShape, options: MixedStepOptions): StepOps {
  const chunks: AttentionChunk[] = [];
  let logitsTokens = 0;
  (options.prefill ?? []).forEach((chunk, i) => {
    const newTokens = checkPositiveInteger(`prefill[${i}].tokens`, chunk.tokens);
    const contextTokens = checkNonNegativeInteger(
      `prefill[${i}].contextTokens`,
      chunk.contextTokens ?? 0,
    );
    checkContext(
      `prefill[${i}].tokens + contextTokens`,
      newTokens + contextTokens,
      shape.maxContext,
    );
    chunks.push({ newTokens, contextTokens });
    if (chunk.finishing ?? true) logitsTokens += 1;
  });
  const decode = (options.decodeContexts ?? []).map((context, i) => {
    checkPositiveInteger(`decodeContexts[${i}]`, context);
    checkContext(`decodeContexts[${i}]`, context, shape.maxContext);
    return { contextTokens: context, sequences: 1 };
  });
  logitsTokens += decode.length;
  return buildStep(shape, {
    chunks,
    decode,
    logitsTokens,
    tp: options.tp,
    layers: options.layers,
    decodeKernel: options.decodeKernel,
  });
}
