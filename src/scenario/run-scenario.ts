/**
 * Run a loaded scenario of any kind and render what it produced: result files for its output
 * folder, the terminal text, the JSON printed with --json, and the summary the golden tests
 * compare. One place knows every kind; the CLI and the tests stay kind-agnostic.
 */
import { sweepEstimate, type EstimateSweep } from "../optimize/sweep-estimate.js";
import { sweepServing } from "../optimize/serving/sweep-serving.js";
import { planTraining } from "../optimize/training/plan-training.js";
import { planCapacity } from "../optimize/capacity/plan-capacity.js";
import { capacityFiles, capacitySummary, formatCapacity } from "./results/capacity-results.js";
import { planTrainingLayouts } from "../optimize/capacity/plan-training-capacity.js";
import {
  formatTrainingPlan,
  trainingPlanFiles,
  trainingPlanPlots,
  trainingPlanSummary,
} from "./results/training-plan-results.js";
import { replayTraining } from "../optimize/training/replay-training.js";
import {
  formatServing,
  resultObject,
  servingFiles,
  servingSummary,
} from "./results/serving-results.js";
import {
  estimateRunFiles,
  estimateSummary,
  formatEstimateRun,
} from "./results/estimate-results.js";
import { formatTraining, trainingFiles, trainingSummary } from "./results/training-results.js";
import {
  formatTrainingReplay,
  trainingReplayFiles,
  trainingReplaySummary,
} from "./results/training-replay-results.js";
import { estimatePlots } from "./results/estimate-plots.js";
import { resultManifest, type ResultManifest } from "./results/manifest.js";
import { noPlots, type ScenarioPlots } from "./results/scenario-plots.js";
import { servingPlots } from "./results/serving-plots.js";
import { trainingPlots } from "./results/training-plots.js";
import { buildWork } from "../workload/work-spec.js";
import { formatZeus, zeusFiles, zeusSummary } from "./results/zeus-results.js";
import { runZeusScenario } from "./run-zeus-scenario.js";
import { formatJob, jobFiles, jobSummary } from "./results/training-job-results.js";
import { runClusterJob } from "./run-cluster-job.js";
import type { EstimateScenario } from "./load-estimate-scenario.js";
import type { Scenario } from "./load-scenario.js";
import { toJson } from "../report/json.js";

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
  if (scenario.kind === "capacity" && scenario.training !== undefined) {
    const plan = planTrainingLayouts({
      ...scenario.training,
      datacenter: scenario.datacenter,
      objective: scenario.objective,
    });
    const summary = trainingPlanSummary(scenario, plan);
    return {
      ...base,
      files: await trainingPlanFiles(scenario, plan),
      text: formatTrainingPlan(scenario, plan),
      json: summary,
      summary,
      plots: trainingPlanPlots(scenario, plan),
    };
  }
  if (scenario.kind === "capacity") {
    const plan = planCapacity(scenario);
    const summary = capacitySummary(scenario, plan);
    return {
      ...base,
      files: await capacityFiles(scenario, plan),
      text: formatCapacity(scenario, plan),
      json: summary,
      summary,
      plots: noPlots(
        scenario.name,
        "capacity plan",
        "capacity plans have no plots yet: see plan.csv and fleet-power.csv",
      ),
    };
  }
  if (scenario.kind === "serving") {
    const sweep = sweepServing(scenario);
    const summary = servingSummary(scenario, sweep);
    return {
      ...base,
      files: await servingFiles(scenario, sweep),
      text: formatServing(scenario, sweep),
      // One operating point: the contract's single result object; a sweep: its summary.
      json: sweep.points.length === 0 ? resultObject(sweep.defaultPoint.result) : summary,
      summary,
      plots: servingPlots(scenario, sweep),
    };
  }
  if (scenario.kind === "zeus") {
    const cases = await runZeusScenario(scenario);
    const summary = zeusSummary(scenario, cases);
    return {
      ...base,
      files: { ...(await zeusFiles(cases)), "summary.json": toJson(summary) },
      text: formatZeus(scenario, cases),
      json: summary,
      summary,
      plots: noPlots(
        scenario.name,
        "Zeus batch size x power limit",
        "Zeus results have no plots yet: see points.csv and frontier.csv",
      ),
    };
  }
  if (scenario.kind === "training") {
    const job = runClusterJob(scenario);
    if (!scenario.frontier && job === undefined) {
      // No job to replay: one pipeline at one operating point (all-max or a clock lock).
      const run = await replayTraining(scenario.job);
      const summary = trainingReplaySummary(run);
      return {
        ...base,
        files: trainingReplayFiles(run),
        text: formatTrainingReplay(run),
        json: summary,
        summary,
        plots: noPlots(
          scenario.name,
          "one operating point",
          "a replay-only run has one point: no frontier to draw",
        ),
      };
    }
    const plan = scenario.frontier ? await planTraining(scenario.job) : undefined;
    const p = scenario.parallelism;
    const summary = {
      ...(plan ? trainingSummary(plan) : {}),
      ...(job ? { job: jobSummary(p, job, scenario.cluster?.straggler?.pipeline) } : {}),
    };
    return {
      ...base,
      files: {
        ...(plan ? await trainingFiles(plan) : {}),
        ...(job ? await jobFiles(job) : {}),
        "summary.json": toJson(summary),
      },
      text:
        (plan ? formatTraining(plan) : "") + (job ? (plan ? "\n" : "") + formatJob(p, job) : ""),
      json: summary,
      summary,
      plots: plan
        ? trainingPlots(scenario.name, plan)
        : noPlots(scenario.name, "training job", "job runs have no plots yet: see job-power.csv"),
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
