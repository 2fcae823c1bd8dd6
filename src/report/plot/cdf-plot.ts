/**
 * Latency CDFs: one panel per metric (each with its own x unit: TTFT in ms, E2E in s, ...), in
 * two columns, every panel drawing the same settings in the same colors with one legend. A CDF
 * is given as its quantiles at fixed probabilities and drawn as (quantile, probability) joined by
 * lines, the share of samples at or below a latency in percent (on a log latency axis where the
 * tail is long, see longTail). A panel may carry a percentile
 * target (an SLO): a dashed rule at the target and a cross where the curve must pass at or left
 * of. Each panel's curves are the mark named `cdf_<key>` (class `cdf_<key>_marks` in the SVG).
 */
import type { TopLevelSpec } from "vega-lite";
import { scaledAxis, type AxisSpec } from "./axis.js";
import { PLOT_CONFIG } from "./plot-style.js";

export interface CdfSeries {
  name: string;
  /** Quantiles at each of the plot's probabilities, in the panel's base unit (NaN: none). */
  quantiles: readonly number[];
}

export interface CdfPanel {
  /** Names the panel's mark (`cdf_<key>`): letters, digits and underscores. */
  key: string;
  title: string;
  x: AxisSpec;
  /** What a probability counts, e.g. "requests" or "token gaps". */
  counts: string;
  series: readonly CdfSeries[];
  /** A target on one percentile: at most `value` at `probability`. */
  target?: { value: number; probability: number };
}

export interface CdfPlotData {
  title: string;
  /** Ascending probabilities in [0, 1], shared by every series of every panel. */
  probabilities: readonly number[];
  panels: readonly CdfPanel[];
}

const PALETTE = ["#1b1b1b", "#d95f02", "#1b9e77", "#7570b3", "#e6ab02", "#66a61e"];
export const TARGET_SERIES = { name: "SLO target", color: "#d62728" } as const;
const PANEL_WIDTH = 260;
const PANEL_HEIGHT = 170;

/** Percent, rounded so the spec carries no float noise (0.29 x 100 is 28.999999999999996). */
const percent = (p: number) => Number((100 * p).toPrecision(6));

/**
 * Whether a panel's x axis is logarithmic: when its largest value is over 10x the largest p90, a
 * linear axis would squeeze 90% of every curve against its left edge (ITL: a decode gap that
 * waited for a long prefill). Only for positive values.
 */
function longTail(panel: CdfPanel, probabilities: readonly number[]): boolean {
  const i90 = probabilities.indexOf(0.9);
  const all = panel.series.flatMap((s) => s.quantiles.filter(Number.isFinite));
  if (i90 < 0 || all.length === 0 || all.some((v) => v <= 0)) return false;
  const p90 = Math.max(...panel.series.map((s) => s.quantiles[i90] ?? NaN).filter(Number.isFinite));
  return Math.max(...all) > 10 * p90;
}

export function cdfPlotSpec(d: CdfPlotData): TopLevelSpec {
  const names = [...new Set(d.panels.flatMap((p) => p.series.map((s) => s.name)))];
  const hasTarget = d.panels.some((p) => p.target !== undefined);
  const domain = [...names, ...(hasTarget ? [TARGET_SERIES.name] : [])];
  const range = [
    ...names.map((_, i) => PALETTE[i % PALETTE.length]!),
    ...(hasTarget ? [TARGET_SERIES.color] : []),
  ];
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    sort: domain,
    scale: { domain, range },
    // Legend names carry knob settings: room for them in full, under the panels (Vega's text
    // estimate, 0.8 em a character, would otherwise widen the plot by the longest name).
    legend: { labelLimit: 600, orient: "bottom", direction: "vertical" },
  } as const;
  const panels = d.panels.map((panel) => {
    const x = scaledAxis(panel.x, [
      ...panel.series.flatMap((s) => [...s.quantiles]),
      ...(panel.target ? [panel.target.value] : []),
    ]);
    const values = panel.series.flatMap((s) =>
      d.probabilities.flatMap((p, i) => {
        const q = s.quantiles[i];
        return q !== undefined && Number.isFinite(q)
          ? [{ x: x.scale(q), y: percent(p), series: s.name }]
          : [];
      }),
    );
    const log = longTail(panel, d.probabilities);
    const encoding = {
      x: {
        field: "x",
        type: "quantitative",
        title: log ? `${x.title}, log scale` : x.title,
        scale: log ? { type: "log", nice: false } : { zero: false },
      },
      y: {
        field: "y",
        type: "quantitative",
        title: `${panel.counts} at or below (%)`,
        scale: { domain: [0, 100] },
      },
      color,
    } as const;
    const t = panel.target;
    const target = t
      ? [{ x: x.scale(t.value), y: percent(t.probability), series: TARGET_SERIES.name }]
      : [];
    return {
      title: panel.title,
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      encoding,
      layer: [
        {
          name: `cdf_${panel.key}`,
          data: { values },
          mark: { type: "line", strokeWidth: 1.5 },
          // Along the probabilities, whatever ties the latencies have.
          encoding: { order: { field: "y", type: "quantitative" } },
        },
        ...(t
          ? [
              {
                name: `target_${panel.key}`,
                data: { values: target },
                mark: { type: "rule", strokeDash: [4, 3], strokeWidth: 1.5 },
                encoding: { y: { value: 0 }, y2: { value: PANEL_HEIGHT } },
              },
              {
                name: `target_point_${panel.key}`,
                data: { values: target },
                mark: { type: "point", shape: "cross", filled: true, size: 80 },
              },
            ]
          : []),
      ],
    };
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: d.title,
    config: PLOT_CONFIG,
    columns: 2,
    concat: panels,
    resolve: { scale: { color: "shared" }, legend: { color: "shared" } },
  } as TopLevelSpec;
}
