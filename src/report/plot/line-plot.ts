/**
 * Lines over a shared x axis, one per series, with a legend: power over time (a 1 s series, or
 * a replayed step function); latency CDFs have their own (cdf-plot.ts). Series keep the order given; the lines are the mark
 * named `lines`.
 */
import type { TopLevelSpec } from "vega-lite";
import { scaledAxis, type AxisSpec } from "./axis.js";
import { PLOT_CONFIG, PLOT_HEIGHT, PLOT_WIDTH } from "./plot-style.js";

export interface LineSeries {
  name: string;
  x: readonly number[];
  y: readonly number[];
}

export interface LinePlotData {
  title: string;
  x: AxisSpec;
  y: AxisSpec;
  series: readonly LineSeries[];
  /** Hold each value until the next x (a step function) instead of joining points. */
  step?: boolean;
  /** Draw a symbol at each point too (few points, e.g. frontiers). */
  points?: boolean;
}

const PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"];

export function linePlotSpec(d: LinePlotData): TopLevelSpec {
  const x = scaledAxis(
    d.x,
    d.series.flatMap((s) => [...s.x]),
  );
  const y = scaledAxis(
    d.y,
    d.series.flatMap((s) => [...s.y]),
  );
  const values = d.series.flatMap((s) =>
    s.x.map((xv, i) => ({ x: x.scale(xv), y: y.scale(s.y[i] as number), series: s.name })),
  );
  const names = d.series.map((s) => s.name);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: d.title,
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    config: PLOT_CONFIG,
    data: { values },
    name: "lines",
    mark: {
      type: "line",
      strokeWidth: 1.5,
      ...(d.step ? { interpolate: "step-after" } : {}),
      ...(d.points ? { point: true } : {}),
    },
    encoding: {
      x: { field: "x", type: "quantitative", title: x.title, scale: { zero: false } },
      y: { field: "y", type: "quantitative", title: y.title, scale: { zero: !d.points } },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        sort: names,
        scale: { domain: names, range: PALETTE.slice(0, Math.max(1, names.length)) },
      },
    },
  } as TopLevelSpec;
}
