/**
 * JSON Schema of `kind: serving` scenarios: a request trace (a file or a synthetic workload)
 * replayed through a serving cluster of a model on a hardware profile, at one operating point or
 * swept over clocks, caps, maxNumSeqs, TP and replica count. The trace's own schema is in
 * serving-trace-schema.ts.
 */
import {
  DEFAULT_BATCHED_TOKENS,
  DEFAULT_ENGINE_PROFILE,
  DEFAULT_MAX_NUM_SEQS,
} from "../replay/serving/engine/engine-options.js";
import { traceSchema } from "./serving-trace-schema.js";
import { speculativeSchema } from "./serving-speculative-schema.js";
import { bounds } from "../input/limits.js";
import { headerSchemas } from "./header-schema.js";

const positive = { type: "number", exclusiveMinimum: 0 } as const;
const list = (item: object) => ({ type: "array", items: item, minItems: 1 }) as const;

export const servingScenarioSchema = {
  type: "object",
  description:
    "A request trace (a file or a synthetic workload) replayed through a serving cluster of a model on a hardware profile, at one operating point or swept over clocks, caps, maxNumSeqs, TP and replica count. Writes one result per point and the frontier of `frontier.energy` against `frontier.latency`.",
  additionalProperties: false,
  required: ["kind", "hardware", "model", "trace"],
  properties: {
    kind: { const: "serving", description: "Selects this format." },
    ...headerSchemas("serving"),
    seed: {
      anyOf: [{ type: "integer" }, { type: "string" }],
      default: 0,
      description:
        "Seed of a synthetic trace: each random stream (arrivals, lengths) gets its own seed derived from it and the stream's name, so every sweep point sees the same requests.",
    },
    hardware: {
      type: "string",
      description:
        "Hardware profile: a name in hardware-profiles/ or a path to a .yaml file (relative to this scenario file).",
      examples: ["h100-sxm", "hypothetical-h100-2xhbm"],
    },
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
          maximum: 100, // past ~10 every token already picks the first expert
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
    trace: traceSchema,
    speculative: speculativeSchema,
    engine: {
      type: "object",
      description:
        "The serving engine of every replica: vLLM's knobs, camel-cased, and the engine profile (host time, decode attention kernel). Paged KV cache with recompute preemption.",
      additionalProperties: false,
      properties: {
        maxNumSeqs: {
          ...bounds("batch"),
          "x-unit": "sequences",
          default: DEFAULT_MAX_NUM_SEQS,
          description: "Most sequences in one iteration (vLLM max_num_seqs).",
        },
        maxNumBatchedTokens: {
          ...bounds("seqTokens"),
          "x-unit": "tokens",
          "x-default": `${DEFAULT_BATCHED_TOKENS} with chunked prefill; without it max(${DEFAULT_BATCHED_TOKENS}, maxModelLen)`,
          description:
            "Token budget of one iteration (max_num_batched_tokens); must be >= maxNumSeqs.",
        },
        chunkedPrefill: {
          type: "boolean",
          default: true,
          description: "Split long prompts across iterations (vLLM V1 behaviour).",
        },
        blockTokens: {
          ...bounds("blockTokens"),
          "x-unit": "tokens",
          default: 16,
          description: "Tokens per KV-cache block.",
        },
        gpuMemoryUtilization: {
          type: "number",
          minimum: 0.001,
          maximum: 1,
          default: 0.9,
          description:
            "Share of each GPU's memory the engine may use (gpu_memory_utilization); the KV cache gets what weights and activationReserveBytes leave.",
        },
        activationReserveBytes: {
          type: "number",
          minimum: 0,
          maximum: 1e15, // past any accelerator's memory
          default: 2147483648,
          description:
            "Per-GPU memory held back for activations, CUDA graphs and the CUDA context (2 GiB: an assumption, order of vLLM's startup logs for an 8B model).",
        },
        maxModelLen: {
          ...bounds("seqTokens"),
          "x-unit": "tokens",
          "x-default": "the model's context",
          description:
            "Longest sequence (prompt + output) the engine accepts (max_model_len); at most the model's context.",
        },
        profile: {
          type: "string",
          minLength: 1,
          default: DEFAULT_ENGINE_PROFILE,
          description: "engine profile: a name in engine-profiles/ or a path relative to this file",
        },
      },
    },
    cluster: {
      type: "object",
      description:
        "Replicas of the model behind a router, or a prefill/decode disaggregated pair of pools.",
      additionalProperties: false,
      properties: {
        tp: {
          ...bounds("tp"),
          "x-unit": "GPUs",
          default: 1,
          description:
            "Tensor-parallel degree of each replica; the model must fit (checked when the scenario loads).",
        },
        replicas: {
          ...bounds("replicas"),
          default: 1,
          description: "Replicas behind the router (ignored with disaggregation).",
        },
        router: {
          enum: ["round-robin", "least-outstanding-tokens"],
          default: "least-outstanding-tokens",
          description: "How arriving requests are spread over the replicas.",
        },
        disaggregation: {
          type: "object",
          description:
            "Prefill/decode disaggregation: a prefill pool computes each prompt, then its KV cache moves to a decode replica over the interconnect.",
          additionalProperties: false,
          required: ["prefillReplicas", "decodeReplicas"],
          properties: {
            prefillReplicas: { ...bounds("replicas"), description: "Replicas that only prefill." },
            decodeReplicas: { ...bounds("replicas"), description: "Replicas that only decode." },
          },
        },
      },
    },
    policy: {
      type: "object",
      description:
        "The clock and power-cap policy of every replica, asked before each iteration. Clocks must be on the profile's SM clock grid and caps within its power limits. A sweep over `freqMHz` or `powerCapW` replaces it at each point (locked or powerCap).",
      additionalProperties: false,
      required: ["kind"],
      properties: {
        kind: {
          enum: ["default", "locked", "powerCap", "perPhase", "sloDynamic"],
          "x-default": "`default` when `policy` is absent",
          description:
            "default: the profile's default clock and power limit; locked: `lockedMHz` (and `powerCapW`); powerCap: `powerCapW`; perPhase: `prefillMHz` for iterations with a prompt chunk, `decodeMHz` for decode-only ones (and `powerCapW`); sloDynamic: the lowest clock that keeps recent TPOT under `targetTpotS`.",
        },
        lockedMHz: { ...positive, description: "locked (required there): the SM clock lock." },
        powerCapW: {
          ...positive,
          "x-default": "the profile's default power limit",
          description:
            "powerCap (required there); optional with locked, perPhase, sloDynamic: the power cap per GPU.",
        },
        prefillMHz: {
          ...positive,
          "x-default": "the profile's default clock",
          description: "perPhase: clock lock of iterations that run a prompt chunk.",
        },
        decodeMHz: {
          ...positive,
          "x-default": "the profile's default clock",
          description: "perPhase: clock lock of decode-only iterations.",
        },
        targetTpotS: {
          ...positive,
          description: "sloDynamic (required there): mean inter-token latency to stay under.",
        },
        intervalS: {
          ...positive,
          default: 1,
          description: "sloDynamic: how often the clock is re-evaluated.",
        },
        headroom: {
          type: "number",
          minimum: 0,
          exclusiveMaximum: 1,
          default: 0.1,
          description:
            "sloDynamic: lower the clock when the interval's mean ITL is under targetTpotS x (1 - headroom).",
        },
        stepDownMHz: {
          ...positive,
          default: 60,
          description: "sloDynamic: clock step down when comfortably under the target.",
        },
        stepUpMHz: {
          ...positive,
          default: 120,
          description:
            "sloDynamic: clock step up when over the target (recover faster than descend).",
        },
        minMHz: {
          ...positive,
          "x-default": "the lowest clock of the grid",
          description: "sloDynamic: lowest clock it may lock.",
        },
        maxMHz: {
          ...positive,
          "x-default": "the profile's default clock",
          description: "sloDynamic: highest clock it may lock (where it starts).",
        },
      },
    },
    measure: {
      enum: ["run", "saturated"],
      default: "run",
      description:
        "saturated: also measure the saturated steady state (result.steady); one replica without disaggregation",
    },
    slo: {
      type: "object",
      description:
        "Service-level objective: a request attains it when its TTFT and its mean time per output token are within these; results report the share that does. Without `slo`, no attainment.",
      additionalProperties: false,
      properties: {
        ttftS: { ...positive, "x-default": "no bound", description: "Time to first token bound." },
        tpotS: {
          ...positive,
          "x-default": "no bound",
          description: "Time per output token bound (after the first).",
        },
      },
    },
    sweep: {
      type: "object",
      description:
        "The cross product of the axes given (at most 10,000 points), each point overriding the scenario's own setting. Without `sweep`, one run.",
      additionalProperties: false,
      properties: {
        freqMHz: {
          "x-message": 'must be a list of MHz, {from, to, step} or "grid"',
          description:
            "SM clock locks: a list, {from, to, step} (inclusive, either direction), or grid (every clock of the profile); each on the grid.",
          oneOf: [
            list(positive),
            {
              type: "object",
              additionalProperties: false,
              required: ["from", "to", "step"],
              properties: {
                from: { ...positive, description: "First clock." },
                to: { ...positive, description: "Last clock (inclusive)." },
                step: { ...positive, description: "Distance between clocks." },
              },
            },
            { const: "grid" },
          ],
        },
        powerCapW: {
          ...list(positive),
          description: "Power caps per GPU, each within the profile's limits.",
        },
        maxNumSeqs: { ...list(bounds("batch")), description: "Values of engine.maxNumSeqs." },
        tp: { ...list(bounds("tp")), description: "Values of cluster.tp." },
        replicas: { ...list(bounds("replicas")), description: "Values of cluster.replicas." },
      },
    },
    frontier: {
      type: "object",
      description: "The two metrics whose Pareto frontier the sweep reports.",
      additionalProperties: false,
      properties: {
        energy: {
          default: "gpuEnergyPerOutputTokenJ",
          description:
            "Energy metric (lower is better); steady.* needs `measure: saturated`. gpu* covers all GPUs of the run, total* adds their share of the node.",
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
          default: "itlS.p50",
          description:
            "Latency metric and statistic: ttftS, tpotS, itlS, e2eS or steady.itlS, then mean, p50, p90 or p99; steady.* needs `measure: saturated`.",
          examples: ["itlS.p50", "ttftS.p99"],
        },
      },
    },
  },
} as const;
