/**
 * A resolved serving-engine profile (engine-profiles/<engine>-<version>.yaml): what the engine
 * costs on the host per iteration, per scheduled sequence and per sampled token, and what its
 * decode attention kernel achieves on the device. Plain SI numbers; each figure's provenance stays
 * in `provenance`, keyed by its dotted path (e.g. "host.iterationS").
 */
import type { Provenance } from "../../../hardware/profile/profile.js";
import type { DecodeKernel } from "../../../workload/model/attention.js";

export interface EngineHost {
  /**
   * Host time of one iteration whatever its size (scheduling, input preparation, launching the
   * step's CUDA graph, the sync on its sampled tokens) during which the GPUs wait (s).
   */
  iterationS: number;
  /** Extra host time per sequence scheduled in the iteration (s). */
  perSequenceS: number;
  /** Extra host time per token sampled (sampling bookkeeping, stop checks, detokenizing) (s). */
  perTokenS: number;
}

export interface EngineProfile {
  name: string;
  displayName: string;
  host: EngineHost;
  decodeAttention: DecodeKernel;
  /** Where each figure comes from, keyed by dotted path ("host.iterationS"). */
  provenance: Record<string, Provenance>;
}

/** Host time of an iteration that schedules `sequences` and samples `tokens` (s). */
export function hostTimeS(host: EngineHost, sequences: number, tokens: number): number {
  return host.iterationS + host.perSequenceS * sequences + host.perTokenS * tokens;
}
