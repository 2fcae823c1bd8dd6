/**
 * The report of a serving run or sweep: the frontier of the scenario's energy metric against its
 * latency metric (SLO-breaking points as crosses, kept off the frontier), and the 1 s GPU power
 * series of the default setting and of the lowest-energy point, and the latency CDFs (TTFT,
 * TPOT, ITL, E2E) of the default and of at most four frontier points (the fastest and the
 * lowest-energy among them), with the SLO's p90 targets marked.
 */
import type { ServingPointResult, ServingSweep } from "../../optimize/serving/sweep-serving.js";
import { baseUnitOf, formatMetric, formatQuantity } from "../../report/quantity.js";
import type { CdfPanel, CdfPlotData, LineSeries, PlotPoint } from "../../report/plot/index.js";
import { CDF_PROBABILITIES } from "../../replay/serving/metrics/latency-quantiles.js";
import type { ServingScenario } from "../load-serving-scenario.js";
import type { ScenarioPlots } from "./scenario-plots.js";
import { meetsSlo, servingSloView } from "./serving-slo.js";

export function knobLabel(p: ServingPointResult): string {
  const parts = Object.entries(p.knobs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? parts.join(" ") : "default";
}

function powerSeries(name: string, p: ServingPointResult): LineSeries {
  const r = p.result;
  return {
    name,
    x: r.gpuPowerSeriesW.map((_, i) => i * r.powerSeriesBinS),
    y: r.gpuPowerSeriesW,
  };
}

export function servingPlots(s: ServingScenario, sweep: ServingSweep): ScenarioPlots {
  const view = servingSloView(s.slo, sweep);
  const d = sweep.defaultPoint;
  const energyBase = baseUnitOf(s.frontier.energy);
  const energyText = (x: number) => formatMetric(s.frontier.energy, x);
  const latencyBase = baseUnitOf(s.frontier.latency) ?? "s";
  const at = (p: ServingPointResult) =>
    `${knobLabel(p)}: ${formatQuantity(p.latencyS, latencyBase)}, ${energyText(p.energy)}`;
  const point = (p: ServingPointResult): PlotPoint => ({
    x: p.latencyS,
    y: p.energy,
    label: knobLabel(p),
    meetsSlo: meetsSlo(s.slo, p.result),
  });
  const min = view.frontier[view.frontier.length - 1];
  const minAll = view.frontierAll[view.frontierAll.length - 1];
  const summary: [string, string][] = [
    ["scenario", `${s.name} (serving)`],
    ["hardware", s.profile.displayName],
    ["model", s.model.name],
    ["engine", s.engineProfile.displayName],
    ["requests", String(s.trace.requests.length)],
    ["GPUs", String(d.result.gpus)],
    ["frontier", `${s.frontier.energy} vs ${s.frontier.latency}`],
  ];
  if (s.slo !== undefined) {
    const t = [
      s.slo.ttftS !== undefined ? `TTFT p90 <= ${formatQuantity(s.slo.ttftS, "s")}` : "",
      s.slo.tpotS !== undefined ? `TPOT p90 <= ${formatQuantity(s.slo.tpotS, "s")}` : "",
    ].filter(Boolean);
    summary.push(["SLO", t.join(", ")]);
  }
  if (sweep.points.length > 0) {
    summary.push(
      ["operating points", String(sweep.points.length)],
      ["meeting the SLO", String(view.meetsSlo.filter(Boolean).length)],
      ["on the frontier", String(view.frontier.length)],
    );
  }
  summary.push(["default", at(d).replace(/^default: /, "") + (view.defaultMeetsSlo ? "" : " (breaks the SLO)")]);
  if (min) summary.push(["lowest energy" + (view.filtered ? " meeting the SLO" : ""), at(min)]);
  else if (sweep.points.length > 0) summary.push(["lowest energy", "no point meets the SLO"]);
  if (view.filtered && minAll && minAll !== min) {
    summary.push(["lowest energy ignoring the SLO", at(minAll)]);
  }
  summary.push(
    ["GPU energy at the default", formatQuantity(d.result.gpuEnergyJ, "J")],
    ["GPU + node energy at the default", formatQuantity(d.result.totalEnergyJ, "J")],
    ["average GPU power at the default", formatQuantity(d.result.avgGpuPowerW, "W")],
  );

  const skipped: string[] = [];
  const plots: ScenarioPlots = {
    title: `${s.name}: ${s.model.name} on ${s.profile.displayName}`,
    subtitle: s.description,
    summary,
    skipped,
  };
  if (sweep.points.length > 0) {
    plots.frontier = {
      title: `${s.frontier.energy} vs ${s.frontier.latency}`,
      x: { label: s.frontier.latency, base: latencyBase },
      y: energyBase ? { label: s.frontier.energy, base: energyBase } : { label: s.frontier.energy },
      points: sweep.points.map(point),
      frontier: view.frontier.map(point),
      defaultPoint: point(d),
    };
  } else {
    skipped.push("frontier: one operating point, nothing to trade off");
  }
  const series = [powerSeries(`default (${knobLabel(d)})`, d)];
  if (min && min !== d) series.push(powerSeries(`lowest energy (${knobLabel(min)})`, min));
  plots.latencyCdf = latencyCdfPlot(s, sweep);
  plots.power = {
    title: `GPU power over time (${d.result.gpus} GPUs, ${d.result.powerSeriesBinS} s averages)`,
    x: { label: "time since first arrival", base: "s" },
    y: { label: "GPU power", base: "W" },
    series,
    step: true,
  };
  return plots;
}

/** Most frontier points whose CDFs are drawn beside the default's (the legend stays readable). */
export const MAX_CDF_FRONTIER_POINTS = 4;

/** `n` of `xs` spread evenly, the first and the last always among them. */
function spread<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  if (n === 1) return [xs[xs.length - 1]!];
  return Array.from({ length: n }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (n - 1))]!);
}

/**
 * The settings whose latency CDFs are drawn: the default, then frontier points (SLO-meeting
 * ones when there is an SLO) from the fastest to the lowest-energy, at most
 * MAX_CDF_FRONTIER_POINTS; with an SLO no point meets, the lowest-energy point, so marked.
 */
export function cdfSettings(
  s: ServingScenario,
  sweep: ServingSweep,
): { name: string; point: ServingPointResult }[] {
  const d = sweep.defaultPoint;
  const own = knobLabel(d);
  const out = [{ name: own === "default" ? own : `default (${own})`, point: d }];
  if (sweep.points.length === 0) return out;
  const view = servingSloView(s.slo, sweep);
  const meeting = view.filtered ? ", meets SLO" : "";
  const chosen = spread(view.frontier, MAX_CDF_FRONTIER_POINTS);
  chosen.forEach((p, i) => {
    const role = i === chosen.length - 1 ? `lowest energy${meeting}` : "frontier";
    out.push({ name: `${role} (${knobLabel(p)})`, point: p });
  });
  const minAll = view.frontierAll[view.frontierAll.length - 1];
  if (chosen.length === 0 && minAll !== undefined)
    out.push({ name: `lowest energy, breaks SLO (${knobLabel(minAll)})`, point: minAll });
  return out;
}

// Short panel titles: Vega sizes a panel's cell by its title's estimated width.
const CDF_METRICS = [
  { key: "ttft", field: "ttftS", axis: "time to first token", title: "TTFT", per: "request" },
  { key: "tpot", field: "tpotS", axis: "time per output token", title: "TPOT", per: "request" },
  { key: "itl", field: "itlS", axis: "inter-token latency", title: "ITL", per: "token gap" },
  { key: "e2e", field: "e2eS", axis: "end-to-end latency", title: "E2E", per: "request" },
] as const;

/** The latency CDF plot of a serving run or sweep (metrics with no samples left out). */
export function latencyCdfPlot(s: ServingScenario, sweep: ServingSweep): CdfPlotData {
  const settings = cdfSettings(s, sweep);
  const targets: Partial<Record<string, number>> = { ttft: s.slo?.ttftS, tpot: s.slo?.tpotS };
  const panels: CdfPanel[] = [];
  for (const m of CDF_METRICS) {
    const series = settings.map(({ name, point }) => ({
      name,
      quantiles: point.result.latencyQuantilesS[m.field],
    }));
    if (!series.some((x) => x.quantiles.some(Number.isFinite))) continue;
    const target = targets[m.key];
    panels.push({
      key: m.key,
      title: `${m.title}, per ${m.per}`,
      x: { label: m.axis, base: "s" },
      counts: `${m.per}s`,
      series,
      // The SLO holds on the p90 (serving-slo.ts).
      ...(target !== undefined ? { target: { value: target, probability: 0.9 } } : {}),
    });
  }
  return {
    title: `Latency CDFs (${s.trace.requests.length} requests)`,
    probabilities: CDF_PROBABILITIES,
    panels,
  };
}
