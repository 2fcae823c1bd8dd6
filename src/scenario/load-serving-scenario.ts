/**
 * Load a `kind: serving` scenario: the trace (a file, relative to the scenario, or a synthetic
 * workload drawn from the scenario seed), the engine, cluster and policy, and the sweep's
 * operating points, with every problem placed on its YAML line.
 */
import type {
  ClusterSpec,
  ServingPoint,
  ServingSweepInput,
} from "../optimize/serving/sweep-serving.js";
import { resolveEngine, type EngineOptions } from "../replay/serving/engine/engine-options.js";
import type { EngineProfile } from "../replay/serving/engine-profile/engine-profile.js";
import { kvCapacity } from "../replay/serving/engine/kv-capacity.js";
import {
  resolveSpeculation,
  type SpeculativeOptions,
} from "../replay/serving/engine/speculation.js";
import type { PolicySpec } from "../replay/serving/policy/policy.js";
import type { Slo } from "../replay/serving/metrics/metrics.js";
import { loadScenarioModel, type MoeDoc, type PrecisionDoc } from "./scenario-model.js";
import type { TransformerShape } from "../workload/model/transformer.js";
import {
  applyTraceOptions,
  loadLengthHistogram,
  loadTrace,
  syntheticTrace,
  type ArrivalSpec,
  type LengthDist,
  type Trace,
  type TraceFormat,
  type TraceOptions,
} from "../workload/serving/index.js";
import { expandRange, rangeLength, type RangeSpec } from "./expand-range.js";
import { LIMITS } from "../input/limits.js";
import { InputError } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";
import { knobChecks } from "./knob-checks.js";
import { loadScenarioEngine } from "./scenario-engine.js";
import { loadScenarioProfile, scenarioPath } from "./scenario-profile.js";
import { validateWithSchema } from "../input/schema-errors.js";
import { servingScenarioSchema } from "./serving-schema.js";
import { scenarioHeader, type ScenarioHeader } from "./scenario-header.js";

export interface ServingScenario extends ScenarioHeader<"serving">, ServingSweepInput {
  /** The engine profile every point runs on (also in `engine.profile`). */
  engineProfile: EngineProfile;
}

type LengthDoc = LengthDist | { kind: "histogram"; file: string };

interface Doc {
  name?: string;
  description?: string;
  seed?: number | string;
  hardware: string;
  model: string;
  precision?: PrecisionDoc;
  moe?: MoeDoc;
  speculative?: Omit<SpeculativeOptions, "draftModel" | "seed"> & { draftModel?: string };
  trace: TraceOptions & {
    file?: string;
    format?: TraceFormat;
    synthetic?: {
      arrivals: ArrivalSpec;
      lengths: { input?: LengthDoc; output?: LengthDoc; resample?: string };
      count?: number;
      durationS?: number;
    };
  };
  engine?: Omit<EngineOptions, "profile"> & { profile?: string };
  measure?: "run" | "saturated";
  cluster?: Partial<ClusterSpec>;
  policy?: PolicySpec;
  slo?: Slo;
  sweep?: {
    freqMHz?: RangeSpec;
    powerCapW?: number[];
    maxNumSeqs?: number[];
    tp?: number[];
    replicas?: number[];
  };
  frontier?: { energy?: string; latency?: string };
  output?: { dir?: string };
}

const MAX_POINTS = 10_000;

export function servingScenarioFrom(loaded: LoadedYaml): ServingScenario {
  const errors = validateWithSchema(loaded.value, servingScenarioSchema, (p, o) =>
    loaded.locate(p, o),
  );
  if (errors.length > 0) throw InputError.combine(errors);
  const doc = loaded.value as Doc;
  const model = loadScenarioModel(loaded, ["model"], doc.model, doc.precision, doc.moe);
  const profile = loadScenarioProfile(loaded, ["hardware"], doc.hardware);
  const engineProfile = loadScenarioEngine(loaded, ["engine", "profile"], doc.engine?.profile);
  const measure = doc.measure ?? "run";
  const seed = doc.seed ?? 0;
  const engine: EngineOptions = {
    ...doc.engine,
    profile: engineProfile,
    ...(doc.speculative === undefined
      ? {}
      : { speculative: speculativeOf(loaded, doc.speculative, model, seed) }),
  };
  const trace = withPosition(loaded, ["trace"], () => traceOf(doc, model, seed, loaded.file));
  const problems: InputError[] = [];
  const grid = profile.clocks.smMHz;
  const check = knobChecks(profile, loaded, problems);
  const policy: PolicySpec = doc.policy ?? { kind: "default" };
  for (const key of ["lockedMHz", "prefillMHz", "decodeMHz", "minMHz", "maxMHz"] as const) {
    const f = (policy as unknown as Record<string, number | undefined>)[key];
    if (f !== undefined) check.clock(f, ["policy", key]);
  }
  const capW = (policy as { powerCapW?: number }).powerCapW;
  if (capW !== undefined) check.cap(capW, ["policy", "powerCapW"]);
  if (
    policy.kind === "sloDynamic" &&
    (policy as { targetTpotS?: number }).targetTpotS === undefined
  ) {
    problems.push(loaded.errorAt(["policy"], "policy 'sloDynamic' needs 'targetTpotS'", "SCHEMA"));
  }
  const sweep = doc.sweep ?? {};
  if (sweep.freqMHz !== undefined && rangeLength(sweep.freqMHz, grid) > MAX_POINTS) {
    throw loaded.errorAt(["sweep", "freqMHz"], `more than ${MAX_POINTS} clocks`);
  }
  const clocks = sweep.freqMHz === undefined ? undefined : expandRange(sweep.freqMHz, grid);
  clocks?.forEach((f, i) => check.clock(f, ["sweep", "freqMHz", i]));
  sweep.powerCapW?.forEach((w, i) => check.cap(w, ["sweep", "powerCapW", i]));
  const cluster: ClusterSpec = {
    tp: doc.cluster?.tp ?? 1,
    replicas: doc.cluster?.replicas ?? 1,
    router: doc.cluster?.router ?? "least-outstanding-tokens",
    disaggregation: doc.cluster?.disaggregation,
  };
  const axes: [keyof ServingPoint, readonly number[] | undefined][] = [
    ["freqMHz", clocks],
    ["powerCapW", sweep.powerCapW],
    ["maxNumSeqs", sweep.maxNumSeqs],
    ["tp", sweep.tp],
    ["replicas", sweep.replicas],
  ];
  let points: ServingPoint[] = doc.sweep === undefined ? [] : [{}];
  for (const [key, values] of axes) {
    if (values === undefined) continue;
    points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
    if (points.length > MAX_POINTS)
      throw loaded.errorAt(["sweep"], `more than ${MAX_POINTS} points`);
  }
  // A model that cannot fit at some TP is bad input found now, at the line that set that TP.
  const tps: [number, (string | number)[]][] = sweep.tp
    ? sweep.tp.map((tp, i) => [tp, ["sweep", "tp", i]])
    : [[cluster.tp, doc.cluster?.tp !== undefined ? ["cluster", "tp"] : ["model"]]];
  for (const [tp, path] of tps) {
    try {
      kvCapacity(profile, model, tp, resolveEngine(model, engine));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(loaded.errorAt(path, e.detail, e.code));
    }
  }
  const frontier = {
    energy: doc.frontier?.energy ?? "gpuEnergyPerOutputTokenJ",
    latency: doc.frontier?.latency ?? "itlS.p50",
  };
  for (const key of ["energy", "latency"] as const) {
    if (frontier[key].startsWith("steady.") && measure !== "saturated")
      problems.push(
        loaded.errorAt(["frontier", key], "steady.* metrics need 'measure: saturated'", "SCHEMA"),
      );
  }
  if (measure === "saturated" && (cluster.replicas !== 1 || cluster.disaggregation !== undefined))
    problems.push(
      loaded.errorAt(["measure"], "'saturated' measures one replica without disaggregation"),
    );
  if (measure === "saturated" && sweep.replicas?.some((n) => n !== 1))
    problems.push(loaded.errorAt(["sweep", "replicas"], "'measure: saturated' needs 1 replica"));
  if (problems.length > 0) throw InputError.combine(problems);
  return {
    ...scenarioHeader("serving", doc, loaded),
    seed,
    profile,
    model,
    trace,
    engine,
    engineProfile,
    measure,
    cluster,
    policy,
    slo: doc.slo,
    points,
    frontier,
  };
}

/** The `speculative:` block with its draft model loaded, checked at its own lines. */
function speculativeOf(
  loaded: LoadedYaml,
  doc: NonNullable<Doc["speculative"]>,
  model: TransformerShape,
  seed: number | string,
): SpeculativeOptions {
  const draftModel =
    doc.draftModel === undefined
      ? undefined
      : loadScenarioModel(loaded, ["speculative", "draftModel"], doc.draftModel);
  const options: SpeculativeOptions = {
    method: doc.method,
    k: doc.k,
    acceptance: doc.acceptance,
    ...(doc.sampling === undefined ? {} : { sampling: doc.sampling }),
    seed,
    ...(draftModel === undefined ? {} : { draftModel }),
  };
  try {
    resolveSpeculation(model, options);
  } catch (e) {
    if (!(e instanceof InputError) || e.file !== undefined) throw e;
    throw loaded.errorAt((e.path ?? "speculative").split("."), e.detail, e.code);
  }
  return options;
}

function lengthOf(d: LengthDoc, scenarioFile: string): LengthDist {
  if (d.kind !== "histogram") return d;
  const file = (d as { file?: string }).file;
  if (file === undefined)
    throw new InputError("a histogram needs 'file'", { code: "SCHEMA", path: "kind" });
  return { kind: "histogram", bins: loadLengthHistogram(scenarioPath(file, scenarioFile)) };
}

/**
 * A replay's memory grows with the trace's span (power is binned per second): two rows years
 * apart would allocate gigabytes, so the span is bounded (input/limits.ts) before any replay.
 */
function checkTraceSpan(trace: Trace, path: string): void {
  const reqs = trace.requests;
  const spanS = reqs.length < 2 ? 0 : reqs[reqs.length - 1]!.arrivalS - reqs[0]!.arrivalS;
  const max = LIMITS.traceSpanS.maximum;
  if (!(spanS <= max)) {
    throw new InputError(
      `the trace spans ${spanS.toPrecision(4)} s of arrivals; at most ${max} s (31 days) is replayed: take a window of it ('window')`,
      { code: "VALUE", path },
    );
  }
}

function traceOf(
  doc: Doc,
  model: TransformerShape,
  seed: number | string,
  scenarioFile: string,
): Trace {
  const t = doc.trace;
  const options: TraceOptions = {
    window: t.window,
    rateScale: t.rateScale,
    limit: t.limit,
    maxContextTokens: doc.engine?.maxModelLen ?? model.maxContext,
    onTooLong: t.onTooLong,
  };
  if ((t.file === undefined) === (t.synthetic === undefined)) {
    throw new InputError("give exactly one of 'file' and 'synthetic'", { code: "SCHEMA" });
  }
  if (t.file !== undefined) {
    const trace = loadTrace({
      ...options,
      file: scenarioPath(t.file, scenarioFile),
      format: t.format,
    });
    checkTraceSpan(trace, t.rateScale === undefined ? "file" : "rateScale");
    return trace;
  }
  const s = t.synthetic!;
  const lengths =
    s.lengths.resample !== undefined
      ? { resample: loadTrace({ file: scenarioPath(s.lengths.resample, scenarioFile) }).requests }
      : s.lengths.input && s.lengths.output
        ? {
            input: withPath("synthetic.lengths.input", () =>
              lengthOf(s.lengths.input!, scenarioFile),
            ),
            output: withPath("synthetic.lengths.output", () =>
              lengthOf(s.lengths.output!, scenarioFile),
            ),
          }
        : undefined;
  if (lengths === undefined) {
    throw new InputError("synthetic lengths need 'input' and 'output', or 'resample'", {
      code: "SCHEMA",
      path: "synthetic.lengths",
    });
  }
  const trace = syntheticTrace({
    seed,
    arrivals: s.arrivals,
    lengths,
    count: s.count,
    durationS: s.durationS,
  });
  const replayed = applyTraceOptions(trace, options);
  checkTraceSpan(replayed, "synthetic");
  return replayed;
}

/** Prefixes `base` to the path of a file-less InputError thrown by `body`. */
function withPath<T>(base: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (!(e instanceof InputError) || e.file !== undefined) throw e;
    throw new InputError(e.detail, { code: e.code, path: e.path ? `${base}.${e.path}` : base });
  }
}

/** Errors without a file of their own belong to the scenario's field at `base` (+ their path). */
function withPosition<T>(loaded: LoadedYaml, base: string[], body: () => T): T {
  try {
    return body();
  } catch (e) {
    // A trace file that cannot be read at all (missing, a device) is placed on its field.
    if (
      e instanceof InputError &&
      e.code === "FILE" &&
      e.line === undefined &&
      base[0] === "trace"
    ) {
      throw loaded.errorAt([...base, "file"], `${e.detail} (${e.file})`, "FILE");
    }
    if (!(e instanceof InputError) || e.file !== undefined) throw e;
    const path = [...base, ...(e.path ? e.path.split(".") : [])];
    throw loaded.errorAt(path, e.detail, e.code);
  }
}
