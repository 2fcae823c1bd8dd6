/**
 * Serving replay throughput: a synthetic trace shaped like the Azure LLM inference 2023
 * conversation trace (19,366 requests over ~3,500 s, Poisson arrivals; prompts lognormal around
 * a median of 1,020 tokens, sigma 0.99, capped at 8,192; outputs lognormal around 129, sigma
 * 0.86, capped at 1,000, fitted to the published file's log-moments) replayed on one replica of
 * Llama-3-8B on an H100 SXM at default settings. Reports wall time and simulated iterations per
 * second; the goal is the whole trace in under 3 s.
 */
import { RngStream, deriveSeed } from "../core/rng.js";
import { loadProfile } from "../hardware/profile/load-profile.js";
import type { HardwareProfile } from "../hardware/profile/profile.js";
import type { Request } from "../workload/serving/request.js";
import { simulateReplica } from "../replay/serving/cluster/serve-replica.js";

export interface ConversationShape {
  requests: number;
  durationS: number;
  inputMedian: number;
  inputSigma: number;
  inputCap: number;
  outputMedian: number;
  outputSigma: number;
  outputCap: number;
}

export const AZURE_CONVERSATION_SHAPE: ConversationShape = {
  requests: 19366,
  durationS: 3500,
  inputMedian: 1020,
  inputSigma: 0.99,
  inputCap: 8192,
  outputMedian: 129,
  outputSigma: 0.86,
  outputCap: 1000,
};

/** Requests with Poisson arrivals and lognormal lengths, from `seed`'s own streams. */
export function syntheticConversation(
  shape: ConversationShape = AZURE_CONVERSATION_SHAPE,
  seed: number | string = 0,
): Request[] {
  const arrivals = new RngStream(deriveSeed(seed, "bench.arrivals"));
  const lengths = new RngStream(deriveSeed(seed, "bench.lengths"));
  const rate = shape.requests / shape.durationS;
  const lognormal = (median: number, sigma: number, cap: number) =>
    Math.min(cap, Math.max(1, Math.round(median * Math.exp(lengths.normal(0, sigma)))));
  const out: Request[] = [];
  let t = 0;
  for (let id = 0; id < shape.requests; id++) {
    t += arrivals.exponential(rate);
    out.push({
      id,
      arrivalS: t,
      inputTokens: lognormal(shape.inputMedian, shape.inputSigma, shape.inputCap),
      outputTokens: lognormal(shape.outputMedian, shape.outputSigma, shape.outputCap),
    });
  }
  return out;
}

export interface ServingBenchResult {
  wallS: number;
  iterations: number;
  iterationsPerS: number;
  requests: number;
  outputTokens: number;
  /** Simulated seconds per wall second. */
  speedup: number;
  goalS: number;
  meetsGoal: boolean;
}

export const SERVING_GOAL_S = 3;

/** Replays `requests` (default: the synthetic conversation trace) and times it. */
export function benchServing(
  requests: readonly Request[] = syntheticConversation(),
  profile: HardwareProfile = loadProfile("h100-sxm"),
): ServingBenchResult {
  const start = performance.now();
  const { result, replica } = simulateReplica(requests, {
    hardware: profile,
    model: "llama3-8b",
    keepSegments: false,
  });
  const wallS = (performance.now() - start) / 1000;
  return {
    wallS,
    iterations: replica.iterations,
    iterationsPerS: replica.iterations / wallS,
    requests: result.requests,
    outputTokens: result.outputTokens,
    speedup: result.durationS / wallS,
    goalS: SERVING_GOAL_S,
    meetsGoal: wallS < SERVING_GOAL_S,
  };
}
