/**
 * JSON Schema of a serving scenario's `trace`: a request trace file or a synthetic workload
 * (arrival process and length distributions), then the window, rate scale, limit and context
 * check applied to it.
 */
const positiveInteger = { type: "integer", minimum: 1 } as const;
const positive = { type: "number", exclusiveMinimum: 0 } as const;

const lengthDist = {
  type: "object",
  description:
    "A length distribution in tokens; every draw is rounded to a whole number >= 1. The fields each kind needs are checked when the scenario loads.",
  required: ["kind"],
  properties: {
    kind: {
      enum: ["fixed", "uniform", "normal", "lognormal", "histogram"],
      description:
        "fixed: `tokens`; uniform: `min`..`max` inclusive; normal: `mean`, `sd`; lognormal: `median`, `sigma`; histogram: `file`.",
    },
    tokens: { ...positiveInteger, "x-unit": "tokens", description: "fixed: every length." },
    min: { ...positiveInteger, "x-unit": "tokens", description: "uniform: smallest length." },
    max: {
      ...positiveInteger,
      "x-unit": "tokens",
      description: "uniform: largest length (>= `min`).",
    },
    mean: { ...positive, "x-unit": "tokens", description: "normal: mean length." },
    sd: {
      type: "number",
      minimum: 0,
      "x-unit": "tokens",
      description: "normal: standard deviation.",
    },
    median: {
      ...positive,
      "x-unit": "tokens",
      description: "lognormal: median length (>= 1); a draw is exp(ln(median) + sigma x N(0, 1)).",
    },
    sigma: {
      type: "number",
      minimum: 0,
      description: "lognormal: standard deviation of ln(length).",
    },
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
      description: "When requests arrive, from the RNG stream 'arrivals' (seeded by `seed`).",
      additionalProperties: false,
      required: ["kind"],
      properties: {
        kind: {
          enum: ["poisson", "gamma", "diurnal", "all-at-zero"],
          description:
            "poisson: exponential gaps at `ratePerS`; gamma: gamma gaps at `ratePerS` with coefficient of variation `cv`; diurnal: Poisson at a rate that swings with `amplitude` over `periodS`, peaking at `peakAtS`; all-at-zero: every request at t = 0 (a saturated benchmark; needs `count`).",
        },
        ratePerS: {
          ...positive,
          "x-unit": "requests/s",
          description: "poisson, gamma and diurnal (required there): mean arrival rate.",
        },
        cv: {
          ...positive,
          description:
            "gamma (required there): coefficient of variation of the gaps; > 1 is burstier than Poisson, < 1 more regular.",
        },
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
      description:
        "Prompt and output lengths, from the RNG stream 'lengths': `input` and `output` (drawn independently), or `resample`.",
      additionalProperties: false,
      properties: {
        input: { ...lengthDist, description: `Prompt lengths. ${lengthDist.description}` },
        output: { ...lengthDist, description: `Output lengths. ${lengthDist.description}` },
        resample: {
          type: "string",
          description:
            "trace file whose (input, output) pairs are drawn jointly, with replacement (their correlation stays); relative to this scenario file",
        },
      },
    },
    count: {
      ...positiveInteger,
      "x-unit": "requests",
      description:
        "Number of requests (at most 10,000,000). Give `count`, `durationS` or both (whichever ends first); all-at-zero needs `count`.",
    },
    durationS: { ...positive, description: "Generate arrivals in [0, durationS)." },
  },
} as const;

export const traceSchema = {
  type: "object",
  description:
    "The requests: exactly one of `file` and `synthetic`, then `window`, `rateScale`, `limit` and the context-length check, applied in that order.",
  additionalProperties: false,
  properties: {
    file: {
      type: "string",
      description:
        "Trace file, relative to this scenario file: Azure CSV (TIMESTAMP,ContextTokens,GeneratedTokens), Mooncake JSON lines, or arrival_s,input_tokens,output_tokens CSV.",
    },
    format: {
      enum: ["azure", "mooncake", "csv"],
      "x-default":
        "inferred: a .jsonl file or a first line starting with `{` is mooncake; a CSV header with TIMESTAMP is azure, with arrival_s csv",
      description: "Format of `file`.",
    },
    synthetic: {
      ...synthetic,
      description: "A generated workload instead of a file, drawn from `seed`.",
    },
    window: {
      type: "object",
      description:
        "Keep the requests arriving in [startS, endS) after the trace's first arrival; time 0 becomes startS.",
      additionalProperties: false,
      properties: {
        startS: { type: "number", minimum: 0, default: 0, description: "Window start." },
        endS: {
          ...positive,
          "x-default": "the end of the trace",
          description: "Window end (exclusive); must be greater than `startS`.",
        },
      },
    },
    rateScale: {
      ...positive,
      default: 1,
      description: "Arrival times are divided by this: 2 replays the trace at twice its rate.",
    },
    limit: {
      ...positiveInteger,
      "x-unit": "requests",
      "x-default": "all requests",
      description: "Keep at most this many requests (the earliest).",
    },
    onTooLong: {
      enum: ["reject", "skip"],
      default: "reject",
      description:
        "A request whose prompt + output exceeds the context (`engine.maxModelLen`, else the model's): reject fails naming its line; skip drops it and counts it.",
    },
  },
} as const;
