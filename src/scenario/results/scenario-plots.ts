/**
 * What a scenario's report shows, as plain data: the summary rows, the plots a kind can draw
 * from what its result holds, and a note for each plot it cannot (and why).
 */
import type {
  CdfPlotData,
  FrontierPlotData,
  LinePlotData,
  TimelinePlotData,
} from "../../report/plot/index.js";

export interface ScenarioPlots {
  title: string;
  subtitle: string;
  summary: [string, string][];
  frontier?: FrontierPlotData;
  power?: LinePlotData;
  latencyCdf?: CdfPlotData;
  timeline?: TimelinePlotData;
  /** Plots not drawn, each with the reason. */
  skipped: string[];
}

/** The plots of a result that has none of its own yet: the report shows its summary only. */
export function noPlots(title: string, subtitle: string, why: string): ScenarioPlots {
  return { title, subtitle, summary: [], skipped: [why] };
}
