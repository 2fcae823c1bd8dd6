/**
 * Load a `kind: capacity` scenario (`wattif plan`): its own schema, then each candidate merged
 * over the `serving` block and loaded by the serving scenario loader, so every serving check
 * applies and each problem is reported at the line that set the value (the candidate's override
 * or the shared `serving` block). Demand levels reload the trace at growth x its rate.
 */
import { InputError } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";
import { validateWithSchema } from "../input/schema-errors.js";
import { toSegments, type PathLike, type PathSegment } from "../input/yaml-path.js";
import type { DatacenterSpec } from "../optimize/capacity/datacenter.js";
import type { CapacityCandidate, CapacityObjective } from "../optimize/capacity/plan-capacity.js";
import type { PercentileSlo } from "../optimize/capacity/slo-targets.js";
import { capacityScenarioSchema } from "./capacity-schema.js";
import { servingScenarioFrom } from "./load-serving-scenario.js";
import {
  trainingDemandFrom,
  type TrainingDemandSpec,
  type TrainingPlanDoc,
} from "./load-training-demand.js";
import { scenarioHeader, type ScenarioHeader } from "./scenario-header.js";

export interface CapacityScenario extends ScenarioHeader<"capacity"> {
  candidates: CapacityCandidate[];
  growth: number[];
  slo: PercentileSlo;
  datacenter: DatacenterSpec;
  maxReplicas: number;
  objective: CapacityObjective;
  /** A training plan (then `candidates` is empty): the job whose GPU count is searched. */
  training?: TrainingDemandSpec;
}

type Fields = Record<string, unknown>;

interface CandidateDoc extends Fields {
  name: string;
  gpuUsdPerHour?: number;
  cluster?: Fields;
  engine?: Fields;
}

interface Doc extends Partial<TrainingPlanDoc> {
  name?: string;
  description?: string;
  serving?: Fields;
  growth?: number[];
  slo?: PercentileSlo;
  candidates?: CandidateDoc[];
  maxReplicas?: number;
  datacenter: DatacenterDoc;
  objective?: CapacityObjective;
  output?: { dir?: string };
}

type DatacenterDoc = Omit<DatacenterSpec, "pue" | "gpuUsdPerHour"> & {
  pue?: number;
  gpuUsdPerHour?: number;
  gpuCapexUsd?: number;
  gpuLifetimeYears?: number;
  gpuUpkeepUsdPerHour?: number;
};

const HOURS_PER_YEAR = 8766; // 365.25 days

/**
 * The datacenter block with its GPU price per hour: given (rent), or a purchase written off
 * evenly over its lifetime plus upkeep. Exactly one of the two ways.
 */
function datacenterFrom(loaded: LoadedYaml, doc: DatacenterDoc): DatacenterSpec {
  const { gpuCapexUsd, gpuLifetimeYears, gpuUpkeepUsdPerHour, ...rest } = doc;
  const at = (key: string, message: string) =>
    loaded.errorAt(["datacenter", key], message, "SCHEMA");
  if (gpuCapexUsd === undefined) {
    if (doc.gpuUsdPerHour === undefined)
      throw loaded.errorAt(
        ["datacenter"],
        "give the GPU price: 'gpuUsdPerHour', or 'gpuCapexUsd' with 'gpuLifetimeYears'",
        "SCHEMA",
      );
    for (const key of ["gpuLifetimeYears", "gpuUpkeepUsdPerHour"] as const)
      if (doc[key] !== undefined) throw at(key, "goes with 'gpuCapexUsd'");
    return { ...rest, gpuUsdPerHour: doc.gpuUsdPerHour, pue: doc.pue ?? 1.2 };
  }
  if (doc.gpuUsdPerHour !== undefined)
    throw at("gpuUsdPerHour", "give 'gpuUsdPerHour' or 'gpuCapexUsd', not both");
  if (gpuLifetimeYears === undefined)
    throw at("gpuCapexUsd", "needs 'gpuLifetimeYears' to spread the purchase over");
  const gpuUsdPerHour =
    gpuCapexUsd / (gpuLifetimeYears * HOURS_PER_YEAR) + (gpuUpkeepUsdPerHour ?? 0);
  return { ...rest, gpuUsdPerHour, pue: doc.pue ?? 1.2 };
}

/** Objects merged key by key; other fields replaced whole by the candidate's. */
const MERGED = new Set(["engine", "cluster", "trace"]);

export function capacityScenarioFrom(loaded: LoadedYaml): CapacityScenario {
  const errors = validateWithSchema(loaded.value, capacityScenarioSchema, (p, o) =>
    loaded.locate(p, o),
  );
  if (errors.length > 0) throw InputError.combine(errors);
  const doc = loaded.value as Doc;
  checkDemand(loaded, doc);
  const common = {
    ...scenarioHeader("capacity", doc, loaded),
    datacenter: datacenterFrom(loaded, doc.datacenter),
    objective: doc.objective ?? "cost",
  };
  if (doc.training !== undefined) {
    const training = trainingDemandFrom(loaded, { ...doc, training: doc.training });
    return { ...common, candidates: [], growth: [1], slo: {}, maxReplicas: 0, training };
  }
  return { ...common, ...servingPlanFrom(loaded, doc as ServingDoc) };
}

type ServingDoc = Doc & { serving: Fields; slo: PercentileSlo; candidates: CandidateDoc[] };

const SERVING_ONLY = ["slo", "candidates", "growth", "maxReplicas"] as const;
const TRAINING_ONLY = [
  "layouts",
  "deadlineDays",
  "maxGpus",
  "operatingPoints",
  "stragglers",
] as const;

/** Exactly one demand, serving or training, with the fields that go with it. */
function checkDemand(loaded: LoadedYaml, doc: Doc): void {
  if ((doc.serving === undefined) === (doc.training === undefined))
    throw loaded.errorAt(
      [],
      "give exactly one of 'serving' (a fleet sized to a trace) or 'training' (a job sized to a deadline)",
      "SCHEMA",
    );
  const problems: InputError[] = [];
  if (doc.serving !== undefined) {
    for (const key of TRAINING_ONLY)
      if (doc[key] !== undefined)
        problems.push(loaded.errorAt([key], "plans a training job: it needs 'training'", "SCHEMA"));
    for (const key of ["slo", "candidates"] as const)
      if (doc[key] === undefined)
        problems.push(loaded.errorAt([], `a serving plan needs '${key}'`, "SCHEMA"));
  } else {
    for (const key of SERVING_ONLY)
      if (doc[key] !== undefined)
        problems.push(
          loaded.errorAt(
            [key],
            "plans a serving fleet: it needs 'serving', not 'training'",
            "SCHEMA",
          ),
        );
  }
  if (problems.length > 0) throw InputError.combine(problems);
}

function servingPlanFrom(loaded: LoadedYaml, doc: ServingDoc) {
  const problems: InputError[] = [];
  const names = new Set<string>();
  doc.candidates.forEach((c, i) => {
    if (names.has(c.name))
      problems.push(loaded.errorAt(["candidates", i, "name"], `'${c.name}' is given twice`));
    names.add(c.name);
    if (c.cluster?.replicas !== undefined)
      problems.push(
        loaded.errorAt(
          ["candidates", i, "cluster", "replicas"],
          "replicas are what the plan searches; set maxReplicas instead",
        ),
      );
  });
  if ((doc.serving.cluster as Fields | undefined)?.replicas !== undefined)
    problems.push(
      loaded.errorAt(
        ["serving", "cluster", "replicas"],
        "replicas are what the plan searches; set maxReplicas instead",
      ),
    );
  for (const key of ["sweep", "frontier", "output", "kind", "name"])
    if (doc.serving[key] !== undefined)
      problems.push(
        loaded.errorAt(["serving", key], `'${key}' belongs to a serving scenario, not a plan`),
      );
  if (problems.length > 0) throw InputError.combine(problems);

  const candidates = doc.candidates.map((c, i): CapacityCandidate => {
    const load = (growth: number) => servingScenarioFrom(candidateView(loaded, doc, i, growth));
    const atOne = load(1); // every serving check, now, at its line
    const cache = new Map<number, ReturnType<typeof load>>([[1, atOne]]);
    return {
      name: c.name,
      ...(c.gpuUsdPerHour !== undefined ? { gpuUsdPerHour: c.gpuUsdPerHour } : {}),
      at: (growth) => {
        let s = cache.get(growth);
        if (s === undefined) {
          s = load(growth);
          cache.set(growth, s);
        }
        return s;
      },
    };
  });
  return {
    candidates,
    growth: doc.growth ?? [1],
    slo: doc.slo,
    maxReplicas: doc.maxReplicas ?? 64,
  };
}

/**
 * Candidate `i` merged over the shared serving block as a serving scenario document, with
 * positions mapped back: a path the candidate sets points into the candidate, any other into
 * `serving`.
 */
function candidateView(loaded: LoadedYaml, doc: ServingDoc, i: number, growth: number): LoadedYaml {
  const base = doc.serving;
  const cand = doc.candidates[i] as CandidateDoc;
  const merged: Fields = { ...base, kind: "serving", name: cand.name };
  for (const [key, value] of Object.entries(cand)) {
    if (key === "name" || key === "gpuUsdPerHour") continue;
    merged[key] =
      MERGED.has(key) && typeof base[key] === "object"
        ? { ...(base[key] as Fields), ...(value as Fields) }
        : value;
  }
  const trace = { ...(merged.trace as Fields) };
  trace.rateScale = ((trace.rateScale as number | undefined) ?? 1) * growth;
  merged.trace = trace;
  const map = (path: PathLike): PathSegment[] => {
    const segs = [...toSegments(path)];
    const [head, next] = segs;
    if (head === undefined) return ["serving"];
    if (head === "kind") return ["kind"];
    if (head === "name") return ["candidates", i, "name"];
    const own = cand[head as string];
    const set =
      own !== undefined &&
      (!MERGED.has(head as string) ||
        next === undefined ||
        (own as Fields)[next as string] !== undefined);
    return set ? ["candidates", i, ...segs] : ["serving", ...segs];
  };
  return {
    ...loaded,
    value: merged,
    positionOf: (path, opts) => loaded.positionOf(map(path), opts),
    locate: (path, opts) => loaded.locate(map(path), opts),
    errorAt: (path, detail, code) => loaded.errorAt(map(path), detail, code),
  };
}
