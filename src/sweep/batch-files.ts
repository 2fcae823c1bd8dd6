/**
 * The result files of a batch sweep, from its points' rows in point order: points.csv (the
 * point, its axis values, every row field, whether the row is on the global frontier),
 * frontier.csv (the Pareto frontier over every row of every point, by its first cost),
 * summary.json, failures.json, and the plot and report.html (batch-report.ts). Where the kind
 * applies an SLO (serving rows carry `meetsSlo`), rows that break it are kept out of the
 * frontier; `onFrontierAll` and frontier.all.csv give the frontier without that filter. A
 * function of the plan and the results only, so one run, any worker count and merged shards give
 * the same bytes.
 */
import { paretoFrontier } from "../frontier/pareto.js";
import { csvColumns, toCsv } from "../report/csv.js";
import { toJson } from "../report/json.js";
import type { ScenarioRows } from "../scenario/scenario-rows.js";
import { batchReportFiles } from "./batch-report.js";
import { canonicalJson } from "./canonical-json.js";

export interface BatchMeta {
  name: string;
  kind: string;
  axes: string[];
  /** Points in the plan (all shards). */
  plannedPoints: number;
}

export interface PointRecord {
  index: number;
  values: Record<string, unknown>;
  result: ScenarioRows;
}

export interface PointFailure {
  index: number;
  values: Record<string, unknown>;
  error: string;
}

interface Entry {
  cells: Record<string, unknown>;
  x: number;
  y: number;
}

/**
 * A row's fields beside the axis columns: a field named like an axis (a capacity plan's
 * `growth` swept as an axis) goes to `result.<name>`, so neither hides the other.
 */
function rowCells(
  row: Record<string, unknown>,
  axes: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[axes.has(k) ? `result.${k}` : k] = v;
  return out;
}

/** An axis value as one cell: scalars as they are, lists and maps as JSON. */
function cell(v: unknown): unknown {
  return v !== null && typeof v === "object" ? canonicalJson(v) : v;
}

export async function batchFiles(
  meta: BatchMeta,
  records: readonly PointRecord[],
  failures: readonly PointFailure[],
): Promise<Record<string, string>> {
  const sorted = [...records].sort((a, b) => a.index - b.index);
  const axisNames = new Set(["point", ...meta.axes]);
  const entries: Entry[] = sorted.flatMap((r) =>
    r.result.rows.map((row) => ({
      cells: {
        point: r.index,
        ...Object.fromEntries(meta.axes.map((a) => [a, cell(r.values[a])])),
        ...rowCells(row.row, axisNames),
      },
      // null (NaN through JSON) never reaches the frontier.
      x: typeof row.x === "number" ? row.x : NaN,
      y: typeof row.y === "number" ? row.y : NaN,
    })),
  );
  const finite = entries.filter((e) => Number.isFinite(e.x) && Number.isFinite(e.y));
  const byCost = { x: (e: Entry) => e.x, y: (e: Entry) => e.y };
  const hasSlo = entries.some((e) => typeof e.cells.meetsSlo === "boolean");
  const meets = (e: Entry) => e.cells.meetsSlo !== false;
  const frontier = paretoFrontier(finite.filter(meets), byCost);
  const frontierAll = hasSlo ? paretoFrontier(finite, byCost) : frontier;
  const on = new Set(frontier);
  const onAll = new Set(frontierAll);
  const rows = entries.map((e) => ({
    ...e.cells,
    onFrontier: on.has(e),
    ...(hasSlo ? { onFrontierAll: onAll.has(e) } : {}),
  }));
  const columns = csvColumns(rows.length > 0 ? rows : [{ point: 0, onFrontier: false }]);
  const axes = sorted[0]?.result.axes ?? null;
  const failed = [...failures].sort((a, b) => a.index - b.index);
  const breaking = entries.filter((e) => !meets(e)).length;
  const summary = {
    scenario: meta.name,
    kind: meta.kind,
    axes: meta.axes,
    frontierAxes: axes,
    points: meta.plannedPoints,
    pointsDone: sorted.length,
    pointsFailed: failed.length,
    rows: rows.length,
    ...(hasSlo ? { rowsBreakingSlo: breaking } : {}),
    frontierRows: frontier.length,
    ...(hasSlo ? { frontierRowsWithoutSlo: frontierAll.length } : {}),
    frontier: frontier.map((e) => ({
      point: e.cells.point,
      ...Object.fromEntries(meta.axes.map((a) => [a, e.cells[a]])),
      x: e.x,
      y: e.y,
    })),
  };
  const reportRow = (e: Entry) => ({
    point: e.cells.point as number,
    values: Object.fromEntries(meta.axes.map((a) => [a, e.cells[a]])),
    x: e.x,
    y: e.y,
    ...(hasSlo ? { meetsSlo: meets(e) } : {}),
  });
  const report = await batchReportFiles({
    name: meta.name,
    kind: meta.kind,
    axes: meta.axes,
    costs: axes,
    rows: finite.map(reportRow),
    frontier: frontier.map(reportRow),
    summary: [
      ["points", `${sorted.length} of ${meta.plannedPoints} done, ${failed.length} failed`],
      ["rows", String(rows.length)],
      ...(hasSlo ? [["rows breaking the SLO", String(breaking)] as [string, string]] : []),
      ["frontier rows", String(frontier.length)],
    ],
  });
  return {
    "points.csv": await toCsv(rows, columns),
    "frontier.csv": await toCsv(
      frontier.map((e) => ({
        ...e.cells,
        onFrontier: true,
        ...(hasSlo ? { onFrontierAll: onAll.has(e) } : {}),
      })),
      columns,
    ),
    ...(hasSlo
      ? {
          "frontier.all.csv": await toCsv(
            frontierAll.map((e) => ({ ...e.cells, onFrontier: on.has(e), onFrontierAll: true })),
            columns,
          ),
        }
      : {}),
    "summary.json": toJson(summary),
    "failures.json": toJson(
      failed.map((f) => ({ point: f.index, values: f.values, error: f.error })),
    ),
    ...report,
  };
}
