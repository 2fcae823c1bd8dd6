/**
 * Time of a collective or point-to-point transfer over the profile's interconnect (alpha-beta
 * model, ring algorithms as NCCL runs them on large messages; nccl-tests' busbw uses the same
 * factors). Over n GPUs a message of B bytes:
 *   allreduce       2(n-1)/n x B / bandwidth + 2(n-1) x latency  (reduce-scatter then all-gather)
 *   reduce-scatter   (n-1)/n x B / bandwidth +  (n-1) x latency
 *   all-gather       (n-1)/n x B / bandwidth +  (n-1) x latency
 *   all-to-all       (n-1)/n x B / bandwidth +  (n-1) x latency  (n-1 pairwise exchanges of each
 *                    GPU's buffer B, NCCL's alltoall; busbw factor (n-1)/n)
 *   send                       B / bandwidth +          latency  (point to point)
 * A tree all-reduce has log2(n) latency steps instead of 2(n-1) but the same bandwidth term on
 * large messages; the ring is the one modeled.
 */
import { badValue } from "../../input/input-error.js";
import type { Op } from "../op.js";
import type { HardwareProfile, Link } from "../profile/profile.js";

export type Collective = "allreduce" | "reduce-scatter" | "all-gather" | "send";

/** Bytes each GPU moves per byte of the message, and the number of latency steps. */
export function collectiveFactors(
  collective: Collective,
  groupSize: number,
): { bytesFactor: number; latencySteps: number } {
  const n = groupSize;
  if (!(Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`group size must be a positive integer, got ${n}`);
  }
  if (collective === "send") return { bytesFactor: 1, latencySteps: 1 };
  if (n === 1) return { bytesFactor: 0, latencySteps: 0 };
  const half = { bytesFactor: (n - 1) / n, latencySteps: n - 1 };
  if (collective === "allreduce")
    return { bytesFactor: 2 * half.bytesFactor, latencySteps: 2 * half.latencySteps };
  return half;
}

/** Time of one collective of a `bytes` message over `groupSize` GPUs on `link` (s). */
export function collectiveTimeS(
  link: Link,
  collective: Collective,
  bytes: number,
  groupSize: number,
): number {
  if (!(bytes >= 0 && bytes < Infinity)) throw new RangeError(`bytes must be >= 0, got ${bytes}`);
  const { bytesFactor, latencySteps } = collectiveFactors(collective, groupSize);
  return latencySteps * link.latencyS + (bytesFactor * bytes) / link.bandwidthBytesPerS;
}

/** The profile's link of a scope, or a bad-input error naming what is missing. */
export function linkOfScope(profile: HardwareProfile, scope: Link["scope"]): Link {
  const link = profile.interconnect.find((l) => l.scope === scope);
  if (link === undefined) {
    const what = scope === "node" ? "intra-node (scope: node)" : "inter-node (scope: cluster)";
    throw badValue("interconnect", `profile '${profile.name}' has no ${what} link`);
  }
  return link;
}

/** The link a group of GPUs talks over: inside a node if the group fits in one. */
export function linkFor(profile: HardwareProfile, groupSize: number): Link {
  const scope = groupSize <= profile.node.gpusPerNode ? "node" : "cluster";
  const link = profile.interconnect.find((l) => l.scope === scope) ?? profile.interconnect[0];
  if (link === undefined)
    throw badValue("interconnect", `profile '${profile.name}' has no interconnect`);
  return link;
}

export function linkTimeS(profile: HardwareProfile, op: Op): number {
  const groupSize = op.groupSize ?? 2;
  const link = linkFor(profile, groupSize);
  const bytes = op.linkBytes ?? 0;
  if (op.kind === "allreduce") return collectiveTimeS(link, "allreduce", bytes, groupSize);
  // An all-to-all moves what a ring all-gather of the buffer moves, in as many steps.
  if (op.kind === "alltoall") return collectiveTimeS(link, "all-gather", bytes, groupSize);
  return collectiveTimeS(link, "send", bytes, groupSize);
}
