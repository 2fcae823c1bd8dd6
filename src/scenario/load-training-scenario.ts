/**
 * Load a `kind: training` scenario: exactly one op source (a stage profile, or a model on
 * hardware), then the job the planner runs.
 */
import { scenarioHeader, type ScenarioHeader } from "./scenario-header.js";
import { TRAINING_DEFAULTS as D, type TrainingJob } from "../optimize/training/plan-training.js";
import { InputError } from "../input/input-error.js";
import { readTextFile } from "../input/read-text-file.js";
import type { LoadedYaml } from "../input/load-yaml.js";
import { knobChecks } from "./knob-checks.js";
import { scenarioModelSpec } from "./scenario-model.js";
import { loadScheduleFile } from "./load-schedule-file.js";
import { loadScenarioProfile, scenarioPath } from "./scenario-profile.js";
import { validateWithSchema } from "../input/schema-errors.js";
import { trainingScenarioSchema } from "./training-schema.js";
import type { HardwareProfile } from "../hardware/profile/profile.js";
import { resolveParallelism, type Parallelism } from "../workload/training/parallelism.js";
import type { GradientSync } from "../replay/training/job/index.js";
import { dpScope, sendScope, tpScope, type LinkScope } from "../workload/training/placement.js";

interface TrainingScenarioDoc {
  name?: string;
  description?: string;
  stageProfile?: string;
  model?: string;
  hardware?: string;
  parallelism?: { stages?: number; tp?: number; pp?: number; dp?: number; vpp?: number };
  gpus?: number;
  globalBatch?: number;
  dtype?: "bf16" | "fp8";
  steps?: number;
  tokens?: number;
  powerResolutionS?: number;
  powerSeriesSteps?: number;
  gradientBucketBytes?: number;
  gradientSync?: GradientSync;
  frontier?: boolean;
  whatIf?: { powerCapW?: number; smoothingFloorW?: number };
  microbatchSize?: number;
  seq?: number;
  schedule?: TrainingJob["schedule"];
  scheduleFile?: string;
  chunks?: number;
  microbatches?: number;
  pBlockingW?: number;
  unitTimeS?: number;
  straggler?: number | { pipeline?: number; factor: number; plan?: boolean };
  pipelines?: number;
  communication?: boolean;
  powerCapW?: number;
  switchLatency?: number | "profile";
  freqMHz?: number;
  output?: { dir?: string };
}

export interface TrainingScenario extends ScenarioHeader<"training"> {
  job: TrainingJob;
  /** Plan the iteration frontier (Perseus' planner); false with a job replay only. */
  frontier: boolean;
  parallelism: Parallelism;
  /** The job at cluster scale, replayed step by step (model sources with `steps`). */
  cluster?: ClusterJob;
}

/** Power series resolution when the scenario gives none (s). */
export const DEFAULT_POWER_RESOLUTION_S = 0.1;

export interface ClusterJob {
  hardware: HardwareProfile;
  model: string;
  parallelism: Parallelism;
  seqTokens: number;
  gemmDtype?: "bf16" | "fp8";
  steps: number;
  powerResolutionS: number;
  powerSeriesSteps?: number;
  bucketBytes?: number;
  gradientSync?: GradientSync;
  whatIfPowerCapW?: number;
  whatIfFloorW?: number;
  straggler?: { pipeline: number; factor: number; plan: boolean };
}

export function trainingScenarioFrom(loaded: LoadedYaml): TrainingScenario {
  const errors = validateWithSchema(loaded.value, trainingScenarioSchema, (p, o) =>
    loaded.locate(p, o),
  );
  if (errors.length > 0) throw InputError.combine(errors);
  const doc = loaded.value as TrainingScenarioDoc;
  if ((doc.schedule === "custom") !== (doc.scheduleFile !== undefined)) {
    throw loaded.errorAt(
      doc.scheduleFile !== undefined ? ["scheduleFile"] : ["schedule"],
      "'schedule: custom' and 'scheduleFile' go together",
      "SCHEMA",
    );
  }
  if (doc.freqMHz !== undefined && doc.frontier !== false) {
    throw loaded.errorAt(
      ["freqMHz"],
      "locks the clock of a replay-only run: it needs 'frontier: false'",
      "SCHEMA",
    );
  }
  if (doc.frontier === false && typeof doc.straggler === "number") {
    throw loaded.errorAt(
      ["straggler"],
      "picks a frontier plan: it needs the frontier (drop 'frontier: false')",
      "SCHEMA",
    );
  }
  const custom =
    doc.scheduleFile === undefined
      ? undefined
      : loadScheduleFile(scenarioPath(doc.scheduleFile, loaded.file));
  const par = doc.parallelism ?? {};
  // A model that does not resolve is reported where the job is built (below), at its line.
  let modelLayers: number | undefined;
  if (doc.model !== undefined) {
    try {
      const m = scenarioModelSpec(loaded, ["model"], doc.model);
      doc.model = m.spec;
      modelLayers = m.shape.layers;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
    }
  }
  const resolved = resolveParallelism({
    tp: par.tp,
    pp: par.pp,
    stages: par.stages,
    dp: par.dp,
    pipelines: doc.pipelines,
    vpp: par.vpp,
    chunks: doc.chunks,
    gpus: doc.gpus,
    globalBatch: doc.globalBatch,
    microbatchSize: doc.microbatchSize ?? D.microbatchSize,
    microbatches: doc.microbatches,
    layers: modelLayers,
  });
  const problems = resolved.problems.map((p) => loaded.errorAt(p.path, p.message));
  const vpp = par.vpp;
  if (
    vpp !== undefined &&
    vpp > 1 &&
    doc.schedule !== undefined &&
    doc.schedule !== "interleaved"
  ) {
    problems.push(
      loaded.errorAt(
        ["parallelism", "vpp"],
        `model chunks need 'schedule: interleaved', not '${doc.schedule}'`,
      ),
    );
  }
  // The job replay runs for `steps`, or for the steps that train on `tokens`.
  const jobWanted = doc.steps !== undefined || doc.tokens !== undefined;
  if (doc.steps !== undefined && doc.tokens !== undefined) {
    problems.push(loaded.errorAt(["tokens"], "give 'steps' or 'tokens', not both", "SCHEMA"));
  }
  const jobOnly: [keyof TrainingScenarioDoc, string][] = [
    ["powerResolutionS", "the job's power series"],
    ["powerSeriesSteps", "the job's power series"],
    ["whatIf", "what-ifs on the job's power swing"],
    ["gradientBucketBytes", "the job's gradient synchronization"],
    ["gradientSync", "the job's gradient synchronization"],
  ];
  for (const [field, what] of jobOnly) {
    if (doc[field] !== undefined && !jobWanted) {
      problems.push(
        loaded.errorAt([field], `${what} needs 'steps' or 'tokens' (the job replay)`, "SCHEMA"),
      );
    }
  }
  if (doc.freqMHz !== undefined && jobWanted) {
    problems.push(
      loaded.errorAt(
        ["freqMHz"],
        "locks a one-pipeline replay; the job replay runs at the default setting (whatIf.powerCapW caps it)",
        "SCHEMA",
      ),
    );
  }
  const stragglerDoc = typeof doc.straggler === "object" ? doc.straggler : undefined;
  const dp = resolved.parallelism?.dp ?? 1;
  if (stragglerDoc !== undefined) {
    if (!jobWanted) {
      problems.push(
        loaded.errorAt(
          ["straggler"],
          "a straggler pipeline is replayed in the job: it needs 'steps' or 'tokens'",
          "SCHEMA",
        ),
      );
    } else if (dp < 2) {
      problems.push(loaded.errorAt(["straggler"], `a straggler pipeline needs dp >= 2, got ${dp}`));
    } else if ((stragglerDoc.pipeline ?? 0) >= dp) {
      problems.push(
        loaded.errorAt(
          ["straggler", "pipeline"],
          `must be a pipeline 0..${dp - 1}, got ${stragglerDoc.pipeline}`,
        ),
      );
    }
  }
  if (problems.length > 0) throw InputError.combine(problems);
  const parallelism = resolved.parallelism!;
  const tokensPerStep = parallelism.globalBatch * (doc.seq ?? D.seqTokens);
  const steps =
    doc.steps ?? (doc.tokens === undefined ? undefined : Math.ceil(doc.tokens / tokensPerStep));
  const schedule = doc.schedule ?? (vpp !== undefined && vpp > 1 ? "interleaved" : D.schedule);
  const common = {
    schedule,
    chunks: custom ? (custom.chunks ?? 1) : (vpp ?? doc.chunks ?? D.chunks),
    customOrder: custom,
    microbatches: parallelism.microbatches,
    pBlockingW: doc.pBlockingW,
    unitTimeS: doc.unitTimeS ?? D.unitTimeS,
    straggler: typeof doc.straggler === "number" ? doc.straggler : stragglerDoc?.factor,
    pipelines: parallelism.dp,
    communication: doc.communication ?? D.communication,
    powerCapW: doc.powerCapW,
    frontier: doc.frontier,
    freqMHz: doc.freqMHz,
  };
  let job: TrainingJob;
  if ((doc.stageProfile === undefined) === (doc.model === undefined)) {
    throw loaded.errorAt(
      [],
      "give exactly one of 'stageProfile' (a measured CSV) or 'model' (with 'hardware')",
      "SCHEMA",
    );
  }
  if (doc.stageProfile !== undefined) {
    if (doc.pBlockingW === undefined) {
      throw loaded.errorAt(
        [],
        "a stage profile needs 'pBlockingW' (the power of a waiting GPU)",
        "SCHEMA",
      );
    }
    if (doc.powerCapW !== undefined) {
      throw loaded.errorAt(
        ["powerCapW"],
        "needs 'model' (a measured stage profile's rows are measurements)",
        "SCHEMA",
      );
    }
    const hardware =
      doc.hardware === undefined
        ? undefined
        : loadScenarioProfile(loaded, ["hardware"], doc.hardware);
    // Opened now, so validate fails where run would: at the field, not with a raw ENOENT later.
    const stageProfileFile = scenarioPath(doc.stageProfile, loaded.file);
    try {
      readTextFile(stageProfileFile);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw loaded.errorAt(["stageProfile"], `${e.detail} (${stageProfileFile})`, "FILE");
    }
    job = {
      ...common,
      source: {
        kind: "profile",
        file: stageProfileFile,
        ...(hardware === undefined ? {} : { hardware }),
      },
    };
  } else {
    if (modelLayers === undefined) scenarioModelSpec(loaded, ["model"], doc.model!);
    if (doc.hardware === undefined) throw loaded.errorAt([], "'model' needs 'hardware'", "SCHEMA");
    const hardware = loadScenarioProfile(loaded, ["hardware"], doc.hardware);
    const problems: InputError[] = [];
    const knobs = knobChecks(hardware, loaded, problems);
    if (doc.powerCapW !== undefined) knobs.cap(doc.powerCapW, ["powerCapW"]);
    if (doc.freqMHz !== undefined) knobs.clock(doc.freqMHz, ["freqMHz"]);
    if (problems.length > 0) throw InputError.combine(problems);
    job = {
      ...common,
      source: {
        kind: "model",
        hardware,
        model: doc.model!,
        stages: parallelism.pp,
        tp: parallelism.tp,
        microbatchSize: doc.microbatchSize ?? D.microbatchSize,
        seqTokens: doc.seq ?? D.seqTokens,
      },
    };
  }
  if (doc.switchLatency !== undefined) {
    const hw = job.source.hardware;
    if (doc.switchLatency === "profile" && hw === undefined) {
      throw loaded.errorAt(
        ["switchLatency"],
        "'profile' needs 'hardware' (a measured stage profile has no clock-switch figure)",
        "SCHEMA",
      );
    }
    job.switchLatencyS =
      doc.switchLatency === "profile" ? hw!.clocks.switchLatencyS : doc.switchLatency;
  }
  let cluster: ClusterJob | undefined;
  if (steps !== undefined) {
    if (job.source.kind !== "model") {
      throw loaded.errorAt(
        [doc.steps !== undefined ? "steps" : "tokens"],
        "the job replay needs 'model' (with 'hardware')",
        "SCHEMA",
      );
    }
    cluster = {
      hardware: job.source.hardware,
      model: job.source.model,
      parallelism,
      seqTokens: job.source.seqTokens,
      gemmDtype: doc.dtype,
      steps,
      powerResolutionS: doc.powerResolutionS ?? DEFAULT_POWER_RESOLUTION_S,
      powerSeriesSteps: doc.powerSeriesSteps,
      bucketBytes: doc.gradientBucketBytes,
      gradientSync: doc.gradientSync,
      whatIfPowerCapW: doc.whatIf?.powerCapW,
      whatIfFloorW: doc.whatIf?.smoothingFloorW,
      straggler:
        stragglerDoc === undefined
          ? undefined
          : {
              pipeline: stragglerDoc.pipeline ?? 0,
              factor: stragglerDoc.factor,
              plan: stragglerDoc.plan ?? true,
            },
    };
    const problems: InputError[] = [];
    const checks = knobChecks(job.source.hardware, loaded, problems);
    if (doc.whatIf?.powerCapW !== undefined)
      checks.cap(doc.whatIf.powerCapW, ["whatIf", "powerCapW"]);
    const floorW = doc.whatIf?.smoothingFloorW;
    const limit = job.source.hardware.powerLimit;
    if (floorW !== undefined && limit !== undefined && floorW > limit.maxW) {
      problems.push(
        loaded.errorAt(
          ["whatIf", "smoothingFloorW"],
          `${floorW} W is above ${job.source.hardware.name}'s highest power limit (${limit.maxW} W)`,
        ),
      );
    }
    if (problems.length > 0) throw InputError.combine(problems);
    checkLinks(loaded, cluster);
  }
  if (doc.dtype === "fp8" && job.source.kind === "model") {
    const hw = job.source.hardware;
    if (hw.compute.tensorFlopsPerClock.fp8 === undefined) {
      throw loaded.errorAt(["dtype"], `profile '${hw.name}' has no fp8 tensor throughput`);
    }
  }
  if (doc.dtype !== undefined && !jobWanted) {
    throw loaded.errorAt(
      ["dtype"],
      "the GEMM format is used by the job replay: it needs 'steps' or 'tokens'",
      "SCHEMA",
    );
  }
  return {
    ...scenarioHeader("training", doc, loaded),
    job,
    frontier: doc.frontier ?? true,
    parallelism,
    ...(cluster === undefined ? {} : { cluster }),
  };
}

/** Every collective of the job has its link in the profile (placement: tp, then pp, then dp). */
function checkLinks(loaded: LoadedYaml, c: ClusterJob): void {
  const { tp, pp, dp } = c.parallelism;
  const layout = { tp, pp, dp, gpusPerNode: c.hardware.node.gpusPerNode };
  const needed: [LinkScope, string, (string | number)[]][] = [];
  for (let s = 0; s < pp; s++) {
    if (tp > 1)
      needed.push([tpScope(layout, s), "tensor-parallel all-reduce", ["parallelism", "tp"]]);
    if (s + 1 < pp)
      needed.push([sendScope(layout, s, s + 1), "pipeline send", ["parallelism", "pp"]]);
    if (dp > 1)
      needed.push([dpScope(layout, s), "data-parallel gradient all-reduce", ["parallelism", "dp"]]);
  }
  const problems: InputError[] = [];
  const seen = new Set<string>();
  for (const [scope, what, path] of needed) {
    if (c.hardware.interconnect.some((l) => l.scope === scope) || seen.has(what)) continue;
    seen.add(what);
    const link = scope === "node" ? "intra-node (scope: node)" : "inter-node (scope: cluster)";
    problems.push(
      loaded.errorAt(
        path,
        `the ${what} needs an ${link} link, which profile '${c.hardware.name}' does not have`,
      ),
    );
  }
  if (problems.length > 0) throw InputError.combine(problems);
}
