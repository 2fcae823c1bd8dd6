/**
 * Serve a trace on one replica: arrivals are events on a fresh Simulator, the replica runs to
 * the last completion, and the result covers first arrival to last completion.
 */
import { Simulator } from "../../core/simulator.js";
import { loadProfile } from "../../hardware/load-profile.js";
import type { HardwareProfile } from "../../hardware/profile.js";
import { InputError } from "../../scenario/input-error.js";
import { getModel } from "../../workload/model/builtin-models.js";
import type { TransformerShape } from "../../workload/model/transformer.js";
import type { Request, Trace } from "../../workload/serving/request.js";
import { checkRequest, type EngineOptions } from "./engine-options.js";
import { servingResult, type ServingResult, type Slo } from "./metrics.js";
import { createPolicy } from "./policies.js";
import type { ClockPolicy, PolicySpec } from "./policy.js";
import { Replica, type IterationInfo } from "./replica.js";
import { RequestLog } from "./request-log.js";

export interface ServeOptions extends EngineOptions {
  hardware: HardwareProfile | string;
  model: TransformerShape | string;
  tp?: number;
  /** Default: the profile's default clock and power limit. */
  policy?: PolicySpec | ClockPolicy;
  /** Scenario seed for the Simulator's streams (the replay itself draws nothing yet). */
  seed?: number | string;
  /** Adds goodput and SLO attainment to the result. */
  slo?: Slo;
  keepTokenTimes?: boolean;
  keepSegments?: boolean;
  onIteration?: (replica: Replica, it: IterationInfo) => void;
}

export interface ReplicaRun {
  result: ServingResult;
  replica: Replica;
  log: RequestLog;
}

export function resolveHardware(h: HardwareProfile | string): HardwareProfile {
  return typeof h === "string" ? loadProfile(h) : h;
}

export function resolveModel(m: TransformerShape | string): TransformerShape {
  if (typeof m !== "string") return m;
  try {
    return getModel(m);
  } catch (e) {
    throw new InputError((e as Error).message, { code: "VALUE", path: "model" });
  }
}

/** Traces come sorted (the loaders sort); an unsorted list here is a caller's bug. */
export function checkArrivalOrder(requests: readonly Request[]): void {
  for (let i = 1; i < requests.length; i++) {
    if ((requests[i] as Request).arrivalS < (requests[i - 1] as Request).arrivalS)
      throw new InputError("requests must be sorted by arrival", {
        code: "VALUE",
        path: `requests[${i}]`,
      });
  }
}

/**
 * Feeds `requests` (sorted by arrival) to `submit` as events: one pending arrival at a time,
 * all requests of one instant together.
 */
export function scheduleArrivals(
  sim: Simulator,
  requests: readonly Request[],
  submit: (r: Request) => void,
): void {
  let next = 0;
  const arrive = (): void => {
    const now = sim.nowS;
    while (next < requests.length && (requests[next] as Request).arrivalS <= now) {
      submit(requests[next] as Request);
      next++;
    }
    const r = requests[next];
    if (r !== undefined) sim.scheduleAt(r.arrivalS, arrive);
  };
  const first = requests[0];
  if (first !== undefined) sim.scheduleAt(first.arrivalS, arrive);
}

export function simulateReplica(
  trace: Trace | readonly Request[],
  options: ServeOptions,
): ReplicaRun {
  const requests = Array.isArray(trace) ? (trace as readonly Request[]) : (trace as Trace).requests;
  if (requests.length === 0)
    throw new InputError("the trace has no requests", { code: "VALUE", path: "trace" });
  checkArrivalOrder(requests);
  const profile = resolveHardware(options.hardware);
  const model = resolveModel(options.model);
  const sim = new Simulator({ seed: options.seed ?? 0 });
  const log = new RequestLog(requests, { keepTokenTimes: options.keepTokenTimes });
  const policy =
    options.policy === undefined || "clockFor" in options.policy
      ? (options.policy as ClockPolicy | undefined)
      : createPolicy(options.policy, profile);
  const startS = (requests[0] as Request).arrivalS;
  const replica = new Replica(sim, {
    profile,
    model,
    tp: options.tp,
    engine: options,
    policy,
    log,
    startS,
    keepSegments: options.keepSegments,
    onIteration: options.onIteration,
  });
  for (const r of requests) checkRequest(replica.engine, r);
  scheduleArrivals(sim, requests, (r) => replica.submit(r));
  sim.run();
  if (log.finished !== requests.length)
    throw new Error(`${requests.length - log.finished} requests never finished`);
  let endS = startS;
  for (const f of log.finishS) if (f > endS) endS = f;
  replica.finish(endS);
  const result = servingResult(
    log,
    [replica.track],
    {
      gpus: replica.tp,
      preemptions: replica.preemptions,
      iterations: replica.iterations,
      clockSwitches: replica.clockSwitches,
    },
    options.slo,
  );
  return { result, replica, log };
}

export function serveOnReplica(
  trace: Trace | readonly Request[],
  options: ServeOptions,
): ServingResult {
  return simulateReplica(trace, options).result;
}
