/**
 * Roofline time of one kernel at an SM clock, and how busy it keeps each pipe (the activity the
 * power model needs). Compute time scales as 1/f; HBM time does not move with f until the SMs
 * are too slow to issue loads (below `memoryIssueKneeMHz`); small kernels pay a launch overhead.
 */
import { badValue } from "../../input/input-error.js";
import type { Dtype, Op } from "../op.js";
import { pipeOf } from "../op.js";
import type { HardwareProfile, KindEfficiency } from "../profile/profile.js";

export interface KernelTiming {
  /** Wall time of one execution (s), launch overhead included. */
  timeS: number;
  /** Time the tensor pipe would need at 100% of its peak (s): busy fraction = this / timeS. */
  tensorFullRateS: number;
  /** Same for the vector pipe. */
  vectorFullRateS: number;
  /** HBM bytes moved by one execution. */
  bytes: number;
  /** The compute and the HBM time before they overlap (s): the larger one bounds the kernel. */
  computeS: number;
  memoryS: number;
}

export function tensorPeakFlopsPerS(
  profile: HardwareProfile,
  dtype: Dtype,
  freqMHz: number,
): number {
  const perClock = tensorFlopsPerClock(profile, dtype);
  return profile.compute.units * perClock * freqMHz * 1e6;
}

export function tensorFlopsPerClock(profile: HardwareProfile, dtype: Dtype): number {
  const table = profile.compute.tensorFlopsPerClock;
  // fp16 runs at the bf16 rate on every part we model; fall back rather than demand both.
  const perClock = table[dtype] ?? (dtype === "fp16" ? table.bf16 : undefined);
  if (perClock === undefined) {
    throw badValue("dtype", `profile '${profile.name}' has no tensor rate for dtype ${dtype}`);
  }
  return perClock;
}

export function vectorPeakFlopsPerS(profile: HardwareProfile, freqMHz: number): number {
  return profile.compute.units * profile.compute.vectorFlopsPerClock * freqMHz * 1e6;
}

/** Efficiency grows with op size: eff = max * F / (F + halfFlops). */
export function sizeEfficiency(eff: KindEfficiency, flops: number): number {
  return (eff.max * flops) / (flops + eff.halfFlops);
}

function efficiencyOf(profile: HardwareProfile, op: Op): KindEfficiency {
  const eff = profile.timing.efficiency[op.kind as keyof HardwareProfile["timing"]["efficiency"]];
  if (eff === undefined) throw new RangeError(`no efficiency curve for op kind ${op.kind}`);
  return eff;
}

/** Effective HBM bandwidth at a clock (bytes/s). */
export function memoryBandwidthAt(profile: HardwareProfile, freqMHz: number): number {
  const t = profile.timing;
  const issue = Math.min(1, freqMHz / t.memoryIssueKneeMHz);
  return profile.memory.bandwidthBytesPerS * t.memoryEfficiency * issue;
}

/** Combine compute and memory time: p-norm between "add them" (p=1) and "max" (p large). */
export function overlap(computeS: number, memoryS: number, p: number): number {
  if (computeS === 0) return memoryS;
  if (memoryS === 0) return computeS;
  const hi = Math.max(computeS, memoryS);
  const lo = Math.min(computeS, memoryS);
  return hi * Math.pow(1 + Math.pow(lo / hi, p), 1 / p);
}

export function kernelTiming(profile: HardwareProfile, op: Op, freqMHz: number): KernelTiming {
  const timing = profile.timing;
  const pipe = pipeOf(op.kind);
  let tensorFullRateS = 0;
  let vectorFullRateS = 0;
  let computeS = 0;
  if (op.flops > 0) {
    if (pipe === "tensor") {
      tensorFullRateS = op.flops / tensorPeakFlopsPerS(profile, op.dtype, freqMHz);
      computeS = tensorFullRateS / sizeEfficiency(efficiencyOf(profile, op), op.flops);
    } else if (pipe === "vector") {
      vectorFullRateS = op.flops / vectorPeakFlopsPerS(profile, freqMHz);
      computeS = vectorFullRateS / sizeEfficiency(efficiencyOf(profile, op), op.flops);
    }
  }
  const sideFlops = pipe === "tensor" ? (op.vectorFlops ?? 0) : 0;
  if (sideFlops > 0) {
    // A fused kernel's vector work (softmax) runs on the vector pipe at its own efficiency,
    // overlapped with the tensor work like compute with memory.
    vectorFullRateS = sideFlops / vectorPeakFlopsPerS(profile, freqMHz);
    const vectorS =
      vectorFullRateS / sizeEfficiency(profile.timing.efficiency.elementwise, sideFlops);
    computeS = overlap(computeS, vectorS, timing.overlapExponent);
  }
  const memoryS =
    op.bytes > 0
      ? op.bytes / (memoryBandwidthAt(profile, freqMHz) * (op.memoryEfficiency ?? 1))
      : 0;
  const timeS = overlap(computeS, memoryS, timing.overlapExponent) + timing.launchOverheadS;
  return { timeS, tensorFullRateS, vectorFullRateS, bytes: op.bytes, computeS, memoryS };
}
