/**
 * What each op of a TrainingDag can cost: its choices of (clock, time, energy), highest clock
 * first. Planners pick a row per op; the replay plays the picks. Two sources: a measured stage
 * profile (here) and the hardware cost model (model-costs.ts).
 */
import { badValue } from "../../../input/input-error.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import type { DagOp, TrainingDag } from "../../../workload/training/dag.js";
import { stageRows, type StageProfile } from "./stage-profile.js";

export interface OpChoices {
  /** Descending. */
  freqMHz: readonly number[];
  timeS: readonly number[];
  energyJ: readonly number[];
  /**
   * Per row, the share of the op's kernel time in kernels whose HBM time exceeds their compute
   * time (memory-bound); absent for measured rows and transfers.
   */
  memoryBoundShare?: readonly number[];
}

export interface OpCostTable {
  /** Indexed by DagOp id. */
  ops: readonly OpChoices[];
  /** The part that priced it (a power model, clock grid and switch latency); absent if measured. */
  hardware?: HardwareProfile;
  /** The power cap per GPU (W) the rows were priced under (none for a measured table). */
  powerCapW?: number;
}

/** Index of the row at exactly `freqMHz`, or -1. */
export function rowAt(choices: OpChoices, freqMHz: number): number {
  return choices.freqMHz.indexOf(freqMHz);
}

/** The same time and energy at every clock (transfers do not move with the SM clock). */
export function flatChoices(
  clocksMHz: readonly number[],
  timeS: number,
  energyJ: number,
): OpChoices {
  return {
    freqMHz: [...clocksMHz],
    timeS: clocksMHz.map(() => timeS),
    energyJ: clocksMHz.map(() => energyJ),
  };
}

export function isComputeOp(op: DagOp): boolean {
  return op.kind !== "send" && op.kind !== "allreduce";
}

export interface StageProfileCostOptions {
  /** Costs of the ops the profile does not measure (send, allreduce, optimizer), by op id. */
  fallback?: OpCostTable;
}

/**
 * Costs from measured stage rows, by the op's stage and kind. Backward-input and -weight ops use
 * split rows if measured, else half the backward's (see stageRows). With model chunks
 * (interleaved 1F1B) each chunk op costs 1/chunks of its stage's row: the profile measured the
 * whole stage, and chunks split its layers evenly.
 */
export function costsFromStageProfile(
  dag: TrainingDag,
  profile: StageProfile,
  options: StageProfileCostOptions = {},
): OpCostTable {
  if (dag.stages !== profile.stages) {
    throw badValue(
      "stages",
      `the schedule has ${dag.stages} stages but the stage profile ${profile.file ?? ""} has ${profile.stages}`,
    );
  }
  const chunks = Math.max(1, ...dag.ops.map((op) => op.chunk + 1));
  const cache = new Map<string, OpChoices>();
  const ops = dag.ops.map((op) => {
    const fromFallback = options.fallback?.ops[op.id];
    if (op.kind === "send" || op.kind === "allreduce" || op.kind === "optimizer") {
      if (fromFallback !== undefined) return fromFallback;
      throw badValue(
        "stageProfile",
        `op ${op.name}: a stage profile has no ${op.kind} rows; pass a fallback table (e.g. costsFromModel) for it`,
      );
    }
    const key = `${op.stage}/${op.kind}`;
    let choices = cache.get(key);
    if (choices === undefined) {
      const rows = stageRows(profile, op.stage, op.kind);
      if (rows === undefined)
        throw badValue("stageProfile", `op ${op.name}: the stage profile has no ${key} rows`);
      choices = {
        freqMHz: rows.freqMHz,
        timeS: rows.timeS.map((t) => t / chunks),
        energyJ: rows.energyJ.map((e) => e / chunks),
      };
      cache.set(key, choices);
    }
    return choices;
  });
  return { ops };
}
