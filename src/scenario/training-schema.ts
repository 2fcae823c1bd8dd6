/**
 * JSON Schema of `kind: training` scenarios: one pipeline's iteration frontier, its ops priced
 * from a measured stage profile or from a model on a hardware profile.
 */
const positiveInteger = { type: "integer", minimum: 1 } as const;

export const trainingScenarioSchema = {
  type: "object",
  additionalProperties: false,
  required: ["kind", "microbatches"],
  properties: {
    kind: { const: "training" },
    name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
    description: { type: "string" },
    stageProfile: { type: "string", description: "Perseus-format CSV, relative to this file" },
    model: { type: "string" },
    hardware: { type: "string" },
    parallelism: {
      type: "object",
      additionalProperties: false,
      properties: { stages: positiveInteger, tp: positiveInteger },
    },
    microbatchSize: positiveInteger,
    seq: positiveInteger,
    schedule: { enum: ["gpipe", "1f1b", "interleaved", "zb-h1", "custom"] },
    scheduleFile: { type: "string", description: "custom schedule file, relative to this file" },
    chunks: positiveInteger,
    microbatches: positiveInteger,
    pBlockingW: { type: "number", minimum: 0 },
    unitTimeS: { type: "number", exclusiveMinimum: 0 },
    straggler: { type: "number", minimum: 1 },
    pipelines: positiveInteger,
    communication: {
      type: "boolean",
      description: "model sources: activation sends, gradient all-reduce, optimizer step",
    },
    powerCapW: {
      type: "number",
      description: "model sources: power cap per GPU (W); default the profile's default limit",
    },
    frontier: {
      type: "boolean",
      description: "false: replay one operating point (all-max, or freqMHz) instead of planning",
    },
    freqMHz: {
      type: "number",
      description: "with frontier: false, every op under this clock lock (MHz)",
    },
    output: {
      type: "object",
      additionalProperties: false,
      properties: { dir: { type: "string" } },
    },
  },
} as const;
