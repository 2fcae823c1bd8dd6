/**
 * Operating-point policies: before each iteration the replica asks its policy for the clock lock
 * and power cap. A policy sees the iteration's kind and the replica's running counters; it never
 * sees the cost model. Policies with state (sloDynamic) belong to one replica.
 */
import type { OperatingPoint } from "../../../hardware/operating-point.js";

/** "prefill": the iteration runs at least one prompt chunk; "decode": decode tokens only. */
export type IterationKind = "prefill" | "decode";

/** Counters since the replica started; policies difference them over their own intervals. */
export interface RecentStats {
  /** Sum and count of inter-token gaps (decode tokens) so far. */
  itlSumS: number;
  itlCount: number;
  iterations: number;
}

export interface ClockPolicy {
  readonly name: string;
  /** Return the same object for the same point: the replica caches by identity. */
  clockFor(kind: IterationKind, nowS: number, recent: RecentStats): OperatingPoint;
}

/** Policies as plain data (scenario files), turned into instances by `createPolicy`. */
export type PolicySpec =
  | { kind: "default" }
  | { kind: "locked"; lockedMHz: number; powerCapW?: number }
  | { kind: "powerCap"; powerCapW: number }
  | { kind: "perPhase"; prefillMHz?: number; decodeMHz?: number; powerCapW?: number }
  | ({ kind: "sloDynamic" } & SloDynamicOptions);

export interface SloDynamicOptions {
  /** Mean inter-token latency to stay under (s). */
  targetTpotS: number;
  /** How often the clock is re-evaluated (s). Default 1. */
  intervalS?: number;
  /** Lower the clock when the interval's mean ITL is under target x (1 - headroom). Default 0.1. */
  headroom?: number;
  /** Clock step down when comfortably under the target (MHz). Default 60. */
  stepDownMHz?: number;
  /** Clock step up when over the target (MHz). Default 120 (recover faster than descend). */
  stepUpMHz?: number;
  /** Lowest and highest clocks it may lock (MHz). Default: the grid minimum and default clock. */
  minMHz?: number;
  maxMHz?: number;
  powerCapW?: number;
}
