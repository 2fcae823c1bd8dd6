import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import type { HardwareProfile } from "../../../src/hardware/profile/profile.js";
import { getModel } from "../../../src/workload/model/index.js";
import type { Request } from "../../../src/workload/serving/request.js";

export const h100 = loadProfile("h100-sxm");
export const llama8b = getModel("llama3-8b");

/** `n` requests arriving together at `atS` (the saturated benchmark's shape). */
export function burst(n: number, inputTokens: number, outputTokens: number, atS = 0): Request[] {
  return Array.from({ length: n }, (_, id) => ({ id, arrivalS: atS, inputTokens, outputTokens }));
}

/** Requests `gapS` apart with the given lengths. */
export function spaced(lengths: readonly [number, number][], gapS: number): Request[] {
  return lengths.map(([inputTokens, outputTokens], id) => ({
    id,
    arrivalS: id * gapS,
    inputTokens,
    outputTokens,
  }));
}

/** A what-if H100 with `gb` GB of memory (everything else the same). */
export function smallH100(gb: number): HardwareProfile {
  return {
    ...h100,
    name: `h100-${gb}gb`,
    memory: { ...h100.memory, capacityBytes: gb * 1e9 },
  };
}

export const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
