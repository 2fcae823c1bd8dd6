/**
 * JSON Schema of `kind: training` scenarios: one pipeline's iteration frontier, its ops priced
 * from a measured stage profile or from a model on a hardware profile.
 */
const positiveInteger = { type: "integer", minimum: 1 } as const;

export const trainingScenarioSchema = {
  type: "object",
  additionalProperties: false,
  required: ["kind"],
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
      properties: {
        stages: positiveInteger,
        tp: positiveInteger,
        pp: positiveInteger,
        dp: positiveInteger,
        vpp: positiveInteger,
      },
    },
    gpus: { ...positiveInteger, description: "GPUs of the job; must equal tp x pp x dp" },
    globalBatch: {
      ...positiveInteger,
      description:
        "sequences per step; microbatches per pipeline = globalBatch / (dp x microbatchSize)",
    },
    dtype: { enum: ["bf16", "fp8"], description: "GEMM format (fp8: Transformer Engine)" },
    steps: {
      ...positiveInteger,
      description: "model sources: steps of the job, replayed as a job",
    },
    tokens: {
      ...positiveInteger,
      description: "instead of steps: the job trains on this many tokens (steps rounded up)",
    },
    powerResolutionS: { type: "number", exclusiveMinimum: 0 },
    powerSeriesSteps: positiveInteger,
    gradientBucketBytes: { type: "number", exclusiveMinimum: 0 },
    gradientSync: {
      enum: ["allreduce", "distributed-optimizer"],
      description: "DDP all-reduce, or reduce-scatter + sharded optimizer + overlapped all-gather",
    },
    whatIf: {
      type: "object",
      additionalProperties: false,
      properties: {
        powerCapW: { type: "number", exclusiveMinimum: 0 },
        smoothingFloorW: { type: "number", minimum: 0 },
      },
    },
    microbatchSize: positiveInteger,
    seq: positiveInteger,
    schedule: { enum: ["gpipe", "1f1b", "interleaved", "zb-h1", "custom"] },
    scheduleFile: { type: "string", description: "custom schedule file, relative to this file" },
    chunks: positiveInteger,
    microbatches: positiveInteger,
    pBlockingW: { type: "number", minimum: 0 },
    unitTimeS: { type: "number", exclusiveMinimum: 0 },
    straggler: {
      oneOf: [
        { type: "number", minimum: 1 },
        {
          type: "object",
          additionalProperties: false,
          required: ["factor"],
          properties: {
            pipeline: { type: "integer", minimum: 0 },
            factor: { type: "number", minimum: 1 },
            plan: { type: "boolean" },
          },
        },
      ],
    },
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
      description:
        "plan the iteration frontier (default true); false: replay instead: the job (with steps or tokens), else one operating point (all-max, or freqMHz)",
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
