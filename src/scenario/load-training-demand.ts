/**
 * The training side of a `kind: capacity` scenario: its `training` block is a training scenario
 * without dp, loaded by the training scenario loader at each dp the plan tries (so every
 * training check applies, reported at the line in the `training` block that set the value),
 * plus the plan's own fields: the deadline, the GPU budget, operating points and stragglers.
 * `layouts` compares model-parallel layouts: each overrides fields of the block (parallelism,
 * microbatchSize, schedule) and gets its own dp search.
 * The admissible dp values are those that split the global batch evenly (dp x microbatchSize
 * divides it), or every dp when the block fixes the microbatches per pipeline instead (the
 * global batch then grows with dp).
 */
import { InputError } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";
import { toSegments, type PathLike, type PathSegment } from "../input/yaml-path.js";
import type {
  TrainingDemand,
  TrainingJobAt,
  TrainingOperatingPoint,
} from "../optimize/capacity/plan-training-capacity.js";
import type { StragglerRate } from "../optimize/capacity/straggler-odds.js";
import { TRAINING_DEFAULTS as D } from "../optimize/training/plan-training.js";
import { knobChecks } from "./knob-checks.js";
import { trainingScenarioFrom } from "./load-training-scenario.js";
import { clusterJobSpec } from "./run-cluster-job.js";

type Fields = Record<string, unknown>;

export interface TrainingPlanDoc {
  training: Fields;
  layouts?: (Fields & { name: string })[];
  deadlineDays?: number;
  maxGpus?: number;
  operatingPoints?: TrainingOperatingPoint[];
  stragglers?: StragglerRate;
}

/** One model-parallel layout of the job, its dp searched. */
export interface TrainingLayout {
  name: string;
  demand: TrainingDemand;
}

export interface TrainingDemandSpec {
  layouts: TrainingLayout[];
  tokens: number;
  deadlineDays?: number;
  maxGpus: number;
  operatingPoints: TrainingOperatingPoint[];
  stragglers?: StragglerRate;
}

/** Fields of a training scenario the plan sets itself, and why. */
const OWNED: [string, string][] = [
  ["gpus", "the GPU count is what the plan searches (set maxGpus)"],
  ["pipelines", "dp is what the plan searches (set maxGpus)"],
  ["steps", "the plan trains on 'tokens'"],
  ["whatIf", "give caps and smoothing floors as operatingPoints"],
  ["straggler", "give 'stragglers' (rate and slowdown) at the top level"],
  ["frontier", "the plan replays the job"],
  ["freqMHz", "give clock locks as operatingPoints"],
  ["kind", "the plan's kind is capacity"],
  ["name", "the plan names itself"],
  ["output", "the plan's output goes in its own 'output'"],
];

export const DEFAULT_MAX_GPUS = 16384;

export function trainingDemandFrom(loaded: LoadedYaml, doc: TrainingPlanDoc): TrainingDemandSpec {
  const block = doc.training;
  const problems: InputError[] = [];
  for (const [key, why] of OWNED)
    if (block[key] !== undefined) problems.push(loaded.errorAt(["training", key], why));
  if (block.tokens === undefined)
    problems.push(loaded.errorAt(["training"], "needs 'tokens' (the token budget)", "SCHEMA"));
  const names = new Set<string>();
  (doc.layouts ?? []).forEach((l, i) => {
    if (names.has(l.name))
      problems.push(loaded.errorAt(["layouts", i, "name"], `'${l.name}' is given twice`));
    names.add(l.name);
  });
  if (problems.length > 0) throw InputError.combine(problems);
  const maxGpus = doc.maxGpus ?? DEFAULT_MAX_GPUS;
  const layouts = (doc.layouts ?? [undefined]).map((l, i) => {
    const { name, ...own } = (l ?? {}) as Fields & { name?: string };
    const merged: Fields = { ...block, ...own };
    // A field the layout sets is reported in the layout, any other in the training block.
    const origin = (key: string): PathSegment[] =>
      own[key] !== undefined ? ["layouts", i] : ["training"];
    return layoutDemand(loaded, merged, origin, maxGpus, name);
  });

  const points = doc.operatingPoints ?? [];
  const hw = layouts[0]!.demand.at(layouts[0]!.demand.dpChoices[0]!).spec.hardware;
  const knobs = knobChecks(hw, loaded, problems);
  const pointNames = new Set(["default"]);
  points.forEach((p, i) => {
    const path = ["operatingPoints", i];
    if (pointNames.has(p.name))
      problems.push(
        loaded.errorAt([...path, "name"], `'${p.name}' is taken (default is the baseline)`),
      );
    pointNames.add(p.name);
    if (p.powerCapW !== undefined) knobs.cap(p.powerCapW, [...path, "powerCapW"]);
    if (p.smClockMHz !== undefined) knobs.clock(p.smClockMHz, [...path, "smClockMHz"]);
    const limit = hw.powerLimit;
    if (p.smoothingFloorW !== undefined && limit !== undefined && p.smoothingFloorW > limit.maxW)
      problems.push(
        loaded.errorAt(
          [...path, "smoothingFloorW"],
          `${p.smoothingFloorW} W is above ${hw.name}'s highest power limit (${limit.maxW} W)`,
        ),
      );
  });
  if (problems.length > 0) throw InputError.combine(problems);
  return {
    layouts,
    tokens: block.tokens as number,
    ...(doc.deadlineDays !== undefined ? { deadlineDays: doc.deadlineDays } : {}),
    maxGpus,
    operatingPoints: points,
    ...(doc.stragglers !== undefined ? { stragglers: doc.stragglers } : {}),
  };
}

/** One layout: its admissible dp values and the job at each (loaded, checked, cached). */
function layoutDemand(
  loaded: LoadedYaml,
  block: Fields,
  origin: (key: string) => PathSegment[],
  maxGpus: number,
  name: string | undefined,
): TrainingLayout {
  const par = (block.parallelism ?? {}) as Fields;
  if (par.dp !== undefined)
    throw loaded.errorAt(
      [...origin("parallelism"), "parallelism", "dp"],
      "dp is what the plan searches (set maxGpus)",
    );
  const num = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);
  const tp = num(par.tp, 1);
  const pp = num(par.pp ?? par.stages, 1);
  const vpp = num(par.vpp ?? block.chunks, 1);
  const mbs = num(block.microbatchSize, D.microbatchSize);
  const maxDp = Math.floor(maxGpus / (tp * pp));
  const globalBatch = block.globalBatch as number | undefined;
  // Interleaved 1F1B runs its microbatches in groups of pp (interleaved-1f1b.ts): a dp that
  // leaves a pipeline fewer, or not a multiple, cannot run that schedule.
  const interleaved = block.schedule === "interleaved" || (block.schedule === undefined && vpp > 1);
  const admissible = (dp: number) => {
    if (globalBatch === undefined) return true;
    if (globalBatch % (dp * mbs) !== 0) return false;
    const m = globalBatch / (dp * mbs);
    return !interleaved || (m >= pp && m % pp === 0);
  };
  const dpChoices: number[] = [];
  for (let dp = 1; dp <= maxDp; dp++) if (admissible(dp)) dpChoices.push(dp);
  if (dpChoices.length === 0)
    throw loaded.errorAt(
      ["maxGpus"],
      `${maxGpus} GPUs hold no data-parallel replica of tp x pp = ${tp} x ${pp} = ${tp * pp} GPUs` +
        (globalBatch === undefined ? "" : ` that splits the global batch of ${globalBatch} evenly`),
    );

  const cache = new Map<number, TrainingJobAt>();
  const at = (dp: number): TrainingJobAt => {
    let job = cache.get(dp);
    if (job === undefined) {
      const s = trainingScenarioFrom(viewAt(loaded, block, origin, dp));
      const c = s.cluster!;
      job = {
        spec: clusterJobSpec(s, c),
        steps: c.steps,
        tokensPerStep: c.parallelism.globalBatch * c.seqTokens,
        powerResolutionS: c.powerResolutionS,
        seriesSteps: c.powerSeriesSteps ?? Math.min(c.steps, 3),
      };
      cache.set(dp, job);
    }
    return job;
  };
  // Every training check now, at its line: the smallest count, and the largest (its links).
  at(dpChoices[0]!);
  at(dpChoices[dpChoices.length - 1]!);
  return {
    name: name ?? `tp${tp}-pp${pp}${vpp > 1 ? `-vpp${vpp}` : ""}`,
    demand: { tp, pp, dpChoices, at },
  };
}

/**
 * The `training` block (with a layout's fields) at `dp` as a training scenario document (a job
 * replay only), with positions mapped back to where each field was set; what the plan adds
 * points at the block itself.
 */
function viewAt(
  loaded: LoadedYaml,
  block: Fields,
  origin: (key: string) => PathSegment[],
  dp: number,
): LoadedYaml {
  const par = (block.parallelism ?? {}) as Fields;
  const value: Fields = {
    ...block,
    kind: "training",
    frontier: false,
    parallelism: { ...par, dp },
  };
  const map = (path: PathLike): PathSegment[] => {
    const segs = [...toSegments(path)];
    const [head, next] = segs;
    if (head === "kind") return ["kind"];
    if (head === "frontier" || head === undefined) return ["training"];
    const base = origin(String(head));
    if (head === "parallelism" && next === "dp") return [...base, "parallelism"];
    return [...base, ...segs];
  };
  return {
    ...loaded,
    value,
    positionOf: (path, opts) => loaded.positionOf(map(path), opts),
    locate: (path, opts) => loaded.locate(map(path), opts),
    errorAt: (path, detail, code) => loaded.errorAt(map(path), detail, code),
  };
}
