/**
 * Load a `kind: zeus` scenario: which of the traces' jobs (by dataset, Zeus' defaults unless
 * overridden) on which GPUs, eta, recurrences and seed. Jobs and GPUs are checked against what the
 * trace folder has, each error on its own YAML line; the CSVs are parsed when the scenario runs,
 * but read now too, so a sweep point's cache key covers their content.
 */
import { InputError, type InputErrorCode } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";
import { packagePath } from "../input/project-paths.js";
import { validateWithSchema } from "../input/schema-errors.js";
import type { PathSegment } from "../input/yaml-path.js";
import { zeusDatasets, zeusJob, type ZeusJob } from "../optimize/zeus/zeus-jobs.js";
import { noteTraceFiles, zeusGpus } from "../optimize/zeus/read-zeus-trace.js";
import { ZEUS_REPLAY_DEFAULTS } from "../optimize/zeus/replay-zeus.js";
import { scenarioHeader, type ScenarioHeader } from "./scenario-header.js";
import { scenarioPath } from "./scenario-profile.js";
import { zeusScenarioSchema } from "./zeus-schema.js";
import { loadScenarioProfile } from "./scenario-profile.js";
import type { HardwareProfile } from "../hardware/profile/profile.js";
import type { Dtype } from "../hardware/op.js";
import { epochDefinition, modeledDatasets } from "../optimize/zeus/modeled-epochs.js";

type WorkloadDoc =
  | string
  | { dataset: string; targetMetric?: number; maxEpochs?: number; defaultBatchSize?: number };

interface ZeusScenarioDoc {
  name?: string;
  description?: string;
  trace?: string;
  workloads?: WorkloadDoc[];
  gpus?: string[];
  modeled?: { hardware: string[]; dtype?: Dtype };
  eta?: number;
  recurrences?: number;
  seed?: number;
  earlyStopBeta?: number;
  output?: { dir?: string };
}

/**
 * tf32: the traces' runs stored fp32 weights; on Ampere, PyTorch ran their matmuls as TF32 by
 * default at the time (assumed), and the cost model prices no plain-fp32 GEMM.
 */
export const ZEUS_SCENARIO_DEFAULTS = { eta: 0.5, seed: 1, dtype: "tf32" } as const;

export interface ZeusScenario extends ScenarioHeader<"zeus"> {
  /** Folder of the traces. */
  traceDir: string;
  jobs: ZeusJob[];
  /** GPUs with a power trace. */
  gpus: string[];
  /** Profiles whose epochs the cost model prices, for the jobs with an epoch definition. */
  modeled: HardwareProfile[];
  modeledDtype: Dtype;
  eta: number;
  /** Recurrences per job; undefined: Zeus' 2 x |batch sizes| x |power limits| of each. */
  recurrences?: number;
  seed: number;
  earlyStopBeta: number;
  /** An error placed on a field of the scenario file (for problems found when it runs). */
  errorAt(path: PathSegment[], detail: string, code?: InputErrorCode): InputError;
  /** Whether workloads[i] spells out `field` (so an error about it goes on that line). */
  hasField(i: number, field: string): boolean;
}

export function zeusScenarioFrom(loaded: LoadedYaml): ZeusScenario {
  const errors = validateWithSchema(loaded.value, zeusScenarioSchema, (p, o) =>
    loaded.locate(p, o),
  );
  if (errors.length > 0) throw InputError.combine(errors);
  const doc = loaded.value as ZeusScenarioDoc;
  const traceDir =
    doc.trace === undefined ? packagePath("data/zeus") : scenarioPath(doc.trace, loaded.file);
  const problems: InputError[] = [];
  const gpus = doc.gpus ?? [];
  if (doc.gpus === undefined && doc.modeled === undefined) {
    throw loaded.errorAt(
      [],
      "give 'gpus' (traces' GPUs), 'modeled' (hardware profiles) or both",
      "SCHEMA",
    );
  }
  const known = zeusGpus(traceDir);
  if (known.length === 0) {
    problems.push(
      loaded.errorAt(
        doc.trace === undefined ? [] : ["trace"],
        `no summary_power_<gpu>.csv in ${traceDir}`,
        "FILE",
      ),
    );
  }
  gpus.forEach((gpu, i) => {
    if (known.length > 0 && !known.includes(gpu))
      problems.push(
        loaded.errorAt(["gpus", i], `unknown GPU '${gpu}' (the traces have: ${known.join(", ")})`),
      );
  });
  const docs = doc.workloads ?? zeusDatasets();
  const jobs: ZeusJob[] = [];
  docs.forEach((w, i) => {
    const spec = typeof w === "string" ? { dataset: w } : w;
    const job = zeusJob(spec.dataset);
    if (job === undefined) {
      const at = typeof w === "string" ? ["workloads", i] : ["workloads", i, "dataset"];
      problems.push(
        loaded.errorAt(
          at,
          `unknown workload '${spec.dataset}' (the traces have: ${zeusDatasets().join(", ")})`,
        ),
      );
      return;
    }
    jobs.push({ ...job, ...spec });
  });
  const modeled: HardwareProfile[] = [];
  (doc.modeled?.hardware ?? []).forEach((name, i) => {
    try {
      modeled.push(loadScenarioProfile(loaded, ["modeled", "hardware", i], name));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(e);
    }
  });
  const dtype = doc.modeled?.dtype ?? ZEUS_SCENARIO_DEFAULTS.dtype;
  if (doc.modeled !== undefined && !jobs.some((j) => epochDefinition(j.dataset, dtype))) {
    problems.push(
      loaded.errorAt(
        ["modeled"],
        `no selected workload has a modeled epoch (only: ${modeledDatasets().join(", ")})`,
      ),
    );
  }
  if (problems.length > 0) throw InputError.combine(problems);
  noteTraceFiles(traceDir, gpus);
  return {
    ...scenarioHeader("zeus", doc, loaded),
    traceDir,
    jobs,
    gpus,
    modeled,
    modeledDtype: dtype,
    eta: doc.eta ?? ZEUS_SCENARIO_DEFAULTS.eta,
    ...(doc.recurrences === undefined ? {} : { recurrences: doc.recurrences }),
    seed: doc.seed ?? ZEUS_SCENARIO_DEFAULTS.seed,
    earlyStopBeta: doc.earlyStopBeta ?? ZEUS_REPLAY_DEFAULTS.beta,
    errorAt: (path, detail, code) => loaded.errorAt(path, detail, code),
    hasField: (i, field) => {
      const w = docs[i];
      return typeof w === "object" && field in w;
    },
  };
}
