/** Constructors for the Op kinds a transformer step uses, with the byte/FLOP conventions. */
import type { Dtype, Op } from "../../hardware/op.js";
import { bytesOf, weightBytesOf } from "./dtype.js";
import { weightDtypeOf, type TransformerShape } from "./transformer.js";

/**
 * C[m x n] = A[m x k] . B[k x n]: 2mnk FLOPs; reads A and B and writes C once each (a fused
 * bias add, as in GPT-3/BLOOM, is in the epilogue and not counted).
 */
export function gemmOp(name: string, dtype: Dtype, m: number, n: number, k: number, count = 1): Op {
  return {
    name,
    kind: "gemm",
    dtype,
    flops: 2 * m * n * k,
    bytes: (m * k + k * n + m * n) * bytesOf(dtype),
    count,
  };
}

/**
 * Y[m x n] = X[m x k] . W[k x n] with W a weight matrix of `shape`: W is read in the weight
 * format, X and Y move in the model dtype. fp8 weights run the GEMM at the fp8 tensor rate (W8A8:
 * activations are quantized on the fly in the GEMM's prologue, not counted); int4 weights are
 * dequantized to the model dtype and run at its rate. With the default weight format this is
 * exactly gemmOp(shape.dtype).
 */
export function linearOp(
  name: string,
  shape: TransformerShape,
  m: number,
  n: number,
  k: number,
  count = 1,
): Op {
  const weights = weightDtypeOf(shape);
  return {
    name,
    kind: "gemm",
    dtype: weights === "fp8" ? "fp8" : shape.dtype,
    flops: 2 * m * n * k,
    bytes: (m * k + m * n) * bytesOf(shape.dtype) + k * n * weightBytesOf(weights),
    count,
  };
}

/**
 * Vector math over `elements` outputs; `tensorsMoved` is how many element-sized tensors it reads
 * plus writes (a norm reads x and writes y: 2; a residual add: 3).
 */
export function elementwiseOp(
  name: string,
  dtype: Dtype,
  elements: number,
  flopsPerElement: number,
  tensorsMoved: number,
  count = 1,
): Op {
  return {
    name,
    kind: "elementwise",
    dtype,
    flops: elements * flopsPerElement,
    bytes: elements * tensorsMoved * bytesOf(dtype),
    count,
  };
}

/** Data movement of `bytesMoved` (read plus written) with no math. */
export function copyOp(name: string, dtype: Dtype, bytesMoved: number, count = 1): Op {
  return { name, kind: "copy", dtype, flops: 0, bytes: bytesMoved, count };
}

/**
 * A collective of a `messageBytes` buffer per GPU over `groupSize` GPUs; linkBytes is the message
 * size and the cost model applies the kind's factor (all-reduce: ring 2(n-1)/n; all-to-all:
 * (n-1)/n). HBM bytes: read and write the buffer once.
 */
function collectiveOp(
  kind: "allreduce" | "alltoall",
  name: string,
  dtype: Dtype,
  messageBytes: number,
  groupSize: number,
  count: number,
): Op {
  return {
    name,
    kind,
    dtype,
    flops: 0,
    bytes: 2 * messageBytes,
    linkBytes: messageBytes,
    groupSize,
    count,
  };
}

/** An all-reduce of a `messageBytes` buffer over `groupSize` GPUs (see collectiveOp). */
export function allreduceOp(
  name: string,
  dtype: Dtype,
  messageBytes: number,
  groupSize: number,
  count = 1,
): Op {
  return collectiveOp("allreduce", name, dtype, messageBytes, groupSize, count);
}

/** An all-to-all of a `messageBytes` buffer per GPU over `groupSize` GPUs (see collectiveOp). */
export function alltoallOp(
  name: string,
  dtype: Dtype,
  messageBytes: number,
  groupSize: number,
  count = 1,
): Op {
  return collectiveOp("alltoall", name, dtype, messageBytes, groupSize, count);
}
