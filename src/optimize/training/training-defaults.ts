/**
 * The one set of defaults of a training job, read by `wattif frontier` and `kind: training`
 * scenarios alike: no parallelism unless asked (1 stage, TP 1, 1 pipeline), one sequence of 2,048
 * tokens per microbatch (GPT-3's context), 1F1B, two chunks per stage when interleaved, and op
 * times quantized to 1 ms for planning (Perseus' unit), no communication ops (Perseus'
 * accounting has none).
 */
export const TRAINING_DEFAULTS = {
  hardware: "h100-sxm",
  stages: 1,
  tp: 1,
  microbatchSize: 1,
  seqTokens: 2048,
  schedule: "1f1b",
  chunks: 2,
  unitTimeS: 0.001,
  pipelines: 1,
  communication: false,
} as const;
