/**
 * Load a `kind: training` scenario: exactly one op source (a stage profile, or a model on
 * hardware), then the job the planner runs.
 */
import { scenarioHeader, type ScenarioHeader } from "./scenario-header.js";
import { TRAINING_DEFAULTS as D, type TrainingJob } from "../optimize/training/plan-training.js";
import { modelNames } from "../workload/model/builtin-models.js";
import { InputError } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";
import { knobChecks } from "./knob-checks.js";
import { loadScheduleFile } from "./load-schedule-file.js";
import { loadScenarioProfile, scenarioPath } from "./scenario-profile.js";
import { validateWithSchema } from "../input/schema-errors.js";
import { trainingScenarioSchema } from "./training-schema.js";

interface TrainingScenarioDoc {
  name?: string;
  description?: string;
  stageProfile?: string;
  model?: string;
  hardware?: string;
  parallelism?: { stages?: number; tp?: number };
  microbatchSize?: number;
  seq?: number;
  schedule?: TrainingJob["schedule"];
  scheduleFile?: string;
  chunks?: number;
  microbatches: number;
  pBlockingW?: number;
  unitTimeS?: number;
  straggler?: number;
  pipelines?: number;
  communication?: boolean;
  powerCapW?: number;
  frontier?: boolean;
  freqMHz?: number;
  output?: { dir?: string };
}

export interface TrainingScenario extends ScenarioHeader<"training"> {
  job: TrainingJob;
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
  if (doc.frontier === false && doc.straggler !== undefined) {
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
  const common = {
    schedule: doc.schedule ?? D.schedule,
    chunks: custom ? (custom.chunks ?? 1) : (doc.chunks ?? D.chunks),
    customOrder: custom,
    microbatches: doc.microbatches,
    pBlockingW: doc.pBlockingW,
    unitTimeS: doc.unitTimeS ?? D.unitTimeS,
    straggler: doc.straggler,
    pipelines: doc.pipelines ?? D.pipelines,
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
    job = {
      ...common,
      source: {
        kind: "profile",
        file: scenarioPath(doc.stageProfile, loaded.file),
        ...(hardware === undefined ? {} : { hardware }),
      },
    };
  } else {
    if (!modelNames().includes(doc.model!)) {
      throw loaded.errorAt(
        ["model"],
        `unknown model '${doc.model}' (known: ${modelNames().join(", ")})`,
      );
    }
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
        stages: doc.parallelism?.stages ?? D.stages,
        tp: doc.parallelism?.tp ?? D.tp,
        microbatchSize: doc.microbatchSize ?? D.microbatchSize,
        seqTokens: doc.seq ?? D.seqTokens,
      },
    };
  }
  return { ...scenarioHeader("training", doc, loaded), job };
}
