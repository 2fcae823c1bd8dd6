/**
 * Time and energy to accuracy (TTA, ETA) of every (batch size, power limit) of a workload, from
 * the expected epochs to the target (retries included, see expected-epochs.ts) times one epoch's
 * time and energy at that limit, and Zeus' cost for `eta`. Batch sizes no run of which reaches
 * the target are left out. Also each single run's TTA and ETA (one training path).
 */
import { expectedEpochs, reachRate } from "./expected-epochs.js";
import { zeusCostJ } from "./zeus-cost.js";
import type { ZeusWorkload } from "./zeus-workload.js";

export interface ZeusPoint {
  batchSize: number;
  powerLimitW: number;
  timePerEpochS: number;
  averagePowerW: number;
  energyPerEpochJ: number;
  /** Expected epochs to the target, failed runs' retries included. */
  epochs: number;
  /** Share of the trace's runs that reach the target. */
  reachRate: number;
  /** Time to accuracy (s). */
  timeS: number;
  /** Energy to accuracy of all the job's GPUs (J). */
  energyJ: number;
  /** eta x energyJ + (1 - eta) x maxPowerW x timeS (J). */
  costJ: number;
}

export interface ZeusRunPoint {
  batchSize: number;
  powerLimitW: number;
  /** Index of the run in the trace's run-id order. */
  run: number;
  /** Epochs to the target; null when this run does not reach it within the limit. */
  epochs: number | null;
  timeS: number | null;
  energyJ: number | null;
}

export function zeusPoints(w: ZeusWorkload, eta: number): ZeusPoint[] {
  return w.batchSizes.flatMap((b) => {
    const runs = w.epochs.get(b) ?? [];
    const epochs = expectedEpochs(runs, w.job.maxEpochs);
    if (!Number.isFinite(epochs)) return [];
    return (w.epochAt.get(b) ?? []).map((e) => {
      const timeS = epochs * e.timePerEpochS;
      const energyJ = epochs * e.energyPerEpochJ * w.gpus;
      return {
        batchSize: b,
        powerLimitW: e.powerLimitW,
        timePerEpochS: e.timePerEpochS,
        averagePowerW: e.averagePowerW * w.gpus,
        energyPerEpochJ: e.energyPerEpochJ * w.gpus,
        epochs,
        reachRate: reachRate(runs),
        timeS,
        energyJ,
        costJ: zeusCostJ(energyJ, timeS, eta, w.maxPowerW),
      };
    });
  });
}

export function zeusRunPoints(w: ZeusWorkload): ZeusRunPoint[] {
  return w.batchSizes.flatMap((b) =>
    (w.epochAt.get(b) ?? []).flatMap((e) =>
      (w.epochs.get(b) ?? []).map((epochs, run) => ({
        batchSize: b,
        powerLimitW: e.powerLimitW,
        run,
        epochs,
        timeS: epochs === null ? null : epochs * e.timePerEpochS,
        energyJ: epochs === null ? null : epochs * e.energyPerEpochJ * w.gpus,
      })),
    ),
  );
}
