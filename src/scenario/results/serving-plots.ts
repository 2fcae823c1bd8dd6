/**
 * The report of a serving run or sweep: the frontier of the scenario's energy metric against its
 * latency metric (SLO-breaking points as crosses, kept off the frontier), and the 1 s GPU power
 * series of the default setting and of the lowest-energy point. Latency CDFs are not drawn: a
 * result keeps p50/p90/p99 and the mean, not the per-request samples a CDF needs.
 */
import type { ServingPointResult, ServingSweep } from "../../optimize/serving/sweep-serving.js";
import { baseUnitOf, formatQuantity } from "../../report/quantity.js";
import type { LineSeries, PlotPoint } from "../../report/plot/index.js";
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
  const energyText = (x: number) =>
    energyBase ? formatQuantity(x, energyBase) : Number(x.toPrecision(4)).toString();
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

  const skipped = [
    "latency CDFs: a serving result keeps TTFT/TPOT/ITL as mean, p50, p90 and p99, not the per-request samples a CDF needs",
  ];
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
  plots.power = {
    title: `GPU power over time (${d.result.gpus} GPUs, ${d.result.powerSeriesBinS} s averages)`,
    x: { label: "time since first arrival", base: "s" },
    y: { label: "GPU power", base: "W" },
    series,
    step: true,
  };
  return plots;
}
