/**
 * Time of a collective or point-to-point transfer over the profile's interconnect (alpha-beta
 * model). A ring all-reduce moves 2(n-1)/n of the message per GPU, as nccl-tests' busbw assumes;
 * an all-to-all sends (n-1)/n of each GPU's buffer, in n-1 pairwise exchanges (NCCL's
 * alltoall, busbw factor (n-1)/n: the same alpha-beta time as a ring all-gather of the buffer).
 */
import { badValue } from "../../input/input-error.js";
import type { Op } from "../op.js";
import type { HardwareProfile, Link } from "../profile/profile.js";

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
  const n = groupSize;
  const factor =
    op.kind === "allreduce" ? (2 * (n - 1)) / n : op.kind === "alltoall" ? (n - 1) / n : 1;
  const steps = op.kind === "allreduce" ? 2 * (n - 1) : op.kind === "alltoall" ? n - 1 : 1;
  return steps * link.latencyS + (factor * bytes) / link.bandwidthBytesPerS;
}
