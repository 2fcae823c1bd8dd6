/**
 * The files that make a result readable, beside the data files: manifest.json, each plot as
 * plots/<name>.svg with its Vega-Lite spec as plots/<name>.vl.json, and report.html (summary and
 * the SVGs inline). Built from an outcome's plain plot data only, so whatever runs and writes the
 * points can add these with one call.
 */
import { assertFiniteText } from "../../report/finite-check.js";
import { toJson } from "../../report/json.js";
import {
  cdfPlotSpec,
  frontierPlotSpec,
  linePlotSpec,
  renderSvg,
  reportHtml,
  timelinePlotSpec,
  type ReportSection,
} from "../../report/plot/index.js";
import type { TopLevelSpec } from "vega-lite";
import type { ResultManifest } from "./manifest.js";
import type { ScenarioPlots } from "./scenario-plots.js";

export interface ReportableOutcome {
  plots: ScenarioPlots;
  /** Absent where no scenario file stands behind the result (e.g. `wattif frontier`). */
  manifest?: ResultManifest;
}

/** The plots a result has, in report order: [file stem, caption, spec]. */
export function plotSpecs(plots: ScenarioPlots): [string, string, TopLevelSpec][] {
  const out: [string, string, TopLevelSpec][] = [];
  if (plots.frontier)
    out.push(["frontier", "Time-energy frontier", frontierPlotSpec(plots.frontier)]);
  if (plots.power) out.push(["power", "Power over time", linePlotSpec(plots.power)]);
  if (plots.latencyCdf)
    out.push(["latency-cdf", "Latency CDFs", cdfPlotSpec(plots.latencyCdf)]);
  if (plots.timeline)
    out.push(["timeline", "Per-stage timeline", timelinePlotSpec(plots.timeline)]);
  return out;
}

export async function reportFiles(outcome: ReportableOutcome): Promise<Record<string, string>> {
  const files: Record<string, string> = outcome.manifest
    ? { "manifest.json": toJson(outcome.manifest) }
    : {};
  const sections: ReportSection[] = [];
  // The user's own strings (scenario and profile names, titles) are not numbers wattif printed.
  const own = [
    outcome.plots.title,
    outcome.plots.subtitle,
    ...(outcome.manifest
      ? [
          outcome.manifest.scenario.name,
          outcome.manifest.scenario.file,
          ...outcome.manifest.profiles.flatMap((p) => [p.name, p.file ?? ""]),
        ]
      : []),
  ];
  for (const [stem, caption, spec] of plotSpecs(outcome.plots)) {
    // The spec's data is checked (toJson) before drawing, and the drawing after it: no NaN
    // coordinate or label reaches a file (finite-check.ts).
    files[`plots/${stem}.vl.json`] = toJson(spec);
    const svg = await renderSvg(spec);
    assertFiniteText(svg, `plots/${stem}.svg`, own);
    files[`plots/${stem}.svg`] = svg;
    sections.push({ id: `plot-${stem}`, title: caption, svg });
  }
  const p = outcome.plots;
  files["report.html"] = reportHtml({
    title: p.title,
    subtitle: p.subtitle,
    summary: p.summary,
    sections,
    notes: p.skipped.map((s) => `Not drawn: ${s}.`),
  });
  assertFiniteText(files["report.html"], "report.html", own);
  return files;
}
