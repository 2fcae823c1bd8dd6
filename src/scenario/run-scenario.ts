/**
 * Run a loaded scenario and return its results; writing files and printing are the report
 * layer's job. Later issues add kinds here.
 */
import { sweepEstimate, type EstimateSweep } from "../optimize/sweep-estimate.js";
import { buildWork } from "../workload/work-spec.js";
import type { Scenario } from "./load-scenario.js";

export interface ScenarioRun {
  scenario: Scenario;
  sweep: EstimateSweep;
}

export function runScenario(scenario: Scenario): ScenarioRun {
  const work = buildWork(scenario.workload);
  return { scenario, sweep: sweepEstimate(scenario.profile, work, scenario.points) };
}
