/**
 * One recurring job on one GPU, as the traces describe it: per batch size, the epochs each run
 * (seed) took to reach the job's target (null: not within its epoch limit), and per (batch size,
 * power limit) the time and energy of one epoch. Batch sizes are those both traces have (Zeus
 * joins them the same way). The trace's runs are on one GPU each.
 */
import { InputError, badValue } from "../../input/input-error.js";
import type { PowerRow, TrainRow } from "./read-zeus-trace.js";
import type { ZeusJob } from "./zeus-jobs.js";

/** One epoch at one power limit. */
export interface EpochAtLimit {
  powerLimitW: number;
  timePerEpochS: number;
  averagePowerW: number;
  energyPerEpochJ: number;
}

export interface ZeusWorkload {
  job: ZeusJob;
  gpu: string;
  /** GPUs per run: the traces were measured on single-GPU runs. */
  gpus: number;
  /** Ascending. */
  batchSizes: number[];
  /** Per batch size, per run (in run-id order): epochs to the target, null when not reached. */
  epochs: ReadonlyMap<number, readonly (number | null)[]>;
  /** Per batch size, the epoch at each power limit, ascending by limit. */
  epochAt: ReadonlyMap<number, readonly EpochAtLimit[]>;
  /** MaxPower of Zeus' cost: the highest power limit of the GPU in the data x gpus (W). */
  maxPowerW: number;
  /** How the epoch was priced: `measured` (the power trace) or `modeled` (a hardware profile). */
  pricing: "measured" | "modeled";
}

const sameJob = (j: ZeusJob) => (r: { dataset: string; network: string; optimizer: string }) =>
  r.dataset === j.dataset && r.network === j.network && r.optimizer === j.optimizer;

/** Runs per batch size for the job's target; a run past the epoch limit counts as not reached. */
export function epochsToTarget(
  job: ZeusJob,
  train: readonly TrainRow[],
): Map<number, (number | null)[]> {
  const rows = train.filter((r) => sameJob(job)(r) && r.targetMetric === job.targetMetric);
  if (rows.length === 0) {
    const known = [...new Set(train.filter(sameJob(job)).map((r) => r.targetMetric))].sort(
      (a, b) => a - b,
    );
    throw badValue(
      "targetMetric",
      `${job.dataset}/${job.network}/${job.optimizer} has no runs for target ${job.targetMetric}` +
        (known.length > 0 ? ` (the train trace has: ${known.join(", ")})` : " in the train trace"),
    );
  }
  const byBatch = new Map<number, Map<number, number | null>>();
  for (const r of rows) {
    let runs = byBatch.get(r.batchSize);
    if (runs === undefined) byBatch.set(r.batchSize, (runs = new Map()));
    if (runs.has(r.run)) {
      throw new InputError(
        `run ${r.run} of batch size ${r.batchSize} is listed twice for target ${r.targetMetric}`,
        { file: r.file, line: r.line, path: "run", code: "VALUE" },
      );
    }
    runs.set(
      r.run,
      r.targetEpoch !== null && r.targetEpoch <= job.maxEpochs ? r.targetEpoch : null,
    );
  }
  return new Map(
    [...byBatch].map(([b, runs]) => [b, [...runs].sort((x, y) => x[0] - y[0]).map((e) => e[1])]),
  );
}

/** Per batch size, the epoch at each power limit (ascending); a repeated limit is an error. */
export function epochsAtLimits(
  job: ZeusJob,
  power: readonly PowerRow[],
): Map<number, EpochAtLimit[]> {
  const out = new Map<number, EpochAtLimit[]>();
  for (const r of power.filter(sameJob(job))) {
    let list = out.get(r.batchSize);
    if (list === undefined) out.set(r.batchSize, (list = []));
    if (list.some((e) => e.powerLimitW === r.powerLimitW)) {
      throw new InputError(`batch size ${r.batchSize} at ${r.powerLimitW} W is listed twice`, {
        file: r.file,
        line: r.line,
        path: "power_limit",
        code: "VALUE",
      });
    }
    list.push({
      powerLimitW: r.powerLimitW,
      timePerEpochS: r.timePerEpochS,
      averagePowerW: r.averagePowerW,
      energyPerEpochJ: r.timePerEpochS * r.averagePowerW,
    });
  }
  for (const list of out.values()) list.sort((a, b) => a.powerLimitW - b.powerLimitW);
  return out;
}

/**
 * The job on `gpu` from both traces' rows. Zeus caps b0 at the largest batch size the GPU's
 * power trace has (smaller memory holds smaller batches); b0 must reach the target in some run.
 */
export function zeusWorkload(
  job: ZeusJob,
  gpu: string,
  train: readonly TrainRow[],
  epochAt: ReadonlyMap<number, readonly EpochAtLimit[]>,
  pricing: ZeusWorkload["pricing"] = "measured",
): ZeusWorkload {
  const runs = epochsToTarget(job, train);
  const batchSizes = [...runs.keys()].filter((b) => epochAt.has(b)).sort((a, b) => a - b);
  const label = `${job.dataset}/${job.network}/${job.optimizer} on ${gpu}`;
  if (batchSizes.length === 0) throw badValue("gpus", `${label}: no batch size is in both traces`);
  const largest = Math.max(...epochAt.keys());
  const b0 = Math.min(job.defaultBatchSize, largest);
  if (!batchSizes.includes(b0)) {
    throw badValue(
      "defaultBatchSize",
      `${label}: batch size ${b0} is not in both traces (they have ${batchSizes.join(", ")})`,
    );
  }
  if (!(runs.get(b0) ?? []).some((e) => e !== null)) {
    throw badValue(
      "defaultBatchSize",
      `${label}: batch size ${b0} never reaches ${job.targetMetric} within ${job.maxEpochs} epochs`,
    );
  }
  const gpus = 1;
  const limits = batchSizes.flatMap((b) => (epochAt.get(b) ?? []).map((e) => e.powerLimitW));
  return {
    job: { ...job, defaultBatchSize: b0 },
    gpu,
    gpus,
    batchSizes,
    epochs: new Map(batchSizes.map((b) => [b, runs.get(b) ?? []])),
    epochAt: new Map(batchSizes.map((b) => [b, epochAt.get(b) ?? []])),
    maxPowerW: Math.max(...limits) * gpus,
    pricing,
  };
}
