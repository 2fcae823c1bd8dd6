/**
 * Results of an estimate sweep as files (points.csv, frontier.csv, summary.json) and as the
 * terminal table the quickstart prints: the frontier, with the default setting placed on it.
 */
import type { EstimateRun } from "../run-scenario.js";
import type { EstimateResult } from "../../optimize/estimate.js";
import type { SweepPoint } from "../../optimize/sweep-estimate.js";
import { toCsv } from "../../report/csv.js";
import { toJson } from "../../report/json.js";
import { formatTable, markRow } from "../../report/table.js";

const POINT_COLUMNS = [
  "index",
  "lockedMHz",
  "powerCapW",
  "freqMHz",
  "capBound",
  "capUnreachable",
  "timeS",
  "gpuEnergyJ",
  "avgGpuPowerW",
  "nodeEnergyJ",
  "totalEnergyJ",
  "avgTotalPowerW",
  "achievedTflops",
  "onFrontier",
] as const;

export function pointRow(p: SweepPoint, onFrontier: boolean) {
  return {
    index: p.index,
    lockedMHz: p.lockedMHz,
    powerCapW: p.powerCapW,
    freqMHz: p.freqMHz,
    capBound: p.capBound,
    capUnreachable: p.capUnreachable,
    timeS: p.timeS,
    gpuEnergyJ: p.gpuEnergyJ,
    avgGpuPowerW: p.avgGpuPowerW,
    nodeEnergyJ: p.nodeEnergyJ,
    totalEnergyJ: p.totalEnergyJ,
    avgTotalPowerW: p.avgTotalPowerW,
    achievedTflops: p.achievedTflops,
    onFrontier,
  };
}

const brief = (p: EstimateResult) => ({
  timeS: p.timeS,
  gpuEnergyJ: p.gpuEnergyJ,
  avgGpuPowerW: p.avgGpuPowerW,
  nodeEnergyJ: p.nodeEnergyJ,
  totalEnergyJ: p.totalEnergyJ,
  freqMHz: p.freqMHz,
  capBound: p.capBound,
  lockedMHz: p.lockedMHz,
  powerCapW: p.powerCapW,
});

export function estimateSummary(run: EstimateRun) {
  const { scenario, sweep } = run;
  const d = sweep.defaultPoint;
  return {
    scenario: scenario.name,
    kind: scenario.kind,
    hardware: scenario.profile.name,
    workload: d.workload,
    gpus: d.gpus,
    points: sweep.points.length,
    frontierPoints: sweep.frontier.length,
    default: brief(d),
    defaultDominated: sweep.defaultDominated,
    // Caps below what the step draws at the lowest clock: it runs there, over the cap.
    unreachableCapsW: [
      ...new Set(sweep.points.filter((p) => p.capUnreachable).map((p) => p.powerCapW)),
    ],
    fastest: brief(sweep.fastest),
    minEnergy: brief(sweep.minEnergy),
    minEnergySavingPct: 100 * (1 - sweep.minEnergy.gpuEnergyJ / d.gpuEnergyJ),
    minEnergySlowdownPct: 100 * (sweep.minEnergy.timeS / d.timeS - 1),
  };
}

export async function estimateRunFiles(run: EstimateRun): Promise<Record<string, string>> {
  const points = run.sweep.points.map((p, i) => pointRow(p, run.sweep.onFrontier[i] === true));
  const frontier = run.sweep.frontier.map((p) => pointRow(p, true));
  return {
    "points.csv": await toCsv(points, [...POINT_COLUMNS]),
    "frontier.csv": await toCsv(frontier, [...POINT_COLUMNS]),
    "summary.json": toJson(estimateSummary(run)),
  };
}

export function formatEstimateRun(run: EstimateRun): string {
  const { sweep } = run;
  const d = sweep.defaultPoint;
  const rows = [
    ...sweep.frontier.map((p) => markRow(tableRow(p, d), "*")),
    markRow(tableRow(d, d), "default"),
  ].sort((a, b) => a.timeS - b.timeS);
  const s = estimateSummary(run);
  const lines = [
    `${run.scenario.name}: ${d.workload} on ${d.gpus} x ${run.scenario.profile.displayName}`,
    `${sweep.points.length} operating points, ${sweep.frontier.length} on the time-energy frontier (*)`,
    "",
    formatTable(rows, [
      { key: "lock", header: "lock", unit: "MHz" },
      { key: "cap", header: "cap", unit: "W" },
      { key: "freqMHz", header: "clock", unit: "MHz" },
      { key: "timeS", header: "time", quantity: "s" },
      { key: "gpuEnergyJ", header: "GPU energy", quantity: "J" },
      { key: "avgGpuPowerW", header: "GPU power", quantity: "W" },
      { key: "totalEnergyJ", header: "with node", quantity: "J" },
      { key: "vsDefault", header: "GPU energy vs default", align: "right" },
    ]),
    `default (${d.freqMHz} MHz${d.capBound ? ", power-capped" : ""}): ${fmt(d.timeS * 1e3)} ms, ${fmt(d.gpuEnergyJ)} J GPU, ${fmt(d.totalEnergyJ)} J with node` +
      (sweep.defaultDominated ? " - dominated by a swept point" : ""),
    `lowest GPU energy: ${fmt(sweep.minEnergy.gpuEnergyJ)} J at ${sweep.minEnergy.freqMHz} MHz: ` +
      `${fmt(s.minEnergySavingPct)}% less energy, ${fmt(s.minEnergySlowdownPct)}% more time than default`,
  ];
  const unreachable = s.unreachableCapsW;
  if (unreachable.length > 0) {
    const lowest = sweep.points.find((p) => p.capUnreachable)!;
    lines.push(
      `unreachable caps: ${unreachable.join(", ")} W are below what the step draws at the lowest clock ` +
        `(${fmt(lowest.perGpu.avgPowerW)} W per GPU); those points run there, over their cap`,
    );
  }
  return lines.join("\n") + "\n";
}

const fmt = (x: number) => Number(x.toPrecision(3)).toString();

function tableRow(p: EstimateResult, d: EstimateResult) {
  return {
    lock: p.lockedMHz ?? "-",
    cap: p.powerCapW ?? "-",
    freqMHz: p.freqMHz,
    timeS: p.timeS,
    gpuEnergyJ: p.gpuEnergyJ,
    avgGpuPowerW: p.avgGpuPowerW,
    totalEnergyJ: p.totalEnergyJ,
    vsDefault: `${p.gpuEnergyJ <= d.gpuEnergyJ ? "" : "+"}${(100 * (p.gpuEnergyJ / d.gpuEnergyJ - 1)).toFixed(1)}%`,
  };
}
