/** Plots as Vega-Lite specs from plain data, rendered to SVG in Node, and the HTML report. */
export { renderSvg, renderView } from "./render-svg.js";
export { scaledAxis, type AxisSpec, type ScaledAxis } from "./axis.js";
export {
  frontierPlotSpec,
  FRONTIER_SERIES,
  type FrontierPlotData,
  type PlotPoint,
} from "./frontier-plot.js";
export {
  cdfPlotSpec,
  TARGET_SERIES,
  type CdfPanel,
  type CdfPlotData,
  type CdfSeries,
} from "./cdf-plot.js";
export { linePlotSpec, type LinePlotData, type LineSeries } from "./line-plot.js";
export { timelinePlotSpec, type TimelineOp, type TimelinePlotData } from "./timeline-plot.js";
export { reportHtml, escapeHtml, type ReportPage, type ReportSection } from "./report-html.js";
