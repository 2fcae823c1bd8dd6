/**
 * JSON Schema of `kind: estimate` scenarios: one workload step on one device, at one operating
 * point or swept over SM clocks and power caps (the cross product of the two lists).
 */
import { DEFAULT_ENGINE_PROFILE } from "../replay/serving/engine/engine-options.js";
import { headerSchemas } from "./header-schema.js";
import { bounds } from "../input/limits.js";

const dtype = { enum: ["fp8", "bf16", "fp16", "tf32", "fp32"] } as const;

/** A list of values, or {from, to, step} (inclusive), or "grid" (every clock of the profile). */
const range = (unit: string, description: string) =>
  ({
    "x-message": `must be a list of ${unit}, {from, to, step} or "grid"`,
    description,
    oneOf: [
      // Clocks (MHz) stay within 20000 and caps (W) within 5000 (see input/limits.ts).
      {
        type: "array",
        items: { type: "number", exclusiveMinimum: 0, maximum: 20000 },
        minItems: 1,
      },
      {
        type: "object",
        additionalProperties: false,
        required: ["from", "to", "step"],
        properties: {
          from: {
            type: "number",
            exclusiveMinimum: 0,
            maximum: 20000,
            description: "First value.",
          },
          to: {
            type: "number",
            exclusiveMinimum: 0,
            maximum: 20000,
            description: "Last value (inclusive).",
          },
          step: { type: "number", exclusiveMinimum: 0, description: "Distance between values." },
        },
      },
      { const: "grid" },
    ],
  }) as const;

const tp = {
  ...bounds("tp"),
  "x-unit": "GPUs",
  default: 1,
  description: "Tensor-parallel degree: the work is split across this many GPUs.",
} as const;

const modelWorkload = {
  type: "object",
  title: "model step",
  description: "One step of a built-in model (when `model` is given).",
  additionalProperties: false,
  required: ["model", "phase", "batch"],
  properties: {
    model: {
      type: "string",
      description:
        "A built-in model shape, a shipped Hugging Face config 'hf:<org>/<name>' (models/hf/), or the path of a config.json relative to this file; an unknown name is an error that lists the known ones, a bad config one that names its field.",
      examples: ["llama3-8b", "hf:Qwen/Qwen3-8B"],
    },
    phase: {
      enum: ["prefill", "decode", "train"],
      description:
        "prefill: `batch` prompts of `seq` tokens; decode: one token for each of `batch` sequences at `context` tokens; train: forward and backward of `batch` x `seq` tokens.",
    },
    batch: { ...bounds("batch"), "x-unit": "sequences", description: "Sequences in the step." },
    seq: {
      ...bounds("seqTokens"),
      "x-unit": "tokens",
      description: "prefill and train (required there): tokens per sequence.",
    },
    context: {
      ...bounds("seqTokens"),
      "x-unit": "tokens",
      description: "decode (required there): tokens already in each sequence's KV cache.",
    },
    layers: {
      ...bounds("layers"),
      "x-default": "all the model's layers",
      description: "Price only this many transformer layers.",
    },
    tp,
    engine: {
      default: DEFAULT_ENGINE_PROFILE,
      type: "string",
      description:
        "decode only: the serving engine whose attention kernel prices the step (profile name or file), or 'ideal' for the roofline kernel",
    },
  },
} as const;

const opWorkload = {
  type: "object",
  title: "kernel",
  description: "One kernel (when `model` is absent).",
  additionalProperties: false,
  required: ["op"],
  properties: {
    op: {
      enum: ["gemm", "copy", "elementwise", "attention"],
      description:
        "gemm: `m`, `n`, `k`; copy: `bytes`; elementwise: `elements`, `flopsPerElement`; attention: `batch`, `heads`, `seq`, `headDim` (required by each).",
    },
    m: { ...bounds("dimension"), description: "gemm: rows of A and C." },
    n: { ...bounds("dimension"), description: "gemm: columns of B and C." },
    k: { ...bounds("dimension"), description: "gemm: the inner dimension." },
    bytes: { ...bounds("dimension"), description: "copy: bytes copied." },
    elements: { ...bounds("dimension"), description: "elementwise: elements processed." },
    flopsPerElement: {
      type: "number",
      minimum: 0,
      maximum: 1e6, // a transcendental costs tens of FLOPs; 1e6 per element is no elementwise op
      description: "elementwise: FLOPs per element.",
    },
    batch: { ...bounds("batch"), "x-unit": "sequences", description: "attention: batch size." },
    heads: { ...bounds("dimension"), description: "attention: heads." },
    seq: { ...bounds("seqTokens"), "x-unit": "tokens", description: "attention: sequence length." },
    headDim: { ...bounds("dimension"), description: "attention: size of one head." },
    causal: {
      type: "boolean",
      default: true,
      description: "attention: causal mask (half the FLOPs of a full one).",
    },
    dtype: {
      ...dtype,
      default: "bf16",
      description: "gemm, elementwise, attention: data type (copy moves bf16).",
    },
    tp,
  },
} as const;

export const estimateScenarioSchema = {
  type: "object",
  description:
    "One workload step (a model step or a kernel) priced on one hardware profile as if it ran back to back, at one operating point or swept over SM clocks and power caps (the cross product, at most 100,000 points).",
  additionalProperties: false,
  required: ["kind", "hardware", "workload"],
  properties: {
    kind: { const: "estimate", description: "Selects this format." },
    ...headerSchemas("estimate"),
    hardware: {
      type: "string",
      description:
        "Hardware profile: a name in hardware-profiles/ or a path to a .yaml file (relative to this scenario file).",
      examples: ["h100-sxm"],
    },
    // A model step {model, phase, batch, ...} or a kernel {op, ...}. `model` picks the branch,
    // so a bad field is reported at its own line (not as "matches neither form" on the map).
    workload: {
      description: "What to price: a model step (`model` given) or one kernel.",
      if: { type: "object", properties: { model: {} }, required: ["model"] },
      then: modelWorkload,
      else: opWorkload,
    },
    operatingPoint: {
      type: "object",
      description:
        "The one operating point without `sweep`, and the value of an axis the sweep leaves out.",
      additionalProperties: false,
      properties: {
        freqMHz: {
          ...bounds("freqMHz"),
          "x-default": "no lock (the cap controller picks the clock)",
          description: "SM clock lock, on the profile's grid.",
        },
        powerCapW: {
          ...bounds("powerCapW"),
          "x-default": "the profile's default power limit",
          description: "Power cap per GPU, within the profile's limits.",
        },
      },
    },
    sweep: {
      type: "object",
      description: "Operating points: the cross product of the axes given.",
      additionalProperties: false,
      properties: {
        freqMHz: range(
          "MHz",
          "SM clock locks: a list, {from, to, step} (inclusive, either direction), or grid (every clock of the profile); each on the grid.",
        ),
        powerCapW: range(
          "watts",
          "Power caps per GPU: a list, {from, to, step}, or grid (the profile's settable caps); each within the limits.",
        ),
      },
    },
  },
} as const;
