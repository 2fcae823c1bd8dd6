/** Storage size of one element of each numeric format. */
import type { Dtype } from "../../hardware/op.js";

const BYTES_OF: Record<Dtype, number> = {
  fp8: 1,
  bf16: 2,
  fp16: 2,
  // tf32 is a compute mode: its operands are stored as fp32.
  tf32: 4,
  fp32: 4,
};

export function bytesOf(dtype: Dtype): number {
  return BYTES_OF[dtype];
}

/**
 * How linear-layer weights can be stored: a compute format, or int4 weight-only (GPTQ/AWQ style:
 * stored in 4 bits, dequantized to the activation format in the GEMM; group scales not counted).
 */
export type WeightDtype = Dtype | "int4";

export function weightBytesOf(dtype: WeightDtype): number {
  return dtype === "int4" ? 0.5 : BYTES_OF[dtype];
}
