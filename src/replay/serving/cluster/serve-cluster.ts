/**
 * Serve a trace on a cluster: several replicas behind a router, all on one Simulator, or
 * prefill/decode disaggregation (Splitwise, DistServe): a prefill pool computes each prompt and
 * its first token, its KV cache crosses the interconnect, and a decode pool generates the rest.
 * The result covers every replica's GPUs from the first arrival to the last completion.
 */
import { nodePowerW } from "../../../hardware/power/node-power.js";
import { SERVING_EVENT_PRIORITY } from "../engine/serving-events.js";
import { Simulator } from "../../../core/simulator.js";
import { PowerTimeline } from "../../../hardware/power/power-timeline.js";
import { linkFor } from "../../../hardware/cost/link-time.js";
import { badValue, InputError } from "../../../input/input-error.js";
import type { Request, Trace } from "../../../workload/serving/request.js";
import { checkRequest } from "../engine/engine-options.js";
import { servingResult, type ServingResult } from "../metrics/metrics.js";
import { createPolicy } from "../policy/policies.js";
import type { ClockPolicy } from "../policy/policy.js";
import { Replica } from "../engine/replica.js";
import { RequestLog } from "../metrics/request-log.js";
import { SteadyWindow, type SteadyState } from "../metrics/steady-window.js";
import { createRouter, type RouterKind } from "./router.js";
import {
  checkArrivalOrder,
  resolveHardware,
  resolveModel,
  scheduleArrivals,
  type ServeOptions,
} from "./serve-inputs.js";

export interface ClusterOptions extends ServeOptions {
  /** Replicas behind the router (ignored with disaggregation). Default 1. */
  replicas?: number;
  router?: RouterKind;
  disaggregation?: { prefillReplicas: number; decodeReplicas: number };
}

export interface ClusterRun {
  result: ServingResult;
  replicas: Replica[];
  log: RequestLog;
}

export function serveCluster(
  trace: Trace | readonly Request[],
  options: ClusterOptions,
): ServingResult {
  return simulateCluster(trace, options).result;
}

export function simulateCluster(
  trace: Trace | readonly Request[],
  options: ClusterOptions,
): ClusterRun {
  const requests = Array.isArray(trace) ? (trace as readonly Request[]) : (trace as Trace).requests;
  if (requests.length === 0)
    throw new InputError("the trace has no requests", { code: "VALUE", path: "trace" });
  checkArrivalOrder(requests);
  const profile = resolveHardware(options.hardware);
  const model = resolveModel(options.model);
  const tp = options.tp ?? 1;
  const sim = new Simulator({ seed: options.seed ?? 0 });
  const log = new RequestLog(requests, { keepTokenTimes: options.keepTokenTimes });
  const startS = (requests[0] as Request).arrivalS;
  // Each replica gets its own policy instance: dynamic policies keep per-replica state.
  const policyOf = (): ClockPolicy | undefined =>
    options.policy === undefined || "clockFor" in options.policy
      ? (options.policy as ClockPolicy | undefined)
      : createPolicy(options.policy, profile);
  const make = (name: string, extra: Partial<ConstructorParameters<typeof Replica>[1]> = {}) =>
    new Replica(sim, {
      profile,
      model,
      tp,
      engine: options,
      policy: policyOf(),
      log,
      startS,
      name,
      keepSegments: options.keepSegments,
      onIteration: options.onIteration,
      ...extra,
    });
  const router = createRouter(options.router ?? "least-outstanding-tokens");
  let all: Replica[];
  const dis = options.disaggregation;
  if (dis === undefined) {
    const n = replicaCount("replicas", options.replicas ?? 1);
    all = Array.from({ length: n }, (_, i) => make(`replica-${i}`));
    if (options.measure === "saturated") {
      if (n !== 1) throw badValue("measure", `'saturated' measures one replica, got ${n}`);
      // Two batches' worth of completions: the ages of the sequences in the batch have mixed.
      all[0]!.steady = new SteadyWindow(2 * all[0]!.engine.maxNumSeqs);
    }
    for (const r of requests) checkRequest(all[0]!.engine, r);
    scheduleArrivals(sim, requests, (r) => router.pick(all).submit(r));
  } else {
    if (options.measure === "saturated")
      throw badValue("measure", "'saturated' measures one replica, not a disaggregated pool");
    for (const key of ["prefillReplicas", "decodeReplicas"] as const) {
      replicaCount(`disaggregation.${key}`, dis[key]);
    }
    const decodePool = Array.from({ length: dis.decodeReplicas }, (_, i) => make(`decode-${i}`));
    const decodeRouter = createRouter(options.router ?? "least-outstanding-tokens");
    // Each GPU of the prefill replica sends its shard of the KV cache to its peer in parallel:
    // the KV heads it holds, a replicated one when there are fewer KV heads than GPUs (the same
    // per-GPU bytes the KV cache is sized with).
    const gpus = (dis.prefillReplicas + dis.decodeReplicas) * tp;
    const link = linkFor(profile, gpus);
    const kvPerTokenPerGpu = decodePool[0]!.capacity.kvBytesPerTokenPerGpu;
    const transferS = (tokens: number) =>
      link.latencyS + (tokens * kvPerTokenPerGpu) / link.bandwidthBytesPerS;
    const prefillPool = Array.from({ length: dis.prefillReplicas }, (_, i) =>
      make(`prefill-${i}`, {
        onPrefilled: (request, timeS) => {
          sim.schedule(
            transferS(request.inputTokens + 1),
            () => decodeRouter.pick(decodePool).submit(request, { prefilledAtS: timeS }),
            SERVING_EVENT_PRIORITY.kvTransfer,
          );
        },
      }),
    );
    all = [...prefillPool, ...decodePool];
    for (const r of requests) checkRequest(all[0]!.engine, r);
    // A one-token request is done after prefill: it never goes to the decode pool.
    scheduleArrivals(sim, requests, (r) =>
      router.pick(prefillPool).submit(r, { prefillOnly: r.outputTokens > 1 }),
    );
  }
  sim.run();
  if (log.finished !== requests.length)
    throw new Error(`${requests.length - log.finished} requests never finished`);
  let endS = startS;
  for (const f of log.finishS) if (f > endS) endS = f;
  for (const r of all) r.finish(endS);
  let steady: SteadyState | undefined;
  if (options.measure === "saturated") {
    steady = all[0]!.steady!.result();
    if (steady === undefined)
      throw badValue(
        "measure",
        "the run never reached a saturated steady state: give more requests than the engine " +
          "holds (e.g. 10 x maxNumSeqs, all at t = 0)",
      );
  }
  const sum = (f: (r: Replica) => number) => all.reduce((a, r) => a + f(r), 0);
  const result = servingResult(
    log,
    PowerTimeline.sum(all.map((r) => r.power)),
    {
      gpus: all.length * tp,
      nodePowerW: nodePowerW(profile, all.length * tp),
      preemptions: sum((r) => r.preemptions),
      iterations: sum((r) => r.iterations),
      batchSequences: sum((r) => r.batchSequences),
      clockSwitches: sum((r) => r.clockSwitches),
      kernelS: sum((r) => r.kernelS),
      capBoundKernelS: sum((r) => r.capBoundKernelS),
      ...(all[0]?.engine.speculative === undefined
        ? {}
        : {
            speculation: {
              verifySteps: sum((r) => r.speculation.verifySteps),
              proposedTokens: sum((r) => r.speculation.proposedTokens),
              acceptedTokens: sum((r) => r.speculation.acceptedTokens),
              targetSteps: sum((r) => r.speculation.targetSteps),
              targetStepTokens: sum((r) => r.speculation.targetStepTokens),
            },
          }),
    },
    options.slo,
  );
  if (steady !== undefined) result.steady = steady;
  return { result, replicas: all, log };
}

/**
 * Each replica is a whole simulated engine with its own KV cache and power timeline, so a pool
 * is bounded: 65,536 replicas (over half a million GPUs at TP 8) is beyond any one site.
 */
const MAX_REPLICAS = 65_536;

function replicaCount(path: string, n: number): number {
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_REPLICAS))
    throw badValue(path, `must be a whole number from 1 to ${MAX_REPLICAS}, got ${n}`);
  return n;
}
