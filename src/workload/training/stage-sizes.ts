/**
 * How a model is cut into pipeline stages, and the sizes that follow: layers per virtual stage,
 * parameters per GPU of each stage, the activation one microbatch sends between stages and the
 * gradient bytes a stage all-reduces. Virtual stage v = chunk x stages + stage; the first holds
 * the embedding, the last the final norm and LM head.
 */
import { badValue } from "../../input/input-error.js";
import { bytesOf } from "../model/dtype.js";
import { parameterBreakdown, type TransformerShape } from "../model/transformer.js";
import { checkPositiveInteger } from "../model/validate.js";

export interface StageSplit {
  stages: number;
  /** Model chunks per stage (interleaved 1F1B); default 1. */
  chunks?: number;
  /** Tensor-parallel degree of each stage; default 1. */
  tp?: number;
  /** Layers of each virtual stage; default: as even as possible, extra layers to the first. */
  layersPerVirtualStage?: readonly number[];
}

/** `layers` over `parts`, as even as possible, the remainder one each to the first parts. */
export function splitLayers(layers: number, parts: number): number[] {
  const base = Math.floor(layers / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < layers % parts ? 1 : 0));
}

export function virtualStageLayers(shape: TransformerShape, split: StageSplit): number[] {
  const stages = checkPositiveInteger("stages", split.stages);
  const virtual = stages * checkPositiveInteger("chunks", split.chunks ?? 1);
  const given = split.layersPerVirtualStage;
  if (given === undefined) {
    if (shape.layers < virtual) {
      throw badValue(
        "stages",
        `stages x chunks (${virtual}) must be <= the model's ${shape.layers} layers`,
      );
    }
    return splitLayers(shape.layers, virtual);
  }
  const sum = given.reduce((a, b) => a + b, 0);
  if (given.length !== virtual || sum !== shape.layers || given.some((n) => !(n >= 1))) {
    throw badValue(
      "layersPerVirtualStage",
      `must list ${virtual} counts >= 1 summing to ${shape.layers}, got [${given.join(", ")}]`,
    );
  }
  return [...given];
}

/**
 * Parameters one GPU of each stage holds. Attention and MLP matrices are split over tp, norms
 * replicated; the vocabulary-parallel embedding and LM head are split over tp. With tied
 * embeddings the last stage keeps its own copy of the embedding for the LM head (Megatron).
 */
export function stageParameters(shape: TransformerShape, split: StageSplit): number[] {
  const out = new Array<number>(split.stages).fill(0);
  virtualStageParameters(shape, split).forEach((params, v) => {
    const stage = v % split.stages;
    out[stage] = (out[stage] as number) + params;
  });
  return out;
}

/** Parameters one GPU holds for each virtual stage (model chunk), v = chunk x stages + stage. */
export function virtualStageParameters(shape: TransformerShape, split: StageSplit): number[] {
  const tp = checkPositiveInteger("tp", split.tp ?? 1);
  const layers = virtualStageLayers(shape, split);
  const p = parameterBreakdown(shape);
  const perLayer = (p.attentionPerLayer + p.mlpPerLayer) / tp + p.normsPerLayer;
  return layers.map((n, v) => {
    let params = n * perLayer;
    if (v === 0) params += p.embedding / tp + p.positional;
    if (v === layers.length - 1) {
      params += p.finalNorm + p.lmHead / tp;
      if (shape.tiedEmbeddings && layers.length > 1) params += p.embedding / tp;
    }
    return params;
  });
}

/** Gradient bytes per GPU of each stage (gradients in the model's dtype). */
export function stageGradientBytes(shape: TransformerShape, split: StageSplit): number[] {
  return stageParameters(shape, split).map((n) => n * bytesOf(shape.dtype));
}

/**
 * Bytes of one microbatch's activation (tokens x hidden) crossing a stage boundary; every GPU
 * of the tp group sends the full tensor (no scatter-gather optimization).
 */
export function activationBytes(
  shape: TransformerShape,
  microbatch: { batch: number; seqTokens: number },
): number {
  const batch = checkPositiveInteger("batch", microbatch.batch);
  const seqTokens = checkPositiveInteger("seqTokens", microbatch.seqTokens);
  return batch * seqTokens * shape.hidden * bytesOf(shape.dtype);
}
