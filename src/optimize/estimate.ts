/**
 * `estimate`: the time, energy and power of one workload step on a device at an operating point,
 * as when the step repeats back to back. The names say the scope: `gpu*` covers all GPUs of the
 * step (the tensor-parallel group), `node*` their share of the node around them (the profile's
 * node figures, drawn for the step's whole time), `total*` both; `perGpu` is one GPU's share.
 */
import { costOf, type Cost } from "../hardware/cost/cost-model.js";
import type { OperatingPoint } from "../hardware/operating-point.js";
import { nodePowerW } from "../hardware/power/node-power.js";
import type { HardwareProfile } from "../hardware/profile/profile.js";
import { stepTotals } from "../workload/model/step.js";
import { buildWork, type BuiltWork, type WorkSpec } from "../workload/work-spec.js";

/** Time, clock and cap state as the cost model gives them; energy and power of all `gpus`. */
export interface EstimateResult extends Pick<
  Cost,
  "timeS" | "freqMHz" | "capBound" | "capUnreachable"
> {
  hardware: string;
  workload: string;
  gpus: number;
  lockedMHz: number | null;
  powerCapW: number | null;
  /** All GPUs of the step (the tensor-parallel group). */
  gpuEnergyJ: number;
  avgGpuPowerW: number;
  /** The GPUs' share of their node (CPUs, NICs, switches, fans) over the step. */
  nodeEnergyJ: number;
  avgNodePowerW: number;
  /** GPUs plus node. */
  totalEnergyJ: number;
  avgTotalPowerW: number;
  perGpu: { energyJ: number; avgPowerW: number };
  flops: number;
  bytes: number;
  achievedTflops: number;
}

export function estimateWork(
  profile: HardwareProfile,
  work: BuiltWork,
  point: OperatingPoint = {},
): EstimateResult {
  const c = costOf(profile, work.ops, point);
  const totals = stepTotals(work.ops);
  const gpuEnergyJ = c.energyJ * work.gpus;
  const avgNodePowerW = nodePowerW(profile, work.gpus);
  const nodeEnergyJ = avgNodePowerW * c.timeS;
  return {
    hardware: profile.name,
    workload: work.label,
    gpus: work.gpus,
    lockedMHz: point.lockedMHz ?? null,
    powerCapW: point.powerCapW ?? null,
    timeS: c.timeS,
    gpuEnergyJ,
    avgGpuPowerW: c.avgPowerW * work.gpus,
    nodeEnergyJ,
    avgNodePowerW,
    totalEnergyJ: gpuEnergyJ + nodeEnergyJ,
    avgTotalPowerW: c.avgPowerW * work.gpus + avgNodePowerW,
    freqMHz: c.freqMHz,
    capBound: c.capBound,
    capUnreachable: c.capUnreachable,
    perGpu: { energyJ: c.energyJ, avgPowerW: c.avgPowerW },
    flops: totals.flops * work.gpus,
    bytes: totals.bytes * work.gpus,
    achievedTflops: c.timeS > 0 ? (totals.flops * work.gpus) / c.timeS / 1e12 : 0,
  };
}

export function estimate(
  profile: HardwareProfile,
  spec: WorkSpec,
  point: OperatingPoint = {},
): EstimateResult {
  return estimateWork(profile, buildWork(spec), point);
}
