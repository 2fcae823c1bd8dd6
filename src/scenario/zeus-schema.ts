/**
 * JSON Schema of `kind: zeus` scenarios: a recurring training job's batch size x GPU power limit,
 * from Zeus' traces (data/zeus): the oracle for `eta`, the time-energy frontier, and Zeus' online
 * policy replayed over recurrences.
 */
import { headerSchemas } from "./header-schema.js";
const positiveInteger = { type: "integer", minimum: 1 } as const;

const workloadObject = {
  type: "object",
  additionalProperties: false,
  required: ["dataset"],
  properties: {
    dataset: { type: "string", description: "the job's dataset in the trace (e.g. cifar100)" },
    targetMetric: { type: "number", description: "validation target; default Zeus' for the job" },
    maxEpochs: {
      ...positiveInteger,
      maximum: 100_000, // each epoch of each recurrence is replayed
      description: "epochs after which a run counts as failed; default Zeus' for the job",
    },
    defaultBatchSize: {
      ...positiveInteger,
      maximum: 10_000_000, // as any batch (input/limits.ts)
      description: "b0, where Zeus' pruning starts; default Zeus' for the job",
    },
  },
} as const;

export const zeusScenarioSchema = {
  type: "object",
  additionalProperties: false,
  required: ["kind"],
  properties: {
    kind: { const: "zeus", description: "Selects this format." },
    ...headerSchemas("zeus"),
    trace: {
      type: "string",
      description:
        "folder with summary_train.csv and summary_power_<gpu>.csv, relative to this file",
    },
    workloads: {
      description: "jobs of the trace: dataset names, or maps overriding Zeus' target and limits",
      type: "array",
      minItems: 1,
      items: {
        anyOf: [{ type: "string" }, workloadObject],
        "x-message": "must be a dataset name or a map with 'dataset'",
      },
    },
    gpus: {
      type: "array",
      minItems: 1,
      items: { type: "string" },
      description: "GPUs with a power trace (summary_power_<gpu>.csv): epochs priced as measured",
    },
    modeled: {
      type: "object",
      additionalProperties: false,
      required: ["hardware"],
      description: "hardware profiles with no power trace: epochs priced by the cost model",
      properties: {
        hardware: {
          type: "array",
          minItems: 1,
          items: { type: "string" },
          description: "hardware profile names or files",
        },
        dtype: {
          enum: ["tf32", "bf16", "fp16"],
          description: "training math format (default tf32)",
        },
      },
    },
    eta: {
      type: "number",
      minimum: 0,
      maximum: 1,
      description: "Zeus' weight of energy against time in eta x ETA + (1 - eta) x MaxPower x TTA",
    },
    recurrences: {
      ...positiveInteger,
      maximum: 100_000, // each recurrence is one replayed training run
      description:
        "recurrences of the job the online policy is replayed over (default 2 x batch sizes x limits)",
    },
    seed: { type: "integer", default: 0, description: "seed of the training paths and the bandit" },
    earlyStopBeta: {
      type: "number",
      exclusiveMinimum: 0,
      maximum: 1e6,
      default: 2,
      description: "stop a recurrence's run once its cost passes beta x the least cost so far",
    },
  },
} as const;
