/**
 * One epoch of a job priced on a hardware profile instead of measured: for each batch size and
 * each power cap of the profile (its limit range in 25 W steps, as Zeus steps), the cost model's
 * training step (forward + backward of the encoder layers, steady under the cap) times the steps
 * of an epoch, ceil(samples / batch). Modeled, and a lower bound on a real epoch's time: no
 * embedding lookup or task head (a few % of BERT's FLOPs), no optimizer step, data loading or
 * evaluation; attention is priced causal (half the score FLOPs of BERT's bidirectional attention,
 * ~4% of its FLOPs at 384 tokens); memory capacity is not checked. A cap the step cannot be held
 * under (it draws more at the lowest clock, so the model would run it over the cap) is left out.
 */
import { costOf } from "../../hardware/cost/cost-model.js";
import { capGridW } from "../../hardware/operating-point.js";
import type { HardwareProfile } from "../../hardware/profile/profile.js";
import { badValue } from "../../input/input-error.js";
import { allTrainOps, trainOps } from "../../workload/model/train.js";
import type { EpochDefinition } from "./modeled-epochs.js";
import type { EpochAtLimit } from "./zeus-workload.js";

export function modeledEpochsAtLimits(
  profile: HardwareProfile,
  epoch: EpochDefinition,
  batchSizes: readonly number[],
): Map<number, EpochAtLimit[]> {
  const caps = capGridW(profile).sort((a, b) => a - b);
  if (caps.length === 0)
    throw badValue("modeled.hardware", `${profile.name} has no settable power limit`);
  const out = new Map<number, EpochAtLimit[]>();
  for (const b of batchSizes) {
    const step = trainOps(epoch.shape, {
      batch: b,
      seqTokens: epoch.seqTokens,
      layers: epoch.shape.layers,
    });
    const ops = allTrainOps(step);
    const steps = Math.ceil(epoch.samplesPerEpoch / b);
    const limits = caps.flatMap((capW) => {
      const c = costOf(profile, ops, { powerCapW: capW });
      if (c.capUnreachable) return [];
      return [
        {
          powerLimitW: capW,
          timePerEpochS: steps * c.timeS,
          averagePowerW: c.avgPowerW,
          energyPerEpochJ: steps * c.energyJ,
        },
      ];
    });
    if (limits.length > 0) out.set(b, limits);
  }
  return out;
}
