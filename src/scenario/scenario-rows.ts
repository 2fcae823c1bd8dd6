/**
 * A scenario's results as rows of one table, whatever its kind, each with the two costs its
 * frontier minimizes: what a batch sweep joins across its points (one run of a scenario may
 * itself hold several operating points: an estimate's clock x cap grid, a serving sweep's knobs,
 * a training frontier's plans, a Zeus grid, a capacity plan's levels x candidates). Plain JSON, so
 * a child process can send it back.
 */
import { sweepServing } from "../optimize/serving/sweep-serving.js";
import { planTraining } from "../optimize/training/plan-training.js";
import { trainingSummary } from "./results/training-results.js";
import { pointRow as estimateRow } from "./results/estimate-results.js";
import { pointRow as servingRow } from "./results/serving-results.js";
import { meetsSlo } from "./results/serving-slo.js";
import { runEstimateScenario } from "./run-scenario.js";
import { replayTraining } from "../optimize/training/replay-training.js";
import { jobSummary } from "./results/training-job-results.js";
import { trainingReplaySummary } from "./results/training-replay-results.js";
import { runClusterJob } from "./run-cluster-job.js";
import type { Scenario } from "./load-scenario.js";
import { planCapacity } from "../optimize/capacity/plan-capacity.js";
import { capacityRows } from "./results/capacity-results.js";
import { zeusRows } from "./results/zeus-results.js";
import { runZeusScenario } from "./run-zeus-scenario.js";

export interface ScenarioRow {
  /** Flat-ish result fields (nested objects become dotted CSV columns). */
  row: Record<string, unknown>;
  /** The frontier's first cost (time or latency) and second (energy), both minimized. */
  x: number;
  y: number;
}

export interface ScenarioRows {
  /** Names of the two costs, e.g. `timeS` and `gpuEnergyJ`, or `itlS.p50` and a J/token. */
  axes: { x: string; y: string };
  rows: ScenarioRow[];
}

/** Drops the kind's own frontier mark: a batch marks its rows on the global frontier. */
function withoutMark(row: Record<string, unknown>): Record<string, unknown> {
  const { onFrontier: _mark, onFrontierAll: _markAll, ...rest } = row;
  return rest;
}

export async function scenarioRows(scenario: Scenario): Promise<ScenarioRows> {
  if (scenario.kind === "serving") {
    const sweep = sweepServing(scenario);
    const all = sweep.points.length === 0 ? [sweep.defaultPoint] : sweep.points;
    const engine = scenario.engineProfile.name;
    return {
      axes: { x: scenario.frontier.latency, y: scenario.frontier.energy },
      rows: all.map((p) => ({
        row: withoutMark(
          servingRow(
            p,
            { onFrontier: false, onFrontierAll: false, meetsSlo: meetsSlo(scenario.slo, p.result) },
            engine,
          ),
        ),
        x: p.latencyS,
        y: p.energy,
      })),
    };
  }
  if (scenario.kind === "zeus") {
    // Each point runs the whole oracle and replay; its rows are the batch size x limit grid.
    return { axes: { x: "timeS", y: "energyJ" }, rows: zeusRows(await runZeusScenario(scenario)) };
  }
  if (scenario.kind === "capacity") {
    // Each point is a whole plan (its replica search inside); its rows are level x candidate.
    return {
      axes: { x: "costUsdPerDay", y: "facilityEnergyMWhPerDay" },
      rows: capacityRows(planCapacity(scenario)),
    };
  }
  if (scenario.kind === "training" && !scenario.frontier) {
    const job = runClusterJob(scenario);
    if (job !== undefined) {
      const s = jobSummary(scenario.parallelism, job, scenario.cluster?.straggler?.pipeline);
      return {
        axes: { x: "stepTimeS", y: "gpuEnergyPerStepJ" },
        rows: [{ row: { ...s }, x: s.stepTimeS, y: s.gpuEnergyPerStepJ }],
      };
    }
    const replay = trainingReplaySummary(await replayTraining(scenario.job)).replay;
    return {
      axes: { x: "timeS", y: "gpuEnergyJ" },
      rows: [{ row: { ...replay }, x: replay.timeS, y: replay.gpuEnergyJ }],
    };
  }
  if (scenario.kind === "training") {
    const summary = trainingSummary(await planTraining(scenario.job));
    return {
      axes: { x: "timeS", y: "gpuEnergyJ" },
      rows: summary.frontier.map((p, plan) => ({
        row: { plan, ...p },
        x: p.timeS,
        y: p.gpuEnergyJ,
      })),
    };
  }
  const { sweep } = runEstimateScenario(scenario);
  return {
    axes: { x: "timeS", y: "gpuEnergyJ" },
    rows: sweep.points.map((p) => ({
      row: withoutMark(estimateRow(p, false)),
      x: p.timeS,
      y: p.gpuEnergyJ,
    })),
  };
}
