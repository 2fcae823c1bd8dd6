/**
 * The shape of a hardware profile YAML document after `extends` merging and schema validation
 * (profile-schema.ts): every figure still a quantity `{value, source, ref?}` or a clock grid.
 */
import type { Dtype } from "../op.js";
import type { ProvenanceSource } from "./profile.js";

export interface QuantityDoc {
  value: number;
  source: ProvenanceSource;
  ref?: string;
}

export interface GridDoc {
  min?: number;
  max?: number;
  step?: number;
  values?: number[];
  fixed?: number;
  default?: number;
  source: ProvenanceSource;
  ref?: string;
}

export type ByDtypeDoc = Partial<Record<Dtype, QuantityDoc>>;

export interface EfficiencyDoc {
  max: QuantityDoc;
  halfFlops: QuantityDoc;
}

/** The YAML document after `extends` merging and schema validation. */
export interface ProfileDoc {
  schemaVersion: number;
  name: string;
  displayName: string;
  extends?: string;
  compute: {
    units: QuantityDoc;
    tensorFlopsPerClock: ByDtypeDoc;
    vectorFlopsPerClock: QuantityDoc;
  };
  memory: { capacityBytes: QuantityDoc; bandwidthBytesPerS: QuantityDoc };
  clocks: { smMHz: GridDoc; memoryMHz: GridDoc; switchLatencyS: QuantityDoc };
  voltage: { minV: QuantityDoc; kneeMHz: QuantityDoc; maxV: QuantityDoc };
  power: {
    constantW: QuantityDoc;
    leakageW: QuantityDoc;
    dynamicW: QuantityDoc;
    baseActivity: QuantityDoc;
    tensorActivity: ByDtypeDoc;
    vectorActivity: QuantityDoc;
    memoryJPerByte: QuantityDoc;
    idleW: QuantityDoc;
    blockingW: QuantityDoc;
    communicationW: QuantityDoc;
  };
  powerLimit:
    "none" | { minW: QuantityDoc; defaultW: QuantityDoc; maxW: QuantityDoc; windowS: QuantityDoc };
  timing: {
    launchOverheadS: QuantityDoc;
    memoryEfficiency: QuantityDoc;
    memoryIssueKneeMHz: QuantityDoc;
    overlapExponent: QuantityDoc;
    efficiency: { gemm: EfficiencyDoc; attention: EfficiencyDoc; elementwise: EfficiencyDoc };
  };
  interconnect: {
    name: string;
    bandwidthBytesPerS: QuantityDoc;
    latencyS: QuantityDoc;
    scope: "node" | "cluster";
  }[];
  node: { gpusPerNode: QuantityDoc; baseW: QuantityDoc; perGpuW: QuantityDoc };
}
