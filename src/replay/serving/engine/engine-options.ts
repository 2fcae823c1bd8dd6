/**
 * The serving engine's knobs (vLLM names, camel-cased) with their defaults filled in and checked.
 * Bad values are InputErrors (code VALUE) naming the field, so the CLI exits 2 with a message.
 */
import { InputError } from "../../../input/input-error.js";
import type { TransformerShape } from "../../../workload/model/transformer.js";
import type { Request } from "../../../workload/serving/request.js";
import type { EngineProfile } from "../engine-profile/engine-profile.js";
import { loadEngineProfile } from "../engine-profile/load-engine-profile.js";
import {
  resolveSpeculation,
  type ResolvedSpeculation,
  type SpeculativeOptions,
} from "./speculation.js";

export interface EngineOptions {
  /** Most sequences in one iteration (vLLM max_num_seqs). Default 256. */
  maxNumSeqs?: number;
  /**
   * Token budget of one iteration (max_num_batched_tokens). Default 8192 with chunked prefill;
   * without it, max(8192, maxModelLen) so any prompt fits whole (as vLLM defaults it).
   */
  maxNumBatchedTokens?: number;
  /** Split long prompts across iterations (vLLM V1 behaviour). Default true. */
  chunkedPrefill?: boolean;
  /** Tokens per KV block. Default 16. */
  blockTokens?: number;
  /** Share of each GPU's memory the engine may use (gpu_memory_utilization). Default 0.9. */
  gpuMemoryUtilization?: number;
  /**
   * Per-GPU memory held back for activations, CUDA graphs and the CUDA context (bytes).
   * Default 2 GiB: vLLM's profiling run for an 8B model at 8192 batched tokens peaks at ~1-1.5 GiB
   * of activations, plus ~0.5 GiB outside PyTorch (assumption, order of vLLM's startup logs).
   */
  activationReserveBytes?: number;
  /** Longest sequence (prompt + output) the engine accepts (max_model_len). Default the model's. */
  maxModelLen?: number;
  /**
   * The engine and version whose costs apply (host time, decode attention kernel): a name in
   * engine-profiles/ (`vllm-0.11`) or a path to a YAML file, or a loaded profile. Default
   * `vllm-0.11`.
   */
  profile?: string | EngineProfile;
  /** Speculative decoding (speculation.ts); absent: one token per decode step. */
  speculative?: SpeculativeOptions;
}

export interface ResolvedEngine {
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
  chunkedPrefill: boolean;
  blockTokens: number;
  gpuMemoryUtilization: number;
  activationReserveBytes: number;
  maxModelLen: number;
  profile: EngineProfile;
  speculative?: ResolvedSpeculation;
}

export const DEFAULT_MAX_NUM_SEQS = 256;
export const DEFAULT_BATCHED_TOKENS = 8192;
export const DEFAULT_ENGINE_PROFILE = "vllm-0.11";
const GIB = 2 ** 30;

function bad(path: string, detail: string): InputError {
  return new InputError(detail, { code: "VALUE", path });
}

function positiveInt(path: string, v: number): number {
  if (!Number.isSafeInteger(v) || v <= 0) throw bad(path, `must be a positive integer, got ${v}`);
  return v;
}

function nonNegative(path: string, v: number): number {
  if (!(v >= 0 && v < Infinity)) throw bad(path, `must be a finite number >= 0, got ${v}`);
  return v;
}

export function resolveEngine(shape: TransformerShape, o: EngineOptions = {}): ResolvedEngine {
  const chunkedPrefill = o.chunkedPrefill ?? true;
  const maxModelLen = positiveInt("maxModelLen", o.maxModelLen ?? shape.maxContext);
  if (maxModelLen > shape.maxContext) {
    throw bad(
      "maxModelLen",
      `must be <= ${shape.name}'s context (${shape.maxContext}), got ${maxModelLen}`,
    );
  }
  const maxNumSeqs = positiveInt("maxNumSeqs", o.maxNumSeqs ?? DEFAULT_MAX_NUM_SEQS);
  const budgetDefault = chunkedPrefill
    ? DEFAULT_BATCHED_TOKENS
    : Math.max(DEFAULT_BATCHED_TOKENS, maxModelLen);
  const maxNumBatchedTokens = positiveInt(
    "maxNumBatchedTokens",
    o.maxNumBatchedTokens ?? budgetDefault,
  );
  // vLLM refuses this too: some running sequences could never get their decode token.
  if (maxNumBatchedTokens < maxNumSeqs) {
    throw bad(
      "maxNumBatchedTokens",
      `must be >= maxNumSeqs (${maxNumSeqs}), got ${maxNumBatchedTokens}`,
    );
  }
  const util = o.gpuMemoryUtilization ?? 0.9;
  if (!(util > 0 && util <= 1)) throw bad("gpuMemoryUtilization", `must be in (0, 1], got ${util}`);
  const p = o.profile ?? DEFAULT_ENGINE_PROFILE;
  const profile = typeof p === "string" ? loadEngineProfile(p) : p;
  return {
    maxNumSeqs,
    maxNumBatchedTokens,
    chunkedPrefill,
    blockTokens: positiveInt("blockTokens", o.blockTokens ?? 16),
    gpuMemoryUtilization: util,
    activationReserveBytes: nonNegative(
      "activationReserveBytes",
      o.activationReserveBytes ?? 2 * GIB,
    ),
    maxModelLen,
    profile,
    ...(o.speculative === undefined
      ? {}
      : { speculative: resolveSpeculation(shape, o.speculative) }),
  };
}

/**
 * A request the engine can serve: at least one token in and out, within maxModelLen, and
 * (without chunked prefill) small enough to prefill whole, recompute after preemption included.
 * Callers check a trace up front, since a throw inside an event handler is wrapped.
 */
export function checkRequest(engine: ResolvedEngine, request: Request): void {
  const { maxModelLen, chunkedPrefill, maxNumBatchedTokens } = engine;
  const len = request.inputTokens + request.outputTokens;
  const path = `requests[${request.id}]`;
  if (!(Number.isSafeInteger(request.inputTokens) && request.inputTokens >= 1))
    throw new InputError(`inputTokens must be a positive integer, got ${request.inputTokens}`, {
      code: "VALUE",
      path,
    });
  if (!(Number.isSafeInteger(request.outputTokens) && request.outputTokens >= 1))
    throw new InputError(`outputTokens must be a positive integer, got ${request.outputTokens}`, {
      code: "VALUE",
      path,
    });
  if (len > maxModelLen)
    throw new InputError(`prompt + output = ${len} tokens exceeds maxModelLen ${maxModelLen}`, {
      code: "VALUE",
      path,
    });
  if (!chunkedPrefill && len > maxNumBatchedTokens)
    throw new InputError(
      `${len} tokens cannot be prefilled whole (recompute included) within ` +
        `maxNumBatchedTokens ${maxNumBatchedTokens} without chunked prefill`,
      { code: "VALUE", path },
    );
}
