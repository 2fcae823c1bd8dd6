/**
 * JSON Schema of `kind: serving` scenarios: a request trace (a file or a synthetic workload)
 * replayed through a serving cluster of a model on a hardware profile, at one operating point or
 * swept over clocks, caps, maxNumSeqs, TP and replica count.
 */
const positiveInteger = { type: "integer", minimum: 1 } as const;
const positive = { type: "number", exclusiveMinimum: 0 } as const;
const list = (item: object) => ({ type: "array", items: item, minItems: 1 }) as const;

const lengthDist = {
  type: "object",
  required: ["kind"],
  properties: {
    kind: { enum: ["fixed", "uniform", "normal", "lognormal", "histogram"] },
    tokens: positiveInteger,
    min: positiveInteger,
    max: positiveInteger,
    mean: positive,
    sd: { type: "number", minimum: 0 },
    median: positive,
    sigma: { type: "number", minimum: 0 },
    file: {
      type: "string",
      description:
        "histogram CSV (bin_low_tokens,bin_high_tokens,requests), relative to this scenario file",
    },
  },
  additionalProperties: false,
} as const;

const synthetic = {
  type: "object",
  additionalProperties: false,
  required: ["arrivals", "lengths"],
  properties: {
    arrivals: {
      type: "object",
      additionalProperties: false,
      required: ["kind"],
      properties: {
        kind: { enum: ["poisson", "gamma", "diurnal", "all-at-zero"] },
        ratePerS: positive,
        cv: positive,
        amplitude: {
          type: "number",
          minimum: 0,
          exclusiveMaximum: 1,
          description: "diurnal: swing of the rate around its mean (0 flat, below 1)",
        },
        periodS: { ...positive, description: "diurnal: length of one cycle (s), default 86400" },
        peakAtS: {
          type: "number",
          minimum: 0,
          description: "diurnal: when in the cycle the rate peaks (s), default mid-cycle",
        },
      },
    },
    lengths: {
      type: "object",
      additionalProperties: false,
      properties: {
        input: lengthDist,
        output: lengthDist,
        resample: {
          type: "string",
          description: "trace file whose (input, output) pairs are drawn",
        },
      },
    },
    count: positiveInteger,
    durationS: positive,
  },
} as const;

export const servingScenarioSchema = {
  type: "object",
  additionalProperties: false,
  required: ["kind", "hardware", "model", "trace"],
  properties: {
    kind: { const: "serving" },
    name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
    description: { type: "string" },
    seed: { anyOf: [{ type: "integer" }, { type: "string" }] },
    hardware: { type: "string" },
    model: {
      type: "string",
      minLength: 1,
      description:
        "a built-in model name (llama3-8b, ...), a shipped Hugging Face config 'hf:<org>/<name>' " +
        "(models/hf/), or the path of a Hugging Face config.json relative to this file",
    },
    precision: {
      type: "object",
      additionalProperties: false,
      description: "storage formats overriding the model's (default: the config's torch_dtype)",
      properties: {
        weights: {
          enum: ["bf16", "fp16", "fp8", "int4"],
          description:
            "linear-layer weights: fp8 (W8A8, GEMMs at the profile's fp8 tensor rate, 1 byte) or " +
            "int4 (weight-only, 0.5 byte, GEMMs at the activation dtype's rate); default the model's",
        },
        kvCache: {
          enum: ["bf16", "fp16", "fp8"],
          description: "KV cache format (fp8: 1 byte per element); default the model's dtype",
        },
      },
    },
    moe: {
      type: "object",
      additionalProperties: false,
      description: "mixture-of-experts knobs (an MoE model only)",
      properties: {
        routingZipfExponent: {
          type: "number",
          minimum: 0,
          description:
            "routing skew: expert i chosen in proportion to 1/(i+1)^s (unitless Zipf exponent); " +
            "default 0, uniform top-k routing",
        },
        expertParallel: {
          type: "boolean",
          description:
            "expert parallelism over the TP group: experts/tp whole experts per GPU, tokens " +
            "dispatched and combined by all-to-alls over the interconnect; default false",
        },
      },
    },
    trace: {
      type: "object",
      additionalProperties: false,
      properties: {
        file: { type: "string", description: "relative to this scenario file" },
        format: { enum: ["azure", "mooncake", "csv"] },
        synthetic,
        window: {
          type: "object",
          additionalProperties: false,
          properties: { startS: { type: "number", minimum: 0 }, endS: positive },
        },
        rateScale: positive,
        limit: positiveInteger,
        onTooLong: { enum: ["reject", "skip"] },
      },
    },
    engine: {
      type: "object",
      additionalProperties: false,
      properties: {
        maxNumSeqs: positiveInteger,
        maxNumBatchedTokens: positiveInteger,
        chunkedPrefill: { type: "boolean" },
        blockTokens: positiveInteger,
        gpuMemoryUtilization: { type: "number", exclusiveMinimum: 0, maximum: 1 },
        activationReserveBytes: { type: "number", minimum: 0 },
        maxModelLen: positiveInteger,
        profile: {
          type: "string",
          minLength: 1,
          description: "engine profile: a name in engine-profiles/ or a path relative to this file",
        },
      },
    },
    cluster: {
      type: "object",
      additionalProperties: false,
      properties: {
        tp: positiveInteger,
        replicas: positiveInteger,
        router: { enum: ["round-robin", "least-outstanding-tokens"] },
        disaggregation: {
          type: "object",
          additionalProperties: false,
          required: ["prefillReplicas", "decodeReplicas"],
          properties: { prefillReplicas: positiveInteger, decodeReplicas: positiveInteger },
        },
      },
    },
    policy: {
      type: "object",
      additionalProperties: false,
      required: ["kind"],
      properties: {
        kind: { enum: ["default", "locked", "powerCap", "perPhase", "sloDynamic"] },
        lockedMHz: positive,
        powerCapW: positive,
        prefillMHz: positive,
        decodeMHz: positive,
        targetTpotS: positive,
        intervalS: positive,
        headroom: { type: "number", minimum: 0, exclusiveMaximum: 1 },
        stepDownMHz: positive,
        stepUpMHz: positive,
        minMHz: positive,
        maxMHz: positive,
      },
    },
    measure: {
      enum: ["run", "saturated"],
      description: "saturated: also measure the saturated steady state (result.steady)",
    },
    slo: {
      type: "object",
      additionalProperties: false,
      properties: { ttftS: positive, tpotS: positive },
    },
    sweep: {
      type: "object",
      additionalProperties: false,
      properties: {
        freqMHz: {
          "x-message": 'must be a list of MHz, {from, to, step} or "grid"',
          oneOf: [
            list(positive),
            {
              type: "object",
              additionalProperties: false,
              required: ["from", "to", "step"],
              properties: { from: positive, to: positive, step: positive },
            },
            { const: "grid" },
          ],
        },
        powerCapW: list(positive),
        maxNumSeqs: list(positiveInteger),
        tp: list(positiveInteger),
        replicas: list(positiveInteger),
      },
    },
    frontier: {
      type: "object",
      additionalProperties: false,
      properties: {
        energy: {
          enum: [
            "gpuEnergyPerOutputTokenJ",
            "totalEnergyPerOutputTokenJ",
            "gpuEnergyPerRequestJ",
            "gpuEnergyJ",
            "totalEnergyJ",
            "steady.gpuEnergyPerOutputTokenJ",
          ],
        },
        latency: {
          type: "string",
          pattern: "^(ttftS|tpotS|itlS|e2eS|steady\\.itlS)\\.(mean|p50|p90|p99)$",
        },
      },
    },
    output: {
      type: "object",
      additionalProperties: false,
      properties: { dir: { type: "string" } },
    },
  },
} as const;
