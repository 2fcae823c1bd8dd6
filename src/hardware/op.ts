/**
 * The unit of work every layer agrees on: what one kernel (or one collective) does, with no
 * knowledge of the device that runs it. The hardware cost model turns an Op into time and energy.
 */

/** Numeric formats with distinct peak rates on accelerators. */
export type Dtype = "fp8" | "bf16" | "fp16" | "tf32" | "fp32";

/**
 * Which kind of kernel this is. The kind selects the execution pipe (see `pipeOf`) and the
 * efficiency curve the hardware profile gives for it.
 *   gemm        dense matrix multiply on the tensor/matrix units
 *   attention   fused attention (FlashAttention-style) on the tensor units
 *   elementwise vector-unit math streaming through HBM (norms, activations, rope, residual adds)
 *   copy        pure data movement (memcpy, embedding gather, KV transfer within a device)
 *   allreduce   a collective over the interconnect (tensor or data parallel)
 *   sendrecv    a point-to-point transfer over the interconnect (pipeline parallel)
 *   alltoall    each GPU of a group sends a share of its buffer to every other (MoE dispatch and
 *               combine under expert parallelism)
 */
export type OpKind =
  "gemm" | "attention" | "elementwise" | "copy" | "allreduce" | "sendrecv" | "alltoall";

export type Pipe = "tensor" | "vector" | "memory" | "link";

const PIPE_OF: Record<OpKind, Pipe> = {
  gemm: "tensor",
  attention: "tensor",
  elementwise: "vector",
  copy: "memory",
  allreduce: "link",
  sendrecv: "link",
  alltoall: "link",
};

export function pipeOf(kind: OpKind): Pipe {
  return PIPE_OF[kind];
}

export interface Op {
  /** Human-readable label, e.g. "layer.qkv" or "lm_head". */
  name: string;
  kind: OpKind;
  dtype: Dtype;
  /** Floating-point operations of one execution (multiply-add = 2 FLOPs). */
  flops: number;
  /** HBM bytes read plus written by one execution. */
  bytes: number;
  /** Bytes each GPU sends over the interconnect (collectives and send/recv only). */
  linkBytes?: number;
  /** GPUs taking part in a collective (2 for send/recv). */
  groupSize?: number;
  /** How many times the op runs back to back in the step (e.g. once per layer); default 1. */
  count?: number;
  /**
   * FLOPs a fused kernel runs on the vector pipe beside its main pipe (e.g. an attention kernel's
   * softmax and its dot products off the tensor cores); default 0. Only tensor-pipe ops use it.
   */
  vectorFlops?: number;
  /**
   * Share of the device's streaming HBM bandwidth this kernel's access pattern reaches (a paged
   * gather of small blocks reaches less than a copy); default 1.
   */
  memoryEfficiency?: number;
}

/** One op, or a step made of many ops that run back to back on the same device(s). */
export type Work = Op | readonly Op[];

export function opsOf(work: Work): readonly Op[] {
  return Array.isArray(work) ? (work as readonly Op[]) : [work as Op];
}
