/**
 * JSON Schema of `kind: training` scenarios: one pipeline's iteration frontier, its ops priced
 * from a measured stage profile or from a model on a hardware profile.
 */
import { TRAINING_DEFAULTS as D } from "../optimize/training/training-defaults.js";
import { headerSchemas } from "./header-schema.js";
import { bounds } from "../input/limits.js";

/** Applies to ops priced from `model` shapes only. */
const MODEL = "model sources:";

export const trainingScenarioSchema = {
  type: "object",
  description:
    "One pipeline's iteration time-energy frontier, Perseus-style: a clock planned for every op. Ops come from exactly one source: a measured stage profile (`stageProfile`, with `pBlockingW`) or a model on a hardware profile (`model` and `hardware`).",
  additionalProperties: false,
  required: ["kind"],
  properties: {
    kind: { const: "training", description: "Selects this format." },
    ...headerSchemas("training"),
    stageProfile: {
      type: "string",
      minLength: 1,
      description:
        "Perseus-format CSV, relative to this file: each stage's forward and backward time and power at each SM clock. Needs `pBlockingW`; excludes `model` and `powerCapW`.",
    },
    model: {
      type: "string",
      description:
        "The model whose ops are priced on `hardware`: a built-in shape, a shipped Hugging Face config 'hf:<org>/<name>' (models/hf/), or the path of a config.json relative to this file.",
      examples: ["gpt3-175b", "llama3-8b", "hf:Qwen/Qwen3-8B"],
    },
    hardware: {
      type: "string",
      description:
        "Hardware profile (a name or a path relative to this file): required with `model`; with `stageProfile` optional, bounding the global-cap baseline and giving the node figures.",
      examples: ["a100-sxm"],
    },
    parallelism: {
      type: "object",
      description: `${MODEL} how the model is split.`,
      additionalProperties: false,
      properties: {
        stages: {
          ...bounds("stages"),
          default: D.stages,
          description: "Pipeline stages (layers split evenly).",
        },
        tp: {
          ...bounds("tp"),
          "x-unit": "GPUs",
          default: D.tp,
          description: "Tensor-parallel degree of each stage.",
        },
        pp: {
          ...bounds("stages"),
          description: "Pipeline-parallel degree (the same as `stages`; give one of them).",
        },
        dp: {
          ...bounds("gpus"),
          description: "Data-parallel degree: pipelines (the same as `pipelines`; give one).",
        },
        vpp: {
          ...bounds("chunks"),
          description: "Virtual pipeline stages (model chunks) per stage; must divide the layers.",
        },
      },
    },
    gpus: { ...bounds("gpus"), description: "GPUs of the job; must equal tp x pp x dp" },
    globalBatch: {
      ...bounds("batch"),
      description:
        "sequences per step; microbatches per pipeline = globalBatch / (dp x microbatchSize)",
    },
    dtype: { enum: ["bf16", "fp8"], description: "GEMM format (fp8: Transformer Engine)" },
    steps: {
      ...bounds("steps"),
      description: "model sources: steps of the job, replayed as a job",
    },
    tokens: {
      ...bounds("jobTokens"),
      description: "instead of steps: the job trains on this many tokens (steps rounded up)",
    },
    powerResolutionS: {
      ...bounds("resolutionS"),
      "x-unit": "s",
      default: 0.1,
      description: "job replays: bin width of the job's power series (job-power.csv)",
    },
    powerSeriesSteps: {
      ...bounds("steps"),
      description: "job replays: how many steps the power series covers (default a few steps)",
    },
    gradientBucketBytes: {
      type: "number",
      exclusiveMinimum: 0,
      maximum: 1e12, // 1 TB: past any accelerator's memory
      "x-unit": "bytes",
      default: 40e6,
      description: "job replays: gradient bucket size of the overlapped gradient sync",
    },
    gradientSync: {
      enum: ["allreduce", "distributed-optimizer"],
      description: "DDP all-reduce, or reduce-scatter + sharded optimizer + overlapped all-gather",
    },
    whatIf: {
      type: "object",
      additionalProperties: false,
      description: "job replays: what-ifs on the job's power swing, each against the default",
      properties: {
        powerCapW: {
          ...bounds("powerCapW"),
          description: "replay the job under this power cap per GPU (W)",
        },
        smoothingFloorW: {
          ...bounds("powerW"),
          description: "hold waiting GPUs at at least this power (W), as power smoothing does",
        },
      },
    },
    microbatchSize: {
      ...bounds("batch"),
      "x-unit": "sequences",
      default: D.microbatchSize,
      description: `${MODEL} sequences per microbatch.`,
    },
    seq: {
      ...bounds("seqTokens"),
      "x-unit": "tokens",
      default: D.seqTokens,
      description: `${MODEL} tokens per sequence.`,
    },
    schedule: {
      enum: ["gpipe", "1f1b", "interleaved", "zb-h1", "custom"],
      default: D.schedule,
      description: "Pipeline schedule; custom reads its op order from `scheduleFile`.",
    },
    scheduleFile: {
      type: "string",
      description: "custom schedule file, relative to this file; goes with `schedule: custom`",
    },
    chunks: {
      ...bounds("chunks"),
      default: D.chunks,
      description: "Model chunks per stage (interleaved schedules).",
    },
    microbatches: { ...bounds("microbatches"), description: "Microbatches per iteration." },
    pBlockingW: {
      ...bounds("powerW"),
      "x-default": "the hardware profile's blockingW",
      description: "Power of a GPU waiting on another (P_blocking); required with `stageProfile`.",
    },
    unitTimeS: {
      ...bounds("unitTimeS"),
      default: D.unitTimeS,
      description: "Op times are quantized to this for planning (Perseus' unit).",
    },
    straggler: {
      "x-message": "must be a slowdown from 1 to 100, or {pipeline, factor (1 to 100), plan}",
      description:
        "A number s: also plans a pipeline for T' = s x T (Perseus' formula). An object {pipeline, factor, plan}: in a job replay, that pipeline runs factor x slower and the others wait at the gradient sync; with plan (default) they run the frontier plan that still arrives in time.",
      oneOf: [
        bounds("straggler"),
        {
          type: "object",
          additionalProperties: false,
          required: ["factor"],
          properties: {
            pipeline: {
              type: "integer",
              minimum: 0,
              maximum: 10_000_000,
              description: "which data-parallel pipeline straggles (default 0)",
            },
            factor: { ...bounds("straggler"), description: "its slowdown" },
            plan: {
              type: "boolean",
              description: "plan the others to arrive just in time (default true)",
            },
          },
        },
      ],
    },
    pipelines: {
      ...bounds("gpus"),
      default: D.pipelines,
      description: "Data-parallel pipelines: energies cover every GPU of the job.",
    },
    communication: {
      type: "boolean",
      default: D.communication,
      description: "model sources: activation sends, gradient all-reduce, optimizer step",
    },
    powerCapW: {
      ...bounds("powerCapW"),
      "x-default": "the profile's default limit",
      description: "model sources: power cap per GPU (W); within the profile's limits",
    },
    switchLatency: {
      description:
        'Time one SM clock change costs a per-op clock plan (s), or "profile" for the hardware profile\'s clocks.switchLatencyS. With a value > 0 every frontier plan is replayed paying it (a change between consecutive ops of a GPU starts the next op that much after the previous one ends, at blocking power; a wait at least that long hides it), the default setting (no lock) pays none, and the frontier is filtered again. 0: switches are free, as Perseus plans.',
      oneOf: [{ type: "number", minimum: 0 }, { const: "profile" }],
      "x-message": 'must be a time in seconds (>= 0) or "profile"',
      default: 0,
      "x-unit": "s",
    },
    frontier: {
      type: "boolean",
      description:
        "plan the iteration frontier (default true); false: replay instead: the job (with steps or tokens), else one operating point (all-max, or freqMHz)",
    },
    freqMHz: {
      ...bounds("freqMHz"),
      description: "with frontier: false, every op under this clock lock (MHz)",
    },
  },
} as const;
