/**
 * The figures that explain why one result's frontier differs from another's, read from the
 * summary.json each run already writes, at the default setting (no clock lock, the profile's
 * default power limit): for serving, iterations per second, sequences per iteration, the
 * cap-bound share of kernel time, the idle share of GPU energy, average power and the latencies;
 * with the clock and power where the frontier reaches its lowest energy; for training, the
 * iteration time, sequences per iteration, the split of GPU energy into compute, communication
 * and blocking (waiting), how busy the GPUs are, the cap-bound share of compute time and the
 * share of it in memory-bound kernels, and what the per-op planner saves (with the clock
 * switches its plan makes); for estimate, the step's clock, power and whether the cap binds. A figure an older summary
 * lacks is null, never a guess.
 */
import type { BaseUnit } from "../../report/quantity.js";

/** One mechanism figure: its name (SI unit in the name, as in the summaries) and how to print it. */
export interface MechanismColumn {
  key: string;
  /** Printed as a base-unit quantity (kJ, ms, ...), a percentage of a 0-1 share, a count, or a number. */
  format: BaseUnit | "share" | "count" | "number";
}

export type Mechanisms = Record<string, number | null>;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Reads `path` (dotted) out of a parsed summary. */
function at(o: unknown, path: string): unknown {
  let v: unknown = o;
  for (const k of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : a / b;

export const SERVING_MECHANISMS: readonly MechanismColumn[] = [
  { key: "iterationsPerS", format: "number" },
  { key: "avgBatchSequences", format: "number" },
  { key: "capBoundTimeShare", format: "share" },
  { key: "gpuIdleShare", format: "share" },
  { key: "avgGpuPowerW", format: "W" },
  { key: "ttftS.p50", format: "s" },
  { key: "itlS.p50", format: "s" },
  { key: "gpuEnergyPerOutputTokenJ", format: "J" },
  { key: "clockSwitches", format: "count" },
  { key: "minEnergyFreqMHz", format: "count" },
  { key: "minEnergyAvgGpuPowerW", format: "W" },
];

export const TRAINING_MECHANISMS: readonly MechanismColumn[] = [
  { key: "iterationTimeS", format: "s" },
  { key: "sequencesPerIteration", format: "number" },
  { key: "computeEnergyShare", format: "share" },
  { key: "communicationEnergyShare", format: "share" },
  { key: "blockingEnergyShare", format: "share" },
  { key: "busyShare", format: "share" },
  { key: "capBoundTimeShare", format: "share" },
  { key: "memoryBoundTimeShare", format: "share" },
  { key: "avgGpuPowerW", format: "W" },
  { key: "minEnergySavingPct", format: "number" },
  { key: "minEnergySlowdownPct", format: "number" },
  { key: "minEnergyClockSwitches", format: "count" },
  { key: "switchLatencyS", format: "s" },
];

export const ESTIMATE_MECHANISMS: readonly MechanismColumn[] = [
  { key: "timeS", format: "s" },
  { key: "freqMHz", format: "count" },
  { key: "capBoundShare", format: "share" },
  { key: "avgGpuPowerW", format: "W" },
  { key: "gpuEnergyJ", format: "J" },
  { key: "minEnergySavingPct", format: "number" },
];

export function mechanismColumns(kind: string): readonly MechanismColumn[] {
  return kind === "serving"
    ? SERVING_MECHANISMS
    : kind === "training"
      ? TRAINING_MECHANISMS
      : kind === "estimate"
        ? ESTIMATE_MECHANISMS
        : [];
}

function servingMechanisms(s: unknown): Mechanisms {
  const r = at(s, "default.result");
  const get = (k: string) => num(at(r, k));
  return {
    iterationsPerS: ratio(get("iterations"), get("durationS")),
    avgBatchSequences: get("avgBatchSequences"),
    capBoundTimeShare: get("capBoundTimeShare"),
    gpuIdleShare: get("gpuIdleShare"),
    avgGpuPowerW: get("avgGpuPowerW"),
    "ttftS.p50": get("ttftS.p50"),
    "itlS.p50": get("itlS.p50"),
    gpuEnergyPerOutputTokenJ: get("gpuEnergyPerOutputTokenJ"),
    clockSwitches: get("clockSwitches"),
    // Where the SLO-meeting frontier ends: the clock and power of its lowest-energy point.
    minEnergyFreqMHz: num(at(s, "minEnergy.knobs.freqMHz")),
    minEnergyAvgGpuPowerW: num(at(s, "minEnergy.avgGpuPowerW")),
  };
}

function trainingMechanisms(s: unknown): Mechanisms {
  const b = at(s, "replay.baseline");
  const get = (k: string) => num(at(b, k));
  const energy = get("gpuEnergyJ");
  const time = get("timeS");
  const busy = at(b, "busyFraction");
  const microbatches = num(at(s, "microbatches"));
  const perMicrobatch = num(at(s, "microbatchSize"));
  return {
    iterationTimeS: time,
    sequencesPerIteration:
      microbatches === null || perMicrobatch === null
        ? null
        : microbatches * perMicrobatch * (num(at(s, "scope.pipelines")) ?? 1),
    computeEnergyShare: ratio(get("computeJ"), energy),
    communicationEnergyShare: ratio(get("communicationJ"), energy),
    blockingEnergyShare: ratio(get("blockingJ"), energy),
    busyShare:
      Array.isArray(busy) && busy.length > 0
        ? busy.reduce((a: number, x) => a + (num(x) ?? 0), 0) / busy.length
        : null,
    capBoundTimeShare: get("capBoundTimeShare"),
    memoryBoundTimeShare: get("memoryBoundTimeShare"),
    avgGpuPowerW: ratio(energy, time === null ? null : time * (num(at(s, "scope.gpus")) ?? 1)),
    minEnergySavingPct: num(at(s, "minEnergySavingPct")),
    minEnergySlowdownPct: num(at(s, "minEnergySlowdownPct")),
    minEnergyClockSwitches: num(at(s, "replay.minEnergy.clockSwitches")),
    switchLatencyS: num(at(s, "switchLatencyS")),
  };
}

function estimateMechanisms(s: unknown): Mechanisms {
  const d = at(s, "default");
  const capBound = at(d, "capBound");
  return {
    timeS: num(at(d, "timeS")),
    freqMHz: num(at(d, "freqMHz")),
    capBoundShare: typeof capBound === "boolean" ? (capBound ? 1 : 0) : null,
    avgGpuPowerW: num(at(d, "avgGpuPowerW")),
    gpuEnergyJ: num(at(d, "gpuEnergyJ")),
    minEnergySavingPct: num(at(s, "minEnergySavingPct")),
  };
}

/** The mechanism figures of a parsed summary.json of `kind`. */
export function mechanismsOf(kind: string, summary: unknown): Mechanisms {
  return kind === "serving"
    ? servingMechanisms(summary)
    : kind === "training"
      ? trainingMechanisms(summary)
      : kind === "estimate"
        ? estimateMechanisms(summary)
        : {};
}
