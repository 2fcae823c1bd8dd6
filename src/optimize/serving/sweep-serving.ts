/**
 * Run a serving scenario over its operating points: one full trace replay per point (the same
 * trace for every point, so differences are the knobs'), then the frontier of the scenario's
 * energy metric against its latency metric, and where the default setting sits on it.
 */
import { sweepResult, type Axes, type SweepResult } from "../../frontier/index.js";
import { InputError } from "../../input/input-error.js";
import type { ServingResult } from "../../replay/serving/metrics/metrics.js";
import type { PolicySpec } from "../../replay/serving/policy/policy.js";
import { serveCluster } from "../../replay/serving/cluster/serve-cluster.js";
import type { EngineOptions } from "../../replay/serving/engine/engine-options.js";
import type { Slo } from "../../replay/serving/metrics/metrics.js";
import type { HardwareProfile } from "../../hardware/profile/profile.js";
import type { TransformerShape } from "../../workload/model/transformer.js";
import type { Trace } from "../../workload/serving/index.js";

export interface ClusterSpec {
  tp: number;
  replicas: number;
  router: "round-robin" | "least-outstanding-tokens";
  disaggregation?: { prefillReplicas: number; decodeReplicas: number };
}

/** One sweep point: the knobs it overrides. */
export interface ServingPoint {
  freqMHz?: number;
  powerCapW?: number;
  maxNumSeqs?: number;
  tp?: number;
  replicas?: number;
}

/** What a serving sweep replays: one trace on one setup, at each point's knobs. */
export interface ServingSweepInput {
  seed: number | string;
  profile: HardwareProfile;
  model: TransformerShape;
  trace: Trace;
  engine: EngineOptions;
  cluster: ClusterSpec;
  policy: PolicySpec;
  slo?: Slo;
  /** `saturated`: each point also measures its saturated steady state (result.steady). */
  measure?: "run" | "saturated";
  /** Empty: one run at the setup's own settings. */
  points: ServingPoint[];
  /** Result paths of the two costs the frontier minimizes, e.g. `itlS.p50`, `energyPerTokenJ`. */
  frontier: { energy: string; latency: string };
}

export interface ServingPointResult {
  index: number;
  knobs: ServingPoint;
  result: ServingResult;
  /** The scenario's chosen metrics, as the frontier sees them. */
  latencyS: number;
  energy: number;
}

/** The default point is the setup's own settings with the device at its defaults. */
export type ServingSweep = SweepResult<ServingPointResult>;

const LATENCY_ENERGY: Axes<ServingPointResult> = { x: (p) => p.latencyS, y: (p) => p.energy };

/** `itlS.p50` -> result.itlS.p50 */
export function metricOf(result: ServingResult, path: string): number {
  let cur: unknown = result;
  for (const key of path.split(".")) cur = (cur as Record<string, unknown>)[key];
  return typeof cur === "number" ? cur : NaN;
}

export function runServingPoint(
  s: ServingSweepInput,
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
    measure: s.measure,
  });
  return {
    index,
    knobs,
    result,
    latencyS: frontierMetric(result, s.frontier.latency, "latency"),
    energy: frontierMetric(result, s.frontier.energy, "energy"),
  };
}

/**
 * A frontier cost of a run; a metric without a value there (a summary with no samples: every
 * request's output is one token, so there is no inter-token latency) cannot place the run on a
 * frontier, which is bad input naming the field, not a NaN on the frontier.
 */
function frontierMetric(result: ServingResult, path: string, cost: "latency" | "energy"): number {
  const v = metricOf(result, path);
  if (Number.isFinite(v)) return v;
  throw new InputError(
    `${path} has no value in this run (${result.requests} requests finished, ${result.outputTokens} output tokens: a latency summary has no samples when every output is one token); pick a metric this trace gives, e.g. ${cost === "latency" ? "ttftS.p50 or e2eS.p50" : "gpuEnergyPerRequestJ"}`,
    { code: "VALUE", path: `frontier.${cost}` },
  );
}

export function sweepServing(s: ServingSweepInput): ServingSweep {
  const points = s.points.map((knobs, i) => runServingPoint(s, knobs, i));
  return sweepResult(points, runServingPoint(s, {}, -1), LATENCY_ENERGY);
}
