/**
 * Results of `wattif plan`: per demand level and candidate, the replicas found and what the fleet
 * draws and costs per day (plan.csv), the cost-energy frontier (frontier.csv), the summary with
 * the recommendation, and the terminal text. An infeasible plan is a verdict, not an error.
 */
import type { CapacityPlan, CapacityRow } from "../../optimize/capacity/plan-capacity.js";
import { toCsv } from "../../report/csv.js";
import { toJson } from "../../report/json.js";
import { formatTable } from "../../report/table.js";
import type { CapacityScenario } from "../load-capacity-scenario.js";

const COLUMNS = [
  "growth",
  "candidate",
  "feasible",
  "fitsBudget",
  "replicas",
  "prefillReplicas",
  "decodeReplicas",
  "tp",
  "gpus",
  "nodes",
  "ttftP90S",
  "tpotP90S",
  "avgItPowerW",
  "peakItPowerW",
  "avgFacilityPowerW",
  "peakFacilityPowerW",
  "facilityEnergyMWhPerDay",
  "costUsdPerDay",
  "co2TonnesPerDay",
  "gpuEnergyPerOutputTokenJ",
  "totalEnergyPerOutputTokenJ",
  "replays",
] as const;

function row(r: CapacityRow) {
  return {
    growth: r.growth,
    candidate: r.candidate,
    feasible: r.feasible,
    fitsBudget: r.daily.fitsBudget,
    replicas: r.replicas,
    ...(r.pools ?? {}),
    tp: r.tp,
    gpus: r.gpus,
    nodes: r.daily.nodes,
    ttftP90S: r.result.ttftS.p90,
    tpotP90S: r.result.tpotS.p90,
    avgItPowerW: r.daily.avgItPowerW,
    peakItPowerW: r.daily.peakItPowerW,
    avgFacilityPowerW: r.daily.avgFacilityPowerW,
    peakFacilityPowerW: r.daily.peakFacilityPowerW,
    facilityEnergyMWhPerDay: r.daily.facilityEnergyMWhPerDay,
    costUsdPerDay: r.daily.costUsdPerDay,
    co2TonnesPerDay: r.daily.co2TonnesPerDay,
    gpuEnergyPerOutputTokenJ: r.gpuEnergyPerOutputTokenJ,
    totalEnergyPerOutputTokenJ: r.totalEnergyPerOutputTokenJ,
    replays: r.replays,
  };
}

export function capacitySummary(s: CapacityScenario, plan: CapacityPlan) {
  return {
    scenario: s.name,
    kind: s.kind,
    objective: plan.objective,
    slo: s.slo,
    datacenter: s.datacenter,
    levels: plan.levels.map((l) => ({
      growth: l.growth,
      recommended: l.recommended ? row(l.recommended) : null,
      verdict: verdictOf(l.recommended, l.rows),
      candidates: l.rows.map((r) => ({
        ...row(r),
        sloChecks: r.slo.checks,
        oneFewerMeetsSlo: r.oneFewerSlo?.meets ?? null,
        budgetNotes: r.daily.budgetNotes,
        facilitySwingW: r.power.swingW,
        troughFacilityW: r.power.troughFacilityW,
      })),
      frontier: l.frontier.map((r) => r.candidate),
    })),
  };
}

export async function capacityFiles(
  s: CapacityScenario,
  plan: CapacityPlan,
): Promise<Record<string, string>> {
  const rows = plan.levels.flatMap((l) => l.rows.map(row));
  const frontier = plan.levels.flatMap((l) => l.frontier.map(row));
  // The facility power series of each level's pick (or, when none works, its first candidate).
  const series = plan.levels.flatMap((l) => {
    const r = l.recommended ?? l.rows[0]!;
    return r.power.timeS.map((timeS, i) => ({
      growth: l.growth,
      candidate: r.candidate,
      timeS,
      gpuPowerW: r.power.gpuPowerW[i],
      itPowerW: r.power.itPowerW[i],
      facilityPowerW: r.power.facilityPowerW[i],
    }));
  });
  return {
    "fleet-power.csv": await toCsv(series, [
      "growth",
      "candidate",
      "timeS",
      "gpuPowerW",
      "itPowerW",
      "facilityPowerW",
    ]),
    "plan.csv": await toCsv(rows, [...COLUMNS]),
    "frontier.csv": await toCsv(frontier, [...COLUMNS]),
    "summary.json": toJson(capacitySummary(s, plan)),
  };
}

/**
 * Every (demand level, candidate) of a plan as one row for a batch sweep, with its two costs:
 * cost (USD/day) and facility energy (MWh/day), both minimized. A deployment that misses the
 * SLOs at every count or breaks a power budget gets no costs (NaN), so it never reaches the
 * sweep's frontier, as it never reaches the plan's own.
 */
export function capacityRows(plan: CapacityPlan) {
  return plan.levels.flatMap((l) =>
    l.rows.map((r) => {
      const usable = r.feasible && r.daily.fitsBudget;
      return {
        row: { ...row(r), recommended: r === l.recommended } as Record<string, unknown>,
        x: usable ? r.daily.costUsdPerDay : NaN,
        y: usable ? r.daily.facilityEnergyMWhPerDay : NaN,
      };
    }),
  );
}

function verdictOf(best: CapacityRow | undefined, rows: readonly CapacityRow[]): string {
  if (best !== undefined)
    return `${best.candidate}: ${best.replicas} replica(s), ${best.gpus} GPUs`;
  const feasible = rows.filter((r) => r.feasible);
  if (feasible.length === 0) {
    const closest = [...rows].sort((a, b) => worst(a) - worst(b))[0]!;
    const c = closest.slo.checks[0]!;
    return (
      `infeasible: no candidate meets the SLOs with up to ${closest.replicas} replicas; closest ` +
      `${closest.candidate} at ${closest.replicas}: ${c.metric} ${fmtS(c.measuredS)} vs ${fmtS(c.targetS)}`
    );
  }
  const r = feasible[0]!;
  return `over budget: every deployment that meets the SLOs breaks a power budget (${r.candidate}: ${r.daily.budgetNotes.join("; ")})`;
}

const worst = (r: CapacityRow) => {
  const c = r.slo.checks[0];
  return c === undefined ? 0 : c.measuredS / c.targetS;
};

const fmtS = (s: number) => (s < 1 ? `${(s * 1e3).toPrecision(3)} ms` : `${s.toPrecision(3)} s`);
const sig = (x: number, digits = 3) => Number(x.toPrecision(digits));

export function formatCapacity(s: CapacityScenario, plan: CapacityPlan): string {
  const lines = [
    `${s.name}: fewest replicas meeting ${sloText(s)} per candidate, by replaying the trace; ` +
      `PUE ${s.datacenter.pue}, objective: ${plan.objective}`,
  ];
  for (const l of plan.levels) {
    lines.push("", `demand ${l.growth}x the trace's rate`);
    const table = l.rows.map((r) => ({
      mark: r === l.recommended ? "best" : l.frontier.includes(r) ? "*" : "",
      candidate: r.candidate,
      replicas:
        (r.feasible ? String(r.replicas) : `>${r.replicas}`) +
        (r.pools ? ` (${r.pools.prefillReplicas}P+${r.pools.decodeReplicas}D)` : ""),
      gpus: r.gpus,
      ttft: sig(r.result.ttftS.p90 * 1e3),
      tpot: sig(r.result.tpotS.p90 * 1e3),
      itKW: sig(r.daily.avgItPowerW / 1e3),
      peakKW: sig(r.daily.peakFacilityPowerW / 1e3),
      mwh: sig(r.daily.facilityEnergyMWhPerDay),
      usd: Math.round(r.daily.costUsdPerDay),
      co2: sig(r.daily.co2TonnesPerDay),
      jTok: sig(r.totalEnergyPerOutputTokenJ),
      budget: r.daily.fitsBudget ? "ok" : "over",
    }));
    lines.push(
      formatTable(table, [
        { key: "mark", header: "" },
        { key: "candidate", header: "candidate" },
        { key: "replicas", header: "replicas", align: "right" },
        { key: "gpus", header: "GPUs" },
        { key: "ttft", header: "TTFT p90", unit: "ms" },
        { key: "tpot", header: "TPOT p90", unit: "ms" },
        { key: "itKW", header: "IT power", unit: "kW" },
        { key: "peakKW", header: "facility peak", unit: "kW" },
        { key: "mwh", header: "energy/day", unit: "MWh" },
        { key: "usd", header: "cost/day", unit: "USD" },
        { key: "co2", header: "CO2/day", unit: "t" },
        { key: "jTok", header: "J/token (GPU+node)" },
        { key: "budget", header: "budget" },
      ]),
      `verdict: ${verdictOf(l.recommended, l.rows)}`,
    );
  }
  return lines.join("\n") + "\n";
}

function sloText(s: CapacityScenario): string {
  return Object.entries(s.slo)
    .map(([k, v]) => `${k.replace(/S$/, "")} <= ${fmtS(v as number)}`)
    .join(", ");
}
