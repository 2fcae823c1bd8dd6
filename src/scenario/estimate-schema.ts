/**
 * JSON Schema of `kind: estimate` scenarios: one workload step on one device, at one operating
 * point or swept over SM clocks and power caps (the cross product of the two lists).
 */
const positiveInteger = { type: "integer", minimum: 1 } as const;
const dtype = { enum: ["fp8", "bf16", "fp16", "tf32", "fp32"] } as const;

/** A list of values, or {from, to, step} (inclusive), or "grid" (every clock of the profile). */
const range = (unit: string) =>
  ({
    "x-message": `must be a list of ${unit}, {from, to, step} or "grid"`,
    oneOf: [
      { type: "array", items: { type: "number", exclusiveMinimum: 0 }, minItems: 1 },
      {
        type: "object",
        additionalProperties: false,
        required: ["from", "to", "step"],
        properties: {
          from: { type: "number", exclusiveMinimum: 0 },
          to: { type: "number", exclusiveMinimum: 0 },
          step: { type: "number", exclusiveMinimum: 0 },
        },
      },
      { const: "grid" },
    ],
  }) as const;

const modelWorkload = {
  type: "object",
  additionalProperties: false,
  required: ["model", "phase", "batch"],
  properties: {
    model: { type: "string" },
    phase: { enum: ["prefill", "decode", "train"] },
    batch: positiveInteger,
    seq: positiveInteger,
    context: positiveInteger,
    layers: positiveInteger,
    tp: positiveInteger,
    engine: {
      type: "string",
      description:
        "decode: the serving engine whose attention kernel prices the step (profile name or file), or 'ideal'; default vllm-0.11",
    },
  },
} as const;

const opWorkload = {
  type: "object",
  additionalProperties: false,
  required: ["op"],
  properties: {
    op: { enum: ["gemm", "copy", "elementwise", "attention"] },
    m: positiveInteger,
    n: positiveInteger,
    k: positiveInteger,
    bytes: positiveInteger,
    elements: positiveInteger,
    flopsPerElement: { type: "number", minimum: 0 },
    batch: positiveInteger,
    heads: positiveInteger,
    seq: positiveInteger,
    headDim: positiveInteger,
    causal: { type: "boolean" },
    dtype,
    tp: positiveInteger,
  },
} as const;

export const estimateScenarioSchema = {
  type: "object",
  additionalProperties: false,
  required: ["kind", "hardware", "workload"],
  properties: {
    kind: { const: "estimate" },
    name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
    description: { type: "string" },
    hardware: { type: "string" },
    // A model step {model, phase, batch, ...} or a kernel {op, ...}. `model` picks the branch,
    // so a bad field is reported at its own line (not as "matches neither form" on the map).
    workload: {
      if: { type: "object", properties: { model: {} }, required: ["model"] },
      then: modelWorkload,
      else: opWorkload,
    },
    operatingPoint: {
      type: "object",
      additionalProperties: false,
      properties: {
        freqMHz: { type: "number", exclusiveMinimum: 0 },
        powerCapW: { type: "number", exclusiveMinimum: 0 },
      },
    },
    sweep: {
      type: "object",
      additionalProperties: false,
      properties: { freqMHz: range("MHz"), powerCapW: range("watts") },
    },
    output: {
      type: "object",
      additionalProperties: false,
      properties: { dir: { type: "string" } },
    },
  },
} as const;
