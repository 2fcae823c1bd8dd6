/**
 * Power of the node around the GPUs (CPUs, NICs, NVSwitches, fans, PSU losses), from the
 * profile's `node` figures: per node a fixed `baseW`, plus `perGpuW` per GPU. A job on `gpus`
 * GPUs is charged its share: the base in proportion to the GPUs it holds of a node
 * (gpus / gpusPerNode) and the per-GPU part for each. Drawn whether the GPUs are busy or not
 * (the profiles carry no load dependence for it), so node energy is this power times the run's
 * wall time.
 */
import type { HardwareProfile } from "../profile/profile.js";

export function nodePowerW(profile: HardwareProfile, gpus: number): number {
  const { baseW, perGpuW, gpusPerNode } = profile.node;
  return gpus * (baseW / gpusPerNode + perGpuW);
}

export function nodeEnergyJ(profile: HardwareProfile, gpus: number, timeS: number): number {
  return nodePowerW(profile, gpus) * timeS;
}
