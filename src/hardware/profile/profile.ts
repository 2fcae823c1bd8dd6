/**
 * A resolved hardware profile: every figure as a plain number in SI units (plus MHz for clocks),
 * after `extends` chains are merged and the YAML is validated. Provenance of each figure stays in
 * `provenance` keyed by its dotted path (e.g. "power.dynamicW"), so reports can say where a
 * number came from.
 */
import type { Dtype } from "../op.js";

export type ProvenanceSource = "spec" | "measured" | "fit" | "assumed";

export interface Provenance {
  source: ProvenanceSource;
  ref?: string;
}

export interface ClockGrid {
  /** Every selectable SM clock, ascending (MHz). A part without DVFS has one entry. */
  smMHz: readonly number[];
  /** Clock the part runs at when nothing is locked (usually the maximum boost clock). */
  defaultMHz: number;
  /** Memory clock settings (MHz); they do not move with the SM clock. */
  memoryMHz: readonly number[];
  /** Time to switch the SM clock (s). */
  switchLatencyS: number;
}

/** V(f): flat at minV up to kneeMHz, then linear up to maxV at the top of the clock grid. */
export interface VoltageCurve {
  minV: number;
  kneeMHz: number;
  maxV: number;
}

/**
 * P = constantW + leakageW * V/maxV
 *   + dynamicW * (V/maxV)^2 * (f/fMax) * (baseActivity + tensorActivity[dtype]*uTensor + vectorActivity*uVector)
 *   + memoryJPerByte * (HBM bytes per second)
 */
export interface PowerModel {
  constantW: number;
  leakageW: number;
  /** Dynamic power at the top clock with the tensor pipe fully busy (activity 1). */
  dynamicW: number;
  baseActivity: number;
  /** Relative switching activity of a fully busy tensor pipe, per dtype (bf16 = 1 by convention). */
  tensorActivity: Partial<Record<Dtype, number>>;
  vectorActivity: number;
  memoryJPerByte: number;
  /** Idle with a context loaded, clocks dropped. */
  idleW: number;
  /** Waiting on communication or a dependency with clocks up (Perseus' P_blocking). */
  blockingW: number;
  /** Drawn while running collectives / send-recv. */
  communicationW: number;
}

export interface PowerLimit {
  minW: number;
  defaultW: number;
  maxW: number;
  /** The controller enforces the limit on power averaged over this window (s). */
  windowS: number;
}

export interface KindEfficiency {
  /** Fraction of pipe peak reached by large ops. */
  max: number;
  /** Op size (FLOPs) at which efficiency is half of max: eff = max * F / (F + halfFlops). */
  halfFlops: number;
}

export interface TimingModel {
  /** Fixed cost per kernel launch (s). */
  launchOverheadS: number;
  /** Fraction of HBM peak bandwidth reached by streaming kernels. */
  memoryEfficiency: number;
  /** Below this SM clock the SMs cannot issue loads fast enough; memory time grows as knee/f. */
  memoryIssueKneeMHz: number;
  /** Roofline overlap: t = (tc^p + tm^p)^(1/p); large p is the pure max(), p = 1 adds them. */
  overlapExponent: number;
  efficiency: { gemm: KindEfficiency; attention: KindEfficiency; elementwise: KindEfficiency };
}

export interface Link {
  name: string;
  /** Unidirectional bandwidth per GPU (bytes/s). */
  bandwidthBytesPerS: number;
  latencyS: number;
  /** "node" links connect GPUs of one node (NVLink); "cluster" links cross nodes (InfiniBand). */
  scope: "node" | "cluster";
}

export interface NodeOverhead {
  gpusPerNode: number;
  /** Power of the node outside its GPUs (CPUs, NICs, fans) that does not scale with GPU count. */
  baseW: number;
  /** Per-GPU share of non-GPU node power. */
  perGpuW: number;
}

export interface HardwareProfile {
  name: string;
  displayName: string;
  /** Profile this one extends, if any (already merged in). */
  extends?: string;
  /** File it was loaded from (for messages). */
  file?: string;
  compute: {
    units: number;
    /** FLOP per clock per compute unit for the tensor pipe, by dtype. */
    tensorFlopsPerClock: Partial<Record<Dtype, number>>;
    /** FLOP per clock per compute unit for the vector pipe (fp32 FMA = 2). */
    vectorFlopsPerClock: number;
  };
  memory: { capacityBytes: number; bandwidthBytesPerS: number };
  clocks: ClockGrid;
  voltage: VoltageCurve;
  power: PowerModel;
  /** Absent for parts whose power limit cannot be set. */
  powerLimit?: PowerLimit;
  timing: TimingModel;
  interconnect: Link[];
  node: NodeOverhead;
  /** Dotted path of every figure -> where it came from. */
  provenance: Record<string, Provenance>;
}
