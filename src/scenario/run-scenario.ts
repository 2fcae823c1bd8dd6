/**
 * Run a loaded scenario of any kind and render what it produced: result files for its output
 * folder, the terminal text, the JSON printed with --json, and the summary the golden tests
 * compare. One place knows every kind; the CLI and the tests stay kind-agnostic.
 */
import { sweepEstimate, type EstimateSweep } from "../optimize/sweep-estimate.js";
import { sweepServing } from "../optimize/serving/sweep-serving.js";
import { planTraining } from "../optimize/training/plan-training.js";
import { formatServing, servingFiles, servingSummary } from "./results/serving-results.js";
import {
  estimateRunFiles,
  estimateSummary,
  formatEstimateRun,
} from "./results/estimate-results.js";
import { formatTraining, trainingFiles, trainingSummary } from "./results/training-results.js";
import { estimatePlots } from "./results/estimate-plots.js";
import { resultManifest, type ResultManifest } from "./results/manifest.js";
import type { ScenarioPlots } from "./results/scenario-plots.js";
import { servingPlots } from "./results/serving-plots.js";
import { trainingPlots } from "./results/training-plots.js";
import { buildWork } from "../workload/work-spec.js";
import type { EstimateScenario } from "./load-estimate-scenario.js";
import type { Scenario } from "./load-scenario.js";

export interface EstimateRun {
  scenario: EstimateScenario;
  sweep: EstimateSweep;
}

export interface ScenarioOutcome {
  name: string;
  outputDir: string;
  files: Record<string, string>;
  text: string;
  /** What `--json` prints: a single point's result, or the run's summary. */
  json: unknown;
  summary: unknown;
  /** What the report draws (plain data; results/report-files.ts renders it). */
  plots: ScenarioPlots;
  manifest: ResultManifest;
}

export function runEstimateScenario(scenario: EstimateScenario): EstimateRun {
  const work = buildWork(scenario.workload);
  return { scenario, sweep: sweepEstimate(scenario.profile, work, scenario.points) };
}

export async function runScenario(scenario: Scenario): Promise<ScenarioOutcome> {
  const base = {
    name: scenario.name,
    outputDir: scenario.outputDir,
    manifest: resultManifest(scenario),
  };
  if (scenario.kind === "serving") {
    const sweep = sweepServing(scenario);
    const summary = servingSummary(scenario, sweep);
    return {
      ...base,
      files: await servingFiles(scenario, sweep),
      text: formatServing(scenario, sweep),
      // One operating point: the contract's single result object; a sweep: its summary.
      json: sweep.points.length === 0 ? sweep.defaultPoint.result : summary,
      summary,
      plots: servingPlots(scenario, sweep),
    };
  }
  if (scenario.kind === "training") {
    const plan = await planTraining(scenario.job);
    const summary = trainingSummary(plan);
    return {
      ...base,
      files: await trainingFiles(plan),
      text: formatTraining(plan),
      json: summary,
      summary,
      plots: trainingPlots(scenario.name, plan),
    };
  }
  const run = runEstimateScenario(scenario);
  const summary = estimateSummary(run);
  const single = run.sweep.points.length === 1 ? run.sweep.points[0] : undefined;
  return {
    ...base,
    files: await estimateRunFiles(run),
    text: formatEstimateRun(run),
    json: single ?? summary,
    summary,
    plots: estimatePlots(run),
  };
}
