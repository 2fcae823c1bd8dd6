/**
 * Which GPUs and which node power a training result's energies cover. The planner and the replay
 * work on one device per pipeline stage; the job runs `gpusPerStage` GPUs per stage (its tp
 * group, or one for a measured stage profile, which measured one GPU) in each of `pipelines`
 * data-parallel pipelines running the same plan, so GPU energy is the per-device energy times
 * `gpusPerStage x pipelines`. Node energy (CPUs, NICs, switches, fans: hardware/power/node-power)
 * is the job's share of its nodes' power times the iteration time, when a hardware profile gives
 * the node figures; a measured stage profile alone has none.
 */
import { nodePowerW } from "../../hardware/power/node-power.js";
import type { HardwareProfile } from "../../hardware/profile/profile.js";

export interface EnergyScope {
  /** All GPUs of the job: gpusPerStage x stages x pipelines. */
  gpus: number;
  gpusPerStage: number;
  stages: number;
  pipelines: number;
  /** Multiplier from one device per stage of one pipeline to the job: gpusPerStage x pipelines. */
  energyScale: number;
  /** The job's node power (W), or undefined when no hardware profile gives node figures. */
  nodePowerW?: number;
  /** One line for people: what the energies cover. */
  description: string;
}

export function energyScope(
  stages: number,
  gpusPerStage: number,
  pipelines: number,
  hardware: HardwareProfile | undefined,
): EnergyScope {
  const gpus = gpusPerStage * stages * pipelines;
  const layout =
    `${gpus} GPU${gpus === 1 ? "" : "s"}: ` +
    (hardware === undefined && gpusPerStage === 1
      ? "one GPU per stage (measured stage profile)"
      : `TP ${gpusPerStage}`) +
    ` x ${stages} stage${stages === 1 ? "" : "s"} x ${pipelines} pipeline${pipelines === 1 ? "" : "s"}`;
  const base = { gpus, gpusPerStage, stages, pipelines, energyScale: gpusPerStage * pipelines };
  if (hardware === undefined) {
    return { ...base, description: `${layout}; no node figure (no hardware profile)` };
  }
  const nodeW = nodePowerW(hardware, gpus);
  return {
    ...base,
    nodePowerW: nodeW,
    description: `${layout}; node power ${nodeW.toFixed(0)} W (${hardware.name})`,
  };
}

/** A point's energies in this scope: GPU energy as given, node energy, and their sum. */
export function scopedEnergy(
  scope: EnergyScope,
  p: { timeS: number; energyJ: number },
): { gpuEnergyJ: number; nodeEnergyJ?: number; totalEnergyJ?: number } {
  if (scope.nodePowerW === undefined) return { gpuEnergyJ: p.energyJ };
  const nodeEnergyJ = scope.nodePowerW * p.timeS;
  return { gpuEnergyJ: p.energyJ, nodeEnergyJ, totalEnergyJ: p.energyJ + nodeEnergyJ };
}
