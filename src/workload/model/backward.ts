/**
 * Backward ops derived from forward ops (no activation recompute):
 *   gemm         dgrad and wgrad each cost what the forward GEMM does (2mnk FLOPs, same bytes),
 *                so the op repeats with count x 2: backward GEMM FLOPs = 2 x forward.
 *   attention    2.5 x forward FLOPs (FlashAttention-2 backward: 5 matmuls against the forward's
 *                2, recomputing QK^T), 2 x bytes (reads Q, K, V, O, dO; writes dQ, dK, dV).
 *   elementwise  2 x FLOPs and 2 x bytes (reads the saved input and the incoming gradient,
 *   and copy     writes the outgoing gradient, sometimes a second one).
 *   allreduce    see backwardOps.
 */
import type { Op } from "../../hardware/op.js";
import { allreduceOp } from "./op-builders.js";

/** GEMMs whose input is replicated across tp: their input gradient needs an all-reduce. */
// MLA's first attention GEMM (q_a, or q without a q rank) stands for the attention input's
// all-reduce: its q_b and kv_b are split by heads over a replicated latent, so the hidden
// state's gradient is summed over the group once per layer, as after qkv.
const COLUMN_PARALLEL = new Set([
  "layer.qkv",
  "layer.q_a",
  "layer.q",
  "layer.gate_up",
  "layer.up",
  "lm_head",
]);

export const ATTENTION_BACKWARD_FLOPS_FACTOR = 2.5;

export function backwardOf(op: Op): Op {
  const name = `${op.name}.bwd`;
  const count = op.count ?? 1;
  switch (op.kind) {
    case "gemm":
      return { ...op, name, count: 2 * count };
    case "attention":
      return {
        ...op,
        name,
        flops: ATTENTION_BACKWARD_FLOPS_FACTOR * op.flops,
        bytes: 2 * op.bytes,
        count,
      };
    case "elementwise":
    case "copy":
      return { ...op, name, flops: 2 * op.flops, bytes: 2 * op.bytes, count };
    case "allreduce":
    case "sendrecv":
    case "alltoall":
      return { ...op, name, count };
  }
}

/** The tensor-parallel group and the all-reduce message (tokens x hidden x bytes). */
export interface BackwardTp {
  tp: number;
  messageBytes: number;
}

/**
 * The backward pass of a forward op list: ops in reverse order. Under tp the forward all-reduces
 * (after row-parallel GEMMs, and the embedding's) have identity backwards and are dropped; the
 * input gradient of every column-parallel GEMM (qkv, gate_up/up, lm_head) is all-reduced instead
 * (Megatron's f operator), so a layer again has 2 and the full model the same count as forward.
 */
export function backwardOps(forward: readonly Op[], tp: BackwardTp): Op[] {
  const out: Op[] = [];
  for (const op of [...forward].reverse()) {
    if (op.kind === "allreduce") continue;
    out.push(backwardOf(op));
    if (tp.tp > 1 && op.kind === "gemm" && COLUMN_PARALLEL.has(op.name)) {
      out.push(
        allreduceOp(`${op.name}.bwd_allreduce`, op.dtype, tp.messageBytes, tp.tp, op.count ?? 1),
      );
    }
  }
  return out;
}
