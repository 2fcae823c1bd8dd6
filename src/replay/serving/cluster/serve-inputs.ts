/**
 * What serving a trace takes, shared by one replica and a cluster: the options, resolving
 * profile and model names, checking the trace, and feeding arrivals to the Simulator.
 */
import { SERVING_EVENT_PRIORITY } from "../engine/serving-events.js";
import { Simulator } from "../../../core/simulator.js";
import { loadProfile } from "../../../hardware/profile/load-profile.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import { InputError } from "../../../input/input-error.js";
import { getModel } from "../../../workload/model/builtin-models.js";
import type { TransformerShape } from "../../../workload/model/transformer.js";
import type { Request } from "../../../workload/serving/request.js";
import type { EngineOptions } from "../engine/engine-options.js";
import type { Slo } from "../metrics/metrics.js";
import type { ClockPolicy, PolicySpec } from "../policy/policy.js";
import type { IterationInfo, Replica } from "../engine/replica.js";

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
  /**
   * `saturated`: also measure the saturated steady state (result.steady) of a single replica
   * fed more requests than it can hold (see SteadyWindow). Default `run`: the whole run only.
   */
  measure?: "run" | "saturated";
  keepTokenTimes?: boolean;
  keepSegments?: boolean;
  onIteration?: (replica: Replica, it: IterationInfo) => void;
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
/**
 * Longest trace the replay accepts (s): its 1 s power series must fit in memory. 1e8 s is over
 * three years of arrivals; a longer span is a unit mistake (or a rate of ~0), not a workload.
 */
export const MAX_TRACE_SPAN_S = 1e8;

export function checkArrivalOrder(requests: readonly Request[]): void {
  const first = requests[0];
  const last = requests[requests.length - 1];
  if (
    first !== undefined &&
    last !== undefined &&
    !(last.arrivalS - first.arrivalS <= MAX_TRACE_SPAN_S)
  ) {
    throw new InputError(
      `arrivals span ${last.arrivalS - first.arrivalS} s; at most ${MAX_TRACE_SPAN_S} s (check the rate or the time unit)`,
      { code: "VALUE", path: "trace" },
    );
  }
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
    if (r !== undefined) sim.scheduleAt(r.arrivalS, arrive, SERVING_EVENT_PRIORITY.arrival);
  };
  const first = requests[0];
  if (first !== undefined) sim.scheduleAt(first.arrivalS, arrive, SERVING_EVENT_PRIORITY.arrival);
}
