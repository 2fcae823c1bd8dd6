/**
 * Time and energy per emitted token of steady speculative decoding (speculative.ts) at one clock:
 * the drafter's k steps and the target's verification, back to back on the same GPUs, divided
 * by the expected tokens each step emits. A what-if estimate of a steady decode batch; the
 * serving replay itself decodes one token per step.
 */
import { costAtClock } from "../../../hardware/cost/cost-at-clock.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import {
  speculativeStepOps,
  type SpeculationOptions,
} from "../../../workload/model/speculative.js";
import type { TransformerShape } from "../../../workload/model/transformer.js";

export interface SpeculativeCost {
  /** One speculative step (drafts + verification), one GPU. */
  stepTimeS: number;
  /** Energy of one step on all `gpus` GPUs. */
  stepEnergyJ: number;
  verifyTimeS: number;
  draftTimeS: number;
  tokensPerStep: number;
  /** Inter-token latency per emitted token: stepTimeS / tokensPerStep. */
  itlPerTokenS: number;
  /** Energy per emitted output token, over the batch and every GPU. */
  energyPerTokenJ: number;
  /** Target forward passes per emitted token: 1 / tokensPerStep. */
  targetStepsPerToken: number;
}

export function speculativeDecodeCost(
  profile: HardwareProfile,
  target: TransformerShape,
  o: SpeculationOptions & { batch: number; context: number; tp?: number; freqMHz: number },
): SpeculativeCost {
  const step = speculativeStepOps(target, o);
  const verify = costAtClock(profile, step.verify.ops, o.freqMHz);
  let draftTimeS = 0;
  let draftEnergyJ = 0;
  for (const d of step.draft) {
    const c = costAtClock(profile, d.ops, o.freqMHz);
    draftTimeS += c.timeS;
    draftEnergyJ += c.energyJ;
  }
  const gpus = step.verify.gpus;
  const stepTimeS = verify.timeS + draftTimeS;
  const stepEnergyJ = (verify.energyJ + draftEnergyJ) * gpus;
  return {
    stepTimeS,
    stepEnergyJ,
    verifyTimeS: verify.timeS,
    draftTimeS,
    tokensPerStep: step.tokensPerStep,
    itlPerTokenS: stepTimeS / step.tokensPerStep,
    energyPerTokenJ: stepEnergyJ / (o.batch * step.tokensPerStep),
    targetStepsPerToken: 1 / step.tokensPerStep,
  };
}
