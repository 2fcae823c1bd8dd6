/**
 * Estimated FLOPs per output element of the vector ops. They matter little (these ops are
 * memory-bound) but keep the vector pipe's activity nonzero in the power model.
 */

/** Square, accumulate, scale by rsqrt, scale by the gain. */
export const RMSNORM_FLOPS_PER_ELEMENT = 4;
/** Mean, subtract, square, accumulate, scale by rsqrt, gain, bias, plus the second reduction. */
export const LAYERNORM_FLOPS_PER_ELEMENT = 8;
/** silu(gate) * up: exp (~3 FLOP-equivalents on the SFU), add, divide, two multiplies. */
export const SILU_MUL_FLOPS_PER_ELEMENT = 8;
/** tanh-approximated GELU: cube, fused multiply-adds, tanh, add, two multiplies. */
export const GELU_FLOPS_PER_ELEMENT = 8;
/** x*cos + rotate(x)*sin, plus the cos/sin index and sign math. */
export const ROPE_FLOPS_PER_ELEMENT = 6;
/** One add. */
export const RESIDUAL_ADD_FLOPS_PER_ELEMENT = 1;
/** Softmax cross-entropy per logit: max, subtract, exp, accumulate, and the gather/log share. */
export const CROSS_ENTROPY_FLOPS_PER_ELEMENT = 5;

export function normFlopsPerElement(norm: "rmsnorm" | "layernorm"): number {
  return norm === "rmsnorm" ? RMSNORM_FLOPS_PER_ELEMENT : LAYERNORM_FLOPS_PER_ELEMENT;
}
