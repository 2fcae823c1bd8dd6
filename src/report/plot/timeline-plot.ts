/**
 * A per-stage timeline (Gantt chart): one row per pipeline stage, one bar per op from its start
 * to its end, coloured by op kind, for a training iteration's replay.
 */
import type { TopLevelSpec } from "vega-lite";
import { scaledAxis } from "./axis.js";
import { PLOT_CONFIG, PLOT_WIDTH } from "./plot-style.js";

export interface TimelineOp {
  stage: number;
  startS: number;
  endS: number;
  kind: string;
  label: string;
}

export interface TimelinePlotData {
  title: string;
  ops: readonly TimelineOp[];
}

export function timelinePlotSpec(d: TimelinePlotData): TopLevelSpec {
  const x = scaledAxis(
    { label: "time", base: "s" },
    d.ops.map((o) => o.endS),
  );
  const kinds = [...new Set(d.ops.map((o) => o.kind))].sort();
  const stages = [...new Set(d.ops.map((o) => o.stage))].sort((a, b) => a - b);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: d.title,
    width: PLOT_WIDTH,
    height: Math.max(80, 26 * stages.length),
    config: PLOT_CONFIG,
    data: {
      values: d.ops.map((o) => ({
        stage: `stage ${o.stage}`,
        start: x.scale(o.startS),
        end: x.scale(o.endS),
        kind: o.kind,
        label: o.label,
      })),
    },
    name: "ops",
    mark: { type: "bar", stroke: "white", strokeWidth: 0.3 },
    encoding: {
      y: {
        field: "stage",
        type: "nominal",
        title: "pipeline stage",
        sort: stages.map((s) => `stage ${s}`),
      },
      x: { field: "start", type: "quantitative", title: x.title },
      x2: { field: "end" },
      color: { field: "kind", type: "nominal", title: "op kind", sort: kinds },
      tooltip: { field: "label", type: "nominal" },
    },
  } as TopLevelSpec;
}
