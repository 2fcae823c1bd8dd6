/**
 * Run a serving scenario over its operating points: one full trace replay per point (the same
 * trace for every point, so differences are the knobs'), then the frontier of the scenario's
 * energy metric against its latency metric, and where the default setting sits on it.
 */
import { dominates, paretoFrontier } from "../../frontier/pareto.js";
import type { ServingResult } from "../../replay/serving/metrics.js";
import type { PolicySpec } from "../../replay/serving/policy.js";
import { serveCluster } from "../../replay/serving/serve-cluster.js";
import type { ServingPoint, ServingScenario } from "../../scenario/load-serving-scenario.js";

export interface ServingPointResult {
  index: number;
  knobs: ServingPoint;
  result: ServingResult;
  /** The scenario's chosen metrics, as the frontier sees them. */
  latencyS: number;
  energy: number;
  onFrontier: boolean;
}

export interface ServingSweep {
  points: ServingPointResult[];
  frontier: ServingPointResult[];
  /** The scenario's own settings with the device at its defaults. */
  defaultPoint: ServingPointResult;
  defaultDominated: boolean;
}

/** `itlS.p50` -> result.itlS.p50 */
export function metricOf(result: ServingResult, path: string): number {
  let cur: unknown = result;
  for (const key of path.split(".")) cur = (cur as Record<string, unknown>)[key];
  return typeof cur === "number" ? cur : NaN;
}

export function runServingPoint(
  s: ServingScenario,
  knobs: ServingPoint,
  index: number,
): ServingPointResult {
  let policy: PolicySpec = s.policy;
  if (knobs.freqMHz !== undefined) {
    policy = { kind: "locked", lockedMHz: knobs.freqMHz, powerCapW: knobs.powerCapW };
  } else if (knobs.powerCapW !== undefined) {
    policy = { kind: "powerCap", powerCapW: knobs.powerCapW };
  }
  const result = serveCluster(s.trace, {
    ...s.engine,
    maxNumSeqs: knobs.maxNumSeqs ?? s.engine.maxNumSeqs,
    hardware: s.profile,
    model: s.model,
    tp: knobs.tp ?? s.cluster.tp,
    replicas: knobs.replicas ?? s.cluster.replicas,
    router: s.cluster.router,
    disaggregation: s.cluster.disaggregation,
    policy,
    seed: s.seed,
    slo: s.slo,
  });
  return {
    index,
    knobs,
    result,
    latencyS: metricOf(result, s.frontier.latency),
    energy: metricOf(result, s.frontier.energy),
    onFrontier: false,
  };
}

export function sweepServing(s: ServingScenario): ServingSweep {
  const points = s.points.map((knobs, i) => runServingPoint(s, knobs, i));
  const asTE = (p: ServingPointResult) => ({ timeS: p.latencyS, energyJ: p.energy, p });
  const frontier = paretoFrontier(points.map(asTE)).map((x) => x.p);
  for (const p of frontier) p.onFrontier = true;
  const defaultPoint = runServingPoint(s, {}, -1);
  return {
    points,
    frontier,
    defaultPoint,
    defaultDominated: points.some((p) => dominates(asTE(p), asTE(defaultPoint))),
  };
}
