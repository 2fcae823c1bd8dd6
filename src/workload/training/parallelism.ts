/**
 * Parallelism as users write it (Megatron's names): tp x pp x dp GPUs, vpp model chunks per
 * pipeline stage, a global batch split into micro-batches. The microbatches each pipeline runs
 * per step follow from them: globalBatch / (dp x microbatchSize). The older spelling (`stages`,
 * `chunks`, `pipelines`, `microbatches`) still works; giving both spellings of one thing, or
 * numbers that contradict each other, is a problem reported at the field (a path under the
 * scenario), never a silent choice.
 */

export interface ParallelismInput {
  tp?: number;
  pp?: number;
  /** Older spelling of pp. */
  stages?: number;
  dp?: number;
  /** Older spelling of dp. */
  pipelines?: number;
  vpp?: number;
  /** Older spelling of vpp. */
  chunks?: number;
  /** GPUs of the job, when the user states it: must equal tp x pp x dp. */
  gpus?: number;
  globalBatch?: number;
  /** Sequences per micro-batch. */
  microbatchSize: number;
  /** Microbatches per pipeline per step, when given directly. */
  microbatches?: number;
  /** The model's transformer layers, for the vpp check (absent for a measured profile). */
  layers?: number;
}

export interface Parallelism {
  tp: number;
  pp: number;
  dp: number;
  /** Model chunks per stage (1 without interleaving). */
  vpp: number;
  gpus: number;
  microbatchSize: number;
  /** Per pipeline per step. */
  microbatches: number;
  /** Sequences per step over the whole job: microbatches x microbatchSize x dp. */
  globalBatch: number;
}

export interface ParallelismProblem {
  /** Field path in the scenario, e.g. ["parallelism", "pp"]. */
  path: (string | number)[];
  message: string;
}

const P = "parallelism";

/** The resolved layout, or every problem found (each at its field). */
export function resolveParallelism(
  input: ParallelismInput,
):
  | { parallelism: Parallelism; problems: [] }
  | { parallelism?: undefined; problems: ParallelismProblem[] } {
  const problems: ParallelismProblem[] = [];
  const both = (
    a: keyof ParallelismInput,
    b: keyof ParallelismInput,
    path: (string | number)[],
  ) => {
    if (input[a] !== undefined && input[b] !== undefined) {
      problems.push({
        path,
        message: `give '${a}' or '${b}', not both (they name the same thing)`,
      });
    }
  };
  both("pp", "stages", [P, "pp"]);
  both("vpp", "chunks", [P, "vpp"]);
  both("dp", "pipelines", [P, "dp"]);
  const tp = input.tp ?? 1;
  const pp = input.pp ?? input.stages ?? 1;
  const dp = input.dp ?? input.pipelines ?? 1;
  const vpp = input.vpp ?? input.chunks ?? 1;
  const mbs = input.microbatchSize;
  const gpus = tp * pp * dp;
  if (input.gpus !== undefined && input.gpus !== gpus) {
    problems.push({
      path: ["gpus"],
      message: `tp x pp x dp = ${tp} x ${pp} x ${dp} = ${gpus} GPUs, not the ${input.gpus} given`,
    });
  }
  if (input.vpp !== undefined && input.layers !== undefined && input.layers % (pp * vpp) !== 0) {
    problems.push({
      path: [P, "vpp"],
      message: `pp x vpp = ${pp} x ${vpp} = ${pp * vpp} model chunks must divide the model's ${input.layers} layers`,
    });
  }
  let microbatches = input.microbatches;
  if (input.globalBatch !== undefined) {
    const perStep = dp * mbs;
    if (input.globalBatch % perStep !== 0) {
      problems.push({
        path: ["globalBatch"],
        message: `${input.globalBatch} sequences must be divisible by dp x microbatchSize = ${dp} x ${mbs} = ${perStep}`,
      });
    } else {
      const derived = input.globalBatch / perStep;
      if (microbatches !== undefined && microbatches !== derived) {
        problems.push({
          path: ["microbatches"],
          message: `${microbatches} contradicts globalBatch / (dp x microbatchSize) = ${input.globalBatch} / (${dp} x ${mbs}) = ${derived}`,
        });
      }
      microbatches = derived;
    }
  } else if (microbatches === undefined) {
    problems.push({
      path: [],
      message: "give 'microbatches' (per pipeline) or 'globalBatch' (sequences per step)",
    });
  }
  if (problems.length > 0 || microbatches === undefined) return { problems };
  return {
    parallelism: {
      tp,
      pp,
      dp,
      vpp,
      gpus,
      microbatchSize: mbs,
      microbatches,
      globalBatch: microbatches * mbs * dp,
    },
    problems: [],
  };
}
