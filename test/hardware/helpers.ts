import { loadProfile } from "../../src/hardware/profile/load-profile.js";
import type { Op } from "../../src/hardware/op.js";

export const h100 = loadProfile("h100-sxm");
export const a100 = loadProfile("a100-sxm");

export const gemm = (m: number, n: number, k: number, dtype: Op["dtype"] = "bf16"): Op => ({
  name: `gemm_${m}x${n}x${k}`,
  kind: "gemm",
  dtype,
  flops: 2 * m * n * k,
  bytes: (m * k + k * n + m * n) * (dtype === "tf32" ? 4 : 2),
});

export const copy = (bytes: number): Op => ({
  name: "copy",
  kind: "copy",
  dtype: "bf16",
  flops: 0,
  bytes,
});
