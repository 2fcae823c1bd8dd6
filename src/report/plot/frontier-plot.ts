/**
 * The frontier plot: every swept point in grey (those breaking an SLO as crosses), the frontier's
 * points and line highlighted, the default setting marked, axes titled with units, a legend.
 * The frontier's symbols are the mark named `frontier` (class `frontier_marks` in the SVG).
 */
import type { TopLevelSpec } from "vega-lite";
import { scaledAxis, type AxisSpec } from "./axis.js";
import { PLOT_CONFIG, PLOT_HEIGHT, PLOT_WIDTH } from "./plot-style.js";

export interface PlotPoint {
  x: number;
  y: number;
  /** What the point is (its knobs), shown as the mark's tooltip. */
  label: string;
  /** False for a point that breaks the scenario's SLO. */
  meetsSlo?: boolean;
}

export interface FrontierPlotData {
  title: string;
  x: AxisSpec;
  y: AxisSpec;
  points: readonly PlotPoint[];
  /** Highlighted points, drawn joined in order of x. */
  frontier: readonly PlotPoint[];
  defaultPoint?: PlotPoint;
  /** Legend name of `points`; default "swept point". */
  pointsName?: string;
}

export const FRONTIER_SERIES = {
  point: { name: "swept point", color: "#b0b0b0", shape: "circle" },
  broken: { name: "breaks SLO", color: "#e07b7b", shape: "cross" },
  frontier: { name: "frontier", color: "#d95f02", shape: "circle" },
  default: { name: "default", color: "#1b1b1b", shape: "diamond" },
} as const;

export function frontierPlotSpec(d: FrontierPlotData): TopLevelSpec {
  const all = [...d.points, ...d.frontier, ...(d.defaultPoint ? [d.defaultPoint] : [])];
  const x = scaledAxis(
    d.x,
    all.map((p) => p.x),
  );
  const y = scaledAxis(
    d.y,
    all.map((p) => p.y),
  );
  const S = {
    ...FRONTIER_SERIES,
    point: { ...FRONTIER_SERIES.point, name: d.pointsName ?? FRONTIER_SERIES.point.name },
  };
  const row = (p: PlotPoint, series: string) => ({
    x: x.scale(p.x),
    y: y.scale(p.y),
    label: p.label,
    series,
  });
  const present = [
    d.points.some((p) => p.meetsSlo !== false) ? S.point : undefined,
    d.points.some((p) => p.meetsSlo === false) ? S.broken : undefined,
    S.frontier,
    d.defaultPoint ? S.default : undefined,
  ].filter((s) => s !== undefined);
  const series = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: present.map((s) => s.name), range: present.map((s) => s.color) },
  } as const;
  const shape = {
    ...series,
    scale: { domain: present.map((s) => s.name), range: present.map((s) => s.shape) },
  } as const;
  const encoding = {
    x: { field: "x", type: "quantitative", title: x.title, scale: { zero: false } },
    y: { field: "y", type: "quantitative", title: y.title, scale: { zero: false } },
    tooltip: { field: "label", type: "nominal" },
  } as const;
  const frontier = [...d.frontier].sort((a, b) => a.x - b.x).map((p) => row(p, S.frontier.name));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: d.title,
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    config: PLOT_CONFIG,
    encoding,
    layer: [
      {
        name: "points",
        data: {
          values: d.points.map((p) => row(p, p.meetsSlo === false ? S.broken.name : S.point.name)),
        },
        mark: { type: "point", filled: true, size: 40 },
        encoding: { color: series, shape },
      },
      {
        name: "frontier_line",
        data: { values: frontier },
        mark: { type: "line", color: S.frontier.color, strokeWidth: 2 },
      },
      {
        name: "frontier",
        data: { values: frontier },
        mark: { type: "point", filled: true, size: 70, opacity: 1 },
        encoding: { color: series, shape },
      },
      ...(d.defaultPoint
        ? [
            {
              name: "default",
              data: { values: [row(d.defaultPoint, S.default.name)] },
              mark: { type: "point", filled: false, size: 160, strokeWidth: 2, opacity: 1 },
              encoding: { color: series, shape },
            } as const,
          ]
        : []),
    ],
  } as TopLevelSpec;
}
