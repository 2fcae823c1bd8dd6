/**
 * Stragglers in synchronous training, in expectation: each GPU is slow in a given step with
 * probability `rate` (independently: throttling, a noisy neighbour, a flaky link), and a slow GPU
 * slows its whole pipeline by `slowdown` (its tensor-parallel peers and the next stages wait
 * for it). Every pipeline waits for the slowest at the gradient synchronization, so a step is
 * slow when any of the job's GPUs is: probability 1 - (1 - rate)^gpus. Several slow pipelines
 * in one step cost what one does (they run side by side), so the expected step is the mix of
 * the two replayed steps, and so is its energy.
 */
export interface StragglerRate {
  /** Chance that a given GPU is slow during a given step. */
  rate: number;
  /** How many times slower a slow pipeline computes. */
  slowdown: number;
}

/** Probability that a step of `gpus` GPUs has at least one slow GPU. */
export function slowStepProbability(rate: number, gpus: number): number {
  // 1 - (1 - rate)^gpus without the cancellation at small rates.
  return -Math.expm1(gpus * Math.log1p(-rate));
}

export interface StepCost {
  stepS: number;
  energyJ: number;
}

/** The expected step: the normal and the slow step mixed at the slow step's probability. */
export function expectedStep(normal: StepCost, slow: StepCost, slowProbability: number): StepCost {
  const q = slowProbability;
  return {
    stepS: (1 - q) * normal.stepS + q * slow.stepS,
    energyJ: (1 - q) * normal.energyJ + q * slow.energyJ,
  };
}
