/**
 * Measured rows a profile is fitted to. Two shapes of data exist:
 * - kernel rows (our H100 CSV): a known op (FLOPs, bytes, dtype) timed at an observed SM clock
 *   with its average power;
 * - opaque rows (Perseus' stage profiles): a named computation whose FLOPs and bytes are unknown,
 *   measured at many locked clocks. The fit gives each opaque op an "equivalent work": F FLOPs of
 *   large GEMM plus B bytes of streaming traffic, and fits those along with the device.
 */
import type { Op } from "../op.js";

export interface KernelMeasurement {
  type: "kernel";
  label: string;
  /** 1-based line in the source file, for messages. */
  line: number;
  op: Op;
  freqMHz: number;
  timeS: number;
  energyJ: number;
  powerW: number;
}

export interface OpaqueMeasurement {
  type: "opaque";
  label: string;
  line: number;
  /** Rows with the same opId are the same computation at different clocks. */
  opId: string;
  freqMHz: number;
  timeS: number;
  energyJ: number;
}

export type Measurement = KernelMeasurement | OpaqueMeasurement;

export interface MeasurementSet {
  file: string;
  format: "kernels" | "perseus";
  rows: Measurement[];
  /** Rows present in the file that the fit cannot use, with the reason. */
  skipped: { label: string; line: number; reason: string }[];
}

/** Equivalent work of an opaque op: large-GEMM FLOPs plus streaming bytes. */
export function opaqueWork(flops: number, bytes: number): Op[] {
  return [
    { name: "equivalent-gemm", kind: "gemm", dtype: "bf16", flops, bytes: 0 },
    { name: "equivalent-stream", kind: "copy", dtype: "bf16", flops: 0, bytes },
  ];
}
