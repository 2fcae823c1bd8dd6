/**
 * Results of a training plan (`wattif plan` with a `training` block): the search over GPU counts
 * (search.csv), the chosen count at each operating point (plan.csv), the facility power over a
 * few steps per point (job-power.csv, and the report's power plot), the summary and the terminal
 * text. An infeasible or over-budget plan is a verdict, not an error.
 */
import type {
  TrainingDemand,
  TrainingPlan,
  TrainingPlans,
  TrainingPoint,
} from "../../optimize/capacity/plan-training-capacity.js";
import { toCsv } from "../../report/csv.js";
import { toJson } from "../../report/json.js";
import type { LinePlotData } from "../../report/plot/index.js";
import { formatTable } from "../../report/table.js";
import type { CapacityScenario } from "../load-capacity-scenario.js";
import type { ScenarioPlots } from "./scenario-plots.js";

const COLUMNS = [
  "layout",
  "point",
  "powerCapW",
  "smClockMHz",
  "smoothingFloorW",
  "dp",
  "gpus",
  "nodes",
  "steps",
  "stepS",
  "expectedStepS",
  "days",
  "meetsDeadline",
  "fitsBudget",
  "gpuEnergyMWh",
  "itEnergyMWh",
  "facilityEnergyMWh",
  "energyUsd",
  "gpuUsd",
  "costUsd",
  "co2Tonnes",
  "avgFacilityPowerW",
  "peakFacilityPowerW",
  "troughFacilityPowerW",
  "swingFacilityW",
  "slowStepProbability",
  "stragglerStepIncreasePct",
  "stragglerEnergyIncreasePct",
] as const;

function row(plan: TrainingPlan, p: TrainingPoint) {
  return {
    layout: plan.layout,
    point: p.point.name,
    powerCapW: p.point.powerCapW ?? "",
    smClockMHz: p.point.smClockMHz ?? "",
    smoothingFloorW: p.point.smoothingFloorW ?? "",
    dp: p.dp,
    gpus: p.gpus,
    nodes: p.power.nodes,
    steps: p.steps,
    stepS: p.stepS,
    expectedStepS: p.expectedStepS,
    days: p.totals.days,
    meetsDeadline: p.meetsDeadline,
    fitsBudget: p.power.fitsBudget,
    onFrontier: plan.frontier.includes(p),
    gpuEnergyMWh: p.gpuEnergyMWh,
    itEnergyMWh: p.totals.itEnergyMWh,
    facilityEnergyMWh: p.totals.facilityEnergyMWh,
    energyUsd: p.totals.energyUsd,
    gpuUsd: p.totals.gpuUsd,
    costUsd: p.totals.costUsd,
    co2Tonnes: p.totals.co2Tonnes,
    avgFacilityPowerW: p.power.avgFacilityPowerW,
    peakFacilityPowerW: p.power.peakFacilityPowerW,
    troughFacilityPowerW: p.series.troughFacilityW,
    swingFacilityW: p.series.swingW,
    slowStepProbability: p.straggler?.slowStepProbability ?? "",
    stragglerStepIncreasePct: p.straggler?.stepIncreasePct ?? "",
    stragglerEnergyIncreasePct: p.straggler?.energyIncreasePct ?? "",
  };
}

export function trainingPlanSummary(s: CapacityScenario, plans: TrainingPlans) {
  const r = plans.recommended;
  return {
    scenario: s.name,
    kind: s.kind,
    demand: "training",
    objective: plans.objective,
    tokens: s.training!.tokens,
    deadlineDays: s.training!.deadlineDays ?? null,
    maxGpus: s.training!.maxGpus,
    datacenter: s.datacenter,
    verdict: plansVerdict(plans),
    recommended: r ? row(r.plan, r.point) : null,
    layouts: plans.plans.map((plan) => ({
      layout: plan.layout,
      feasible: plan.feasible,
      verdict: trainingVerdict(plan),
      oneFewer: plan.oneFewer ? row(plan, plan.oneFewer) : null,
      search: plan.trials.map((t) => ({
        dp: t.result.dp,
        gpus: t.result.gpus,
        days: t.result.totals.days,
        meetsDeadline: t.meets,
      })),
      points: plan.points.map((p) => ({ ...row(plan, p), budgetNotes: p.power.budgetNotes })),
    })),
  };
}

export async function trainingPlanFiles(
  s: CapacityScenario,
  plans: TrainingPlans,
): Promise<Record<string, string>> {
  const series = plans.plans.flatMap((plan) =>
    plan.points.flatMap((p) =>
      p.series.timeS.map((timeS, i) => ({
        layout: plan.layout,
        point: p.point.name,
        timeS,
        gpuPowerW: p.series.gpuPowerW[i],
        itPowerW: p.series.itPowerW[i],
        facilityPowerW: p.series.facilityPowerW[i],
      })),
    ),
  );
  const search = plans.plans.flatMap((plan) =>
    plan.trials.map((t) => ({
      layout: plan.layout,
      dp: t.result.dp,
      gpus: t.result.gpus,
      stepS: t.result.stepS,
      expectedStepS: t.result.expectedStepS,
      days: t.result.totals.days,
      meetsDeadline: t.meets,
    })),
  );
  const rows = plans.plans.flatMap((plan) => plan.points.map((p) => row(plan, p)));
  return {
    "job-power.csv": await toCsv(series, [
      "layout",
      "point",
      "timeS",
      "gpuPowerW",
      "itPowerW",
      "facilityPowerW",
    ]),
    "plan.csv": await toCsv(rows, [...COLUMNS]),
    "search.csv": await toCsv(search, [
      "layout",
      "dp",
      "gpus",
      "stepS",
      "expectedStepS",
      "days",
      "meetsDeadline",
    ]),
    "summary.json": toJson(trainingPlanSummary(s, plans)),
  };
}

/** Across layouts: the pick, or why there is none (the layout closest to the deadline). */
export function plansVerdict(plans: TrainingPlans): string {
  const r = plans.recommended;
  if (plans.plans.length === 1) return trainingVerdict(plans.plans[0]!);
  if (r !== undefined)
    return (
      `${r.plan.layout} at ${r.point.point.name}: ${r.point.gpus} GPUs, ` +
      `${fmtDays(r.point.totals.days)}, ${sig(r.point.totals.facilityEnergyMWh)} MWh, ` +
      `$${Math.round(r.point.totals.costUsd).toLocaleString("en-US")} (objective: ${plans.objective})`
    );
  const feasible = plans.plans.find((p) => p.feasible);
  if (feasible) return `${feasible.layout}: ${trainingVerdict(feasible)}`;
  const closest = [...plans.plans].sort((a, b) => a.chosen.totals.days - b.chosen.totals.days)[0]!;
  return `${closest.layout} (closest): ${trainingVerdict(closest)}`;
}

export function trainingVerdict(plan: TrainingPlan): string {
  const c = plan.chosen;
  const d = plan.deadlineDays;
  const at = `${c.gpus} GPUs (dp ${c.dp})`;
  if (d === undefined) return `GPU budget: ${at} train in ${fmtDays(c.totals.days)}`;
  if (!plan.feasible)
    return (
      `infeasible: the ${d}-day deadline is out of reach within ${plan.maxGpus} GPUs; ` +
      `the best found, ${at}, takes ${fmtDays(c.totals.days)}`
    );
  const fewer = plan.oneFewer
    ? ` (dp ${plan.oneFewer.dp}, ${plan.oneFewer.gpus} GPUs, takes ${fmtDays(plan.oneFewer.totals.days)})`
    : "";
  const met = `${at} are the fewest that meet the ${d}-day deadline${fewer}`;
  const r = plan.recommended;
  if (r === undefined) {
    const notes = plan.points.find((p) => p.meetsDeadline)?.power.budgetNotes ?? [];
    return `over budget: ${met}, but no operating point meeting it fits the power budgets (${notes.join("; ")})`;
  }
  return `${met}; ${r.point.name}: ${fmtDays(r.totals.days)}, ${sig(r.totals.facilityEnergyMWh)} MWh, $${Math.round(r.totals.costUsd).toLocaleString("en-US")}`;
}

const fmtDays = (d: number) => `${d.toPrecision(3)} days`;
const sig = (x: number, digits = 3) => Number(x.toPrecision(digits));

export function formatTrainingPlan(s: CapacityScenario, plans: TrainingPlans): string {
  const t = s.training!;
  const lines = [
    `${s.name}: fewest GPUs (data-parallel replicas of each layout) training ` +
      `${t.tokens.toExponential(3)} tokens` +
      (t.deadlineDays !== undefined ? ` within ${t.deadlineDays} days` : "") +
      `, at most ${t.maxGpus} GPUs, by replaying the job's step; PUE ${s.datacenter.pue}, ` +
      `objective: ${plans.objective}`,
  ];
  plans.plans.forEach((plan, i) => {
    lines.push("", ...formatLayout(plan, t.layouts[i]!.demand, s.datacenter.pue));
  });
  if (plans.plans.length > 1) lines.push("", `verdict: ${plansVerdict(plans)}`);
  return lines.join("\n") + "\n";
}

function formatLayout(plan: TrainingPlan, demand: TrainingDemand, pue: number): string[] {
  const c = plan.chosen;
  const job = demand.at(c.dp);
  const lines = [
    `layout ${plan.layout}: TP ${demand.tp} x PP ${demand.pp} = ${demand.tp * demand.pp} GPUs a replica`,
    `search: ` +
      plan.trials
        .map((tr) => `dp ${tr.result.dp} ${sig(tr.result.totals.days)} d${tr.meets ? " ok" : ""}`)
        .join(", "),
    `job: ${c.gpus} GPUs (${c.power.nodes} nodes), ${c.steps} steps of ${job.tokensPerStep} tokens`,
  ];
  const table = plan.points.map((p) => ({
    mark: p === plan.recommended ? "best" : plan.frontier.includes(p) ? "*" : "",
    point: p.point.name,
    step: sig(p.expectedStepS, 4),
    days: sig(p.totals.days),
    deadline: p.meetsDeadline ? "ok" : "late",
    gpuMWh: sig(p.gpuEnergyMWh),
    itMWh: sig(p.totals.itEnergyMWh),
    mwh: sig(p.totals.facilityEnergyMWh),
    usd: Math.round(p.totals.costUsd),
    co2: sig(p.totals.co2Tonnes),
    avgKW: sig(p.power.avgFacilityPowerW / 1e3),
    peakKW: sig(p.power.peakFacilityPowerW / 1e3),
    swingKW: sig(p.series.swingW / 1e3),
    budget: p.power.fitsBudget ? "ok" : "over",
  }));
  lines.push(
    formatTable(table, [
      { key: "mark", header: "" },
      { key: "point", header: "point" },
      { key: "step", header: "step", unit: "s" },
      { key: "days", header: "time", unit: "days" },
      { key: "deadline", header: "deadline" },
      { key: "gpuMWh", header: "GPU energy", unit: "MWh" },
      { key: "itMWh", header: "IT energy", unit: "MWh" },
      { key: "mwh", header: "facility energy", unit: "MWh" },
      { key: "usd", header: "cost", unit: "USD" },
      { key: "co2", header: "CO2", unit: "t" },
      { key: "avgKW", header: "facility avg", unit: "kW" },
      { key: "peakKW", header: "facility peak", unit: "kW" },
      { key: "swingKW", header: "swing", unit: "kW" },
      { key: "budget", header: "budget" },
    ]),
    `time-energy frontier (* or best: no other point is both sooner and uses less facility energy): ` +
      plan.frontier.map((p) => p.point.name).join(", "),
  );
  const st = c.straggler;
  if (st !== undefined)
    lines.push(
      `stragglers: each GPU slow in ${(st.rate * 100).toPrecision(2)}% of steps at ${st.slowdown}x: ` +
        `a step has a slow GPU with probability ${(st.slowStepProbability * 100).toPrecision(3)}% ` +
        `(slow step ${sig(st.slowStepS, 4)} s vs ${sig(c.stepS, 4)} s); expected step ` +
        `+${st.stepIncreasePct.toFixed(2)}%, energy +${st.energyIncreasePct.toFixed(2)}% ` +
        `(+${sig((c.steps * (c.expectedStepS - c.stepS)) / 86_400)} days, ` +
        `+${sig((c.steps * (c.expectedStepEnergyJ - c.stepEnergyJ) * pue) / 3.6e9)} facility MWh over the job)`,
    );
  lines.push(
    `facility power over ${job.seriesSteps} step(s) at ${job.powerResolutionS} s bins: see job-power.csv`,
    `verdict: ${trainingVerdict(plan)}`,
  );
  return lines;
}

/** The facility power of each point of the picked layout (or the first) over a few steps. */
export function trainingPlanPlots(s: CapacityScenario, plans: TrainingPlans): ScenarioPlots {
  const plan = plans.recommended?.plan ?? plans.plans[0]!;
  const c = plan.chosen;
  const power: LinePlotData = {
    title: `Facility power, ${plan.layout} on ${c.gpus} GPUs (IT x PUE ${s.datacenter.pue})`,
    x: { label: "time", base: "s" },
    y: { label: "facility power", base: "W" },
    series: plan.points.map((p) => ({
      name: p.point.name,
      x: p.series.timeS,
      y: p.series.facilityPowerW,
    })),
  };
  return {
    title: s.name,
    subtitle: "training plan",
    summary: [
      ["verdict", plansVerdict(plans)],
      ["GPUs", String(c.gpus)],
      ["days", sig(c.totals.days).toString()],
      ["facility MWh", sig(c.totals.facilityEnergyMWh).toString()],
    ],
    power,
    skipped: [],
  };
}
