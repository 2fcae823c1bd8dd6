/**
 * JSON Schema of `kind: zeus` scenarios: a recurring training job's batch size x GPU power limit,
 * from Zeus' traces (data/zeus): the oracle for `eta`, the time-energy frontier, and Zeus' online
 * policy replayed over recurrences.
 */
const positiveInteger = { type: "integer", minimum: 1 } as const;

const workloadObject = {
  type: "object",
  additionalProperties: false,
  required: ["dataset"],
  properties: {
    dataset: { type: "string" },
    targetMetric: { type: "number", description: "validation target; default Zeus' for the job" },
    maxEpochs: positiveInteger,
    defaultBatchSize: positiveInteger,
  },
} as const;

export const zeusScenarioSchema = {
  type: "object",
  additionalProperties: false,
  required: ["kind"],
  properties: {
    kind: { const: "zeus" },
    name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
    description: { type: "string" },
    trace: {
      type: "string",
      description:
        "folder with summary_train.csv and summary_power_<gpu>.csv, relative to this file",
    },
    workloads: {
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
        hardware: { type: "array", minItems: 1, items: { type: "string" } },
        dtype: { enum: ["tf32", "bf16", "fp16"] },
      },
    },
    eta: { type: "number", minimum: 0, maximum: 1 },
    recurrences: positiveInteger,
    seed: { type: "integer" },
    earlyStopBeta: { type: "number", exclusiveMinimum: 0 },
    output: {
      type: "object",
      additionalProperties: false,
      properties: { dir: { type: "string" } },
    },
  },
} as const;
