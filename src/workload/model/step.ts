/** What a step builder returns, and totals over an op list. */
import type { Op } from "../../hardware/op.js";

/**
 * One step (iteration) of a tensor-parallel group. `ops` is ONE GPU's share, in execution order;
 * ops repeated per layer appear once with `count` = layers. Every one of the `gpus` GPUs runs the
 * same ops, so a step's energy is the per-GPU energy times `gpus`.
 */
export interface StepOps {
  ops: Op[];
  /** GPUs running `ops` in lockstep (the tensor-parallel degree). */
  gpus: number;
  /** Tokens through the linear layers: every sequence's new tokens, concatenated. */
  tokens: number;
  /** Tokens whose logits the LM head computes (0 when `layers` was given). */
  logitsTokens: number;
  /** Transformer layers included. */
  layers: number;
  /** Whether the embedding and LM head are included (false when `layers` was given). */
  fullModel: boolean;
}

export interface StepTotals {
  flops: number;
  bytes: number;
  linkBytes: number;
}

/** Sums over ops, each weighted by its `count` (default 1). */
export function stepTotals(ops: readonly Op[]): StepTotals {
  let flops = 0;
  let bytes = 0;
  let linkBytes = 0;
  for (const op of ops) {
    const n = op.count ?? 1;
    flops += op.flops * n;
    bytes += op.bytes * n;
    linkBytes += (op.linkBytes ?? 0) * n;
  }
  return { flops, bytes, linkBytes };
}
