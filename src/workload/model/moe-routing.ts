/**
 * How a step's tokens spread over the routed experts. Each token picks `expertsPerToken` of
 * `experts`; by default every expert is equally likely (a well-balanced router), so a batch of T
 * tokens hits E x (1 - (1 - k/E)^T) distinct experts in expectation. A skew knob makes expert i
 * (0-based) chosen in proportion to 1/(i+1)^s (Zipf exponent s; 0 = uniform), each token's
 * chance of picking it being min(1, k x p_i): popular experts saturate, rare ones are often
 * skipped, so fewer experts (fewer weight bytes) are hit and the busiest expert gets more tokens.
 * Expectations, not samples: the replay stays deterministic.
 */
import type { MoeShape } from "./transformer.js";

export interface ExpertLoad {
  /** Expected distinct routed experts at least one token is sent to. */
  expertsHit: number;
  /** Token-to-expert assignments: tokens x expertsPerToken. */
  assignments: number;
  /** Expected tokens sent to the most popular expert. */
  maxTokensPerExpert: number;
}

/** Per-token probability of choosing each expert (sums to expertsPerToken). */
export function expertChoiceProbabilities(moe: MoeShape): number[] {
  const s = moe.routingZipfExponent ?? 0;
  const { experts: e, expertsPerToken: k } = moe;
  if (s === 0) return new Array<number>(e).fill(k / e);
  const weights = Array.from({ length: e }, (_, i) => Math.pow(i + 1, -s));
  const sum = weights.reduce((a, w) => a + w, 0);
  return weights.map((w) => Math.min(1, (k * w) / sum));
}

export function expertLoad(moe: MoeShape, tokens: number): ExpertLoad {
  const { experts: e, expertsPerToken: k } = moe;
  const assignments = tokens * k;
  if ((moe.routingZipfExponent ?? 0) === 0) {
    return {
      expertsHit: e * (1 - Math.pow(1 - k / e, tokens)),
      assignments,
      maxTokensPerExpert: (tokens * k) / e,
    };
  }
  const q = expertChoiceProbabilities(moe);
  let expertsHit = 0;
  for (const qi of q) expertsHit += 1 - Math.pow(1 - qi, tokens);
  return { expertsHit, assignments, maxTokensPerExpert: tokens * Math.max(...q) };
}

/**
 * The busiest of `groups` GPUs under expert parallelism, experts placed in contiguous blocks of
 * experts/groups (expert i on GPU floor(i / (experts/groups))): the expected assignments sent to
 * it and the distinct local experts they hit. Uniform routing loads every GPU alike.
 */
export function busiestExpertGroup(
  moe: MoeShape,
  tokens: number,
  groups: number,
): { assignments: number; expertsHit: number } {
  const q = expertChoiceProbabilities(moe);
  const per = moe.experts / groups;
  let best = { assignments: -1, expertsHit: 0 };
  for (let g = 0; g < groups; g++) {
    let assignments = 0;
    let expertsHit = 0;
    for (let i = g * per; i < (g + 1) * per; i++) {
      assignments += tokens * q[i]!;
      expertsHit += 1 - Math.pow(1 - q[i]!, tokens);
    }
    if (assignments > best.assignments) best = { assignments, expertsHit };
  }
  return best;
}
