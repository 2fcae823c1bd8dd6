/**
 * Serving capacity planning: for each demand level and each candidate deployment, the fewest
 * replicas that meet the SLOs (by replaying the trace, see replica-search.ts), what that fleet
 * draws and costs per day, the frontier of cost against energy among the deployments that work,
 * and the one the objective picks.
 */
import { paretoFrontier } from "../../frontier/index.js";
import { nodePowerW } from "../../hardware/power/node-power.js";
import type { ServingResult } from "../../replay/serving/metrics/metrics.js";
import { runServingPoint, type ServingSweepInput } from "../serving/sweep-serving.js";
import { dailyTotals, type DailyTotals, type DatacenterSpec } from "./datacenter.js";
import { fleetPowerSeries, type FleetPowerSeries } from "./fleet-power.js";
import { searchReplicas } from "./replica-search.js";
import { judgeSlo, type PercentileSlo, type SloVerdict } from "./slo-targets.js";

export type CapacityObjective = "cost" | "energy" | "gpus";

export interface CapacityCandidate {
  name: string;
  /** This deployment's GPU price (USD per GPU-hour); default the datacenter's. */
  gpuUsdPerHour?: number;
  /** The deployment at a demand level (growth x the trace's rate); replicas are searched. */
  at(growth: number): ServingSweepInput;
}

export interface CapacityInput {
  candidates: readonly CapacityCandidate[];
  growth: readonly number[];
  slo: PercentileSlo;
  datacenter: DatacenterSpec;
  maxReplicas: number;
  objective: CapacityObjective;
}

export interface CapacityRow {
  growth: number;
  candidate: string;
  /** Whether some count up to maxReplicas meets the SLOs. */
  feasible: boolean;
  /**
   * The searched count: replicas, or for a disaggregated deployment the units of its pools (one
   * unit = the candidate's prefill and decode replicas, scaled together in that ratio).
   */
  replicas: number;
  /** A disaggregated deployment's pools at the found count. */
  pools?: { prefillReplicas: number; decodeReplicas: number };
  tp: number;
  gpus: number;
  slo: SloVerdict;
  /** The verdict one replica fewer (misses), when replicas > 1. */
  oneFewerSlo?: SloVerdict;
  replays: number;
  result: ServingResult;
  daily: DailyTotals;
  /** The fleet's facility power over the replay (1 s bins). */
  power: FleetPowerSeries;
  gpuEnergyPerOutputTokenJ: number;
  totalEnergyPerOutputTokenJ: number;
}

export interface CapacityLevel {
  growth: number;
  rows: CapacityRow[];
  /** Feasible rows within budget on the cost-energy frontier, cheapest first. */
  frontier: CapacityRow[];
  /** The objective's pick among feasible rows within budget; undefined when none works. */
  recommended?: CapacityRow;
}

export interface CapacityPlan {
  objective: CapacityObjective;
  levels: CapacityLevel[];
}

export function planCapacity(input: CapacityInput): CapacityPlan {
  const levels = input.growth.map((growth) => {
    const rows = input.candidates.map((c) => planCandidate(input, c, growth));
    const usable = rows.filter((r) => r.feasible && r.daily.fitsBudget);
    const frontier = paretoFrontier(usable, {
      x: (r) => r.daily.costUsdPerDay,
      y: (r) => r.daily.facilityEnergyMWhPerDay,
    });
    const key = OBJECTIVE[input.objective];
    const recommended = [...usable].sort((a, b) => key(a) - key(b) || cost(a) - cost(b))[0];
    return { growth, rows, frontier, ...(recommended ? { recommended } : {}) };
  });
  return { objective: input.objective, levels };
}

const cost = (r: CapacityRow) => r.daily.costUsdPerDay;
const OBJECTIVE: Record<CapacityObjective, (r: CapacityRow) => number> = {
  cost,
  energy: (r) => r.daily.facilityEnergyMWhPerDay,
  gpus: (r) => r.gpus,
};

function planCandidate(input: CapacityInput, c: CapacityCandidate, growth: number): CapacityRow {
  const s = c.at(growth);
  const unit = s.cluster.disaggregation;
  // A disaggregated deployment grows its two pools together in the candidate's ratio.
  const pools = (n: number) =>
    unit && { prefillReplicas: unit.prefillReplicas * n, decodeReplicas: unit.decodeReplicas * n };
  const search = searchReplicas(input.maxReplicas, (replicas) => {
    const at = unit ? { ...s, cluster: { ...s.cluster, disaggregation: pools(replicas) } } : s;
    const result = runServingPoint(at, { replicas }, 0).result;
    return { meets: judgeSlo(input.slo, result).meets, result };
  });
  const chosen = search.best;
  const r = chosen.result;
  const gpus = r.gpus;
  const datacenter = {
    ...input.datacenter,
    gpuUsdPerHour: c.gpuUsdPerHour ?? input.datacenter.gpuUsdPerHour,
  };
  const nodeW = nodePowerW(s.profile, gpus);
  // One series gives both the daily peak and the power over time, so the two agree.
  const power = fleetPowerSeries(r, nodeW, datacenter.pue);
  const daily = dailyTotals(datacenter, {
    gpus,
    gpusPerNode: s.profile.node.gpusPerNode,
    avgGpuPowerW: r.avgGpuPowerW,
    peakGpuPowerW: Math.max(r.avgGpuPowerW, power.peakGpuPowerW),
    nodePowerW: nodeW,
  });
  return {
    growth,
    candidate: c.name,
    feasible: search.found !== undefined,
    replicas: chosen.replicas,
    ...(unit ? { pools: pools(chosen.replicas) } : {}),
    tp: s.cluster.tp,
    gpus,
    slo: judgeSlo(input.slo, r),
    ...(search.oneFewer ? { oneFewerSlo: judgeSlo(input.slo, search.oneFewer.result) } : {}),
    replays: search.trials.length,
    result: r,
    daily,
    power,
    gpuEnergyPerOutputTokenJ: r.gpuEnergyPerOutputTokenJ,
    totalEnergyPerOutputTokenJ: r.totalEnergyPerOutputTokenJ,
  };
}
