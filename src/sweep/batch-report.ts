/**
 * The readable part of a batch sweep's results: plots/frontier.svg (every row of every point,
 * rows breaking the scenario's SLO as crosses, the frontier highlighted; its Vega-Lite spec as
 * plots/frontier.vl.json) and a self-contained report.html with the summary, the plot and the
 * frontier's rows. A function of the rows only, like the data files, so any worker or shard
 * count gives the same bytes.
 */
import { assertFiniteText } from "../report/finite-check.js";
import { toJson } from "../report/json.js";
import {
  frontierPlotSpec,
  renderSvg,
  reportHtml,
  type PlotPoint,
  type ReportSection,
} from "../report/plot/index.js";
import { baseUnitOf, formatMetric } from "../report/quantity.js";
import type { AxisSpec } from "../report/plot/axis.js";
import { describePoint } from "./describe-point.js";

export interface BatchReportRow {
  point: number;
  /** The point's axis values, as in points.csv. */
  values: Record<string, unknown>;
  x: number;
  y: number;
  /** False for a row that breaks the scenario's SLO; absent where the kind has none. */
  meetsSlo?: boolean;
}

export interface BatchReportInput {
  name: string;
  kind: string;
  axes: readonly string[];
  /** Names of the frontier's two costs (e.g. `itlS.p50`, `gpuEnergyPerOutputTokenJ`). */
  costs: { x: string; y: string } | null;
  rows: readonly BatchReportRow[];
  frontier: readonly BatchReportRow[];
  summary: readonly (readonly [string, string])[];
}

const axisOf = (name: string): AxisSpec => {
  const base = baseUnitOf(name);
  return base === undefined ? { label: name } : { label: name, base };
};

function label(r: BatchReportRow, axes: readonly string[]): string {
  const knobs = describePoint(axes, r.values);
  return `point ${r.point}${knobs ? `: ${knobs}` : ""}`;
}

export async function batchReportFiles(b: BatchReportInput): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const sections: ReportSection[] = [];
  const notes: string[] = [];
  // The user's own strings (scenario name, axis values) are not numbers wattif printed.
  const own = [b.name, ...b.rows.map((r) => describePoint(b.axes, r.values))];
  if (b.costs !== null && b.rows.length > 0) {
    const point = (r: BatchReportRow): PlotPoint => ({
      x: r.x,
      y: r.y,
      label: label(r, b.axes),
      ...(r.meetsSlo === undefined ? {} : { meetsSlo: r.meetsSlo }),
    });
    const spec = frontierPlotSpec({
      title: `${b.name}: ${b.rows.length} rows of ${new Set(b.rows.map((r) => r.point)).size} points`,
      x: axisOf(b.costs.x),
      y: axisOf(b.costs.y),
      points: b.rows.map(point),
      frontier: b.frontier.map(point),
      pointsName: "sweep row",
    });
    files["plots/frontier.vl.json"] = toJson(spec);
    const svg = await renderSvg(spec);
    assertFiniteText(svg, "plots/frontier.svg", own);
    files["plots/frontier.svg"] = svg;
    sections.push({ id: "plot-frontier", title: "Time-energy frontier over the sweep", svg });
  } else {
    notes.push("Not drawn: no point finished with finite costs.");
  }
  files["report.html"] = reportHtml({
    title: b.name,
    subtitle: `batch sweep (${b.kind}) over ${b.axes.join(", ")}`,
    summary: [...b.summary, ...frontierRows(b)],
    sections,
    notes,
  });
  assertFiniteText(files["report.html"], "report.html", own);
  return files;
}

/** The frontier's rows in order of the first cost, for the summary table. */
function frontierRows(b: BatchReportInput): [string, string][] {
  if (b.costs === null) return [];
  const costs = b.costs;
  const show = (name: string, v: number) => `${name} ${formatMetric(name, v)}`;
  return [...b.frontier]
    .sort((p, q) => p.x - q.x)
    .map((r) => [`frontier: ${label(r, b.axes)}`, `${show(costs.x, r.x)}, ${show(costs.y, r.y)}`]);
}
