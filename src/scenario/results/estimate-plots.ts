/**
 * The report of an estimate sweep: GPU energy against time of one step over the swept clock
 * locks and power caps, the frontier and the default. A step is priced as if it ran back to
 * back at one average power, so there is no power timeline to draw.
 */
import type { EstimateResult } from "../../optimize/estimate.js";
import { formatQuantity } from "../../report/quantity.js";
import type { PlotPoint } from "../../report/plot/index.js";
import type { EstimateRun } from "../run-scenario.js";
import type { ScenarioPlots } from "./scenario-plots.js";

export function estimateLabel(p: EstimateResult): string {
  const parts = [
    p.lockedMHz != null ? `lock ${p.lockedMHz} MHz` : "",
    p.powerCapW != null ? `cap ${p.powerCapW} W` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "default";
}

export function estimatePlots(run: EstimateRun): ScenarioPlots {
  const { scenario, sweep } = run;
  const d = sweep.defaultPoint;
  const point = (p: EstimateResult): PlotPoint => ({
    x: p.timeS,
    y: p.gpuEnergyJ,
    label: estimateLabel(p),
  });
  const at = (p: EstimateResult) =>
    `${estimateLabel(p)}: ${formatQuantity(p.timeS, "s")}, ${formatQuantity(p.gpuEnergyJ, "J")} GPU, ${p.freqMHz} MHz`;
  const plots: ScenarioPlots = {
    title: `${scenario.name}: ${d.workload} on ${d.gpus} x ${scenario.profile.displayName}`,
    subtitle: scenario.description,
    summary: [
      ["scenario", `${scenario.name} (estimate)`],
      ["hardware", scenario.profile.displayName],
      ["workload", d.workload],
      ["operating points", String(sweep.points.length)],
      ["on the frontier", String(sweep.frontier.length)],
      ["default", at(d)],
      ["lowest GPU energy", at(sweep.minEnergy)],
      ["fastest", at(sweep.fastest)],
    ],
    skipped: ["power over time: an estimate prices one step at its average power"],
  };
  if (sweep.points.length > 1) {
    plots.frontier = {
      title: "GPU energy vs time of one step",
      x: { label: "step time", base: "s" },
      y: { label: "GPU energy", base: "J" },
      points: sweep.points.map(point),
      frontier: sweep.frontier.map(point),
      defaultPoint: point(d),
    };
  } else {
    plots.skipped.push("frontier: one operating point, nothing to trade off");
  }
  return plots;
}
