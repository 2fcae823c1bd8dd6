/**
 * How many KV blocks a replica holds, from GPU memory as vLLM sizes it: on each of the TP GPUs,
 *   capacity x gpuMemoryUtilization - that GPU's weight shard - activation reserve,
 * divided by one block's bytes on that GPU. Every GPU holds its KV heads' slice of every block
 * (heads split across TP, or one replicated head when kvHeads < tp), so the block count is the
 * same on each and is the replica's.
 */
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import { InputError } from "../../../input/input-error.js";
import { bytesOf, weightBytesOf } from "../../../workload/model/dtype.js";
import { shardOf, type TpShard } from "../../../workload/model/tensor-parallel.js";
import {
  kvDtypeOf,
  kvElementsPerTokenPerLayer,
  mlaParams,
  parameterBreakdown,
  weightDtypeOf,
  type ParameterBreakdown,
  type TransformerShape,
} from "../../../workload/model/transformer.js";
import type { ResolvedEngine } from "./engine-options.js";

export interface KvCapacity {
  blocks: number;
  blockTokens: number;
  /** blocks x blockTokens. */
  tokens: number;
  /** Bytes of one GPU's memory the engine may use. */
  usableBytesPerGpu: number;
  weightBytesPerGpu: number;
  reserveBytesPerGpu: number;
  /** K and V of one token, all layers, on one GPU. */
  kvBytesPerTokenPerGpu: number;
}

/** Parameters one GPU holds under Megatron TP: split matrices, replicated norms and biases. */
export function weightParamsPerGpu(shape: TransformerShape, shard: TpShard): number {
  const p = parameterBreakdown(shape);
  return unquantizedParamsPerGpu(shape, shard, p) + linearParamsPerGpu(shape, shard);
}

/**
 * Bytes of one GPU's weights: the decoder's linear layers in the weight format, the embedding,
 * LM head and norms in the model dtype (what vLLM's fp8 and int4 schemes quantize).
 */
export function weightBytesOnGpu(shape: TransformerShape, shard: TpShard): number {
  const p = parameterBreakdown(shape);
  return (
    unquantizedParamsPerGpu(shape, shard, p) * bytesOf(shape.dtype) +
    linearParamsPerGpu(shape, shard) * weightBytesOf(weightDtypeOf(shape))
  );
}

function unquantizedParamsPerGpu(
  shape: TransformerShape,
  shard: TpShard,
  p: ParameterBreakdown,
): number {
  const h = shape.hidden;
  const lmHead = shape.tiedEmbeddings ? 0 : shard.vocabPerGpu * h;
  return (
    shard.vocabPerGpu * h + p.positional + shape.layers * p.normsPerLayer + p.finalNorm + lmHead
  );
}

/**
 * The layers' attention and MLP parameters on one GPU (biases included). MoE layers hold every
 * expert with its inner width split across TP (vLLM's default without expert parallelism) and
 * a replicated router.
 */
function linearParamsPerGpu(shape: TransformerShape, shard: TpShard): number {
  const { hidden: h, headDim: d } = shape;
  const bias = shape.norm === "layernorm" ? 1 : 0;
  const q = shard.headsPerGpu * d;
  const kv = shard.kvHeadsPerGpu * d;
  const f = shard.ffnPerGpu;
  const qkvBias = shape.qkvBias === true ? q + 2 * kv : 0;
  const attention =
    shape.mla === undefined
      ? h * (q + 2 * kv) + q * h + bias * (q + 2 * kv + h) + qkvBias
      : mlaParams(shape.hidden, shape.mla, shard.headsPerGpu);
  const mlp = shape.mlp === "swiglu" ? 3 * h * f + bias * (2 * f + h) : 2 * h * f + bias * (f + h);
  const moe = shape.moe;
  if (moe === undefined) return shape.layers * (attention + mlp);
  // Expert parallelism: experts/tp whole experts and whole shared experts on each GPU.
  const experts =
    moe.expertParallel === true && shard.tp > 1
      ? (moe.experts / shard.tp + moe.sharedExperts) * 3 * h * moe.expertFfn
      : (moe.experts + moe.sharedExperts) * 3 * h * (moe.expertFfn / shard.tp);
  const moeLayers = shape.layers - moe.denseLayers;
  return shape.layers * attention + moe.denseLayers * mlp + moeLayers * (experts + h * moe.experts);
}

/** KV cache bytes of one token, all layers, on one GPU: MLA's latent is whole on every GPU. */
export function kvBytesPerTokenOnGpu(shape: TransformerShape, shard: TpShard): number {
  const perLayer =
    shape.mla === undefined
      ? 2 * shard.kvHeadsPerGpu * shape.headDim
      : kvElementsPerTokenPerLayer(shape);
  return shape.layers * perLayer * bytesOf(kvDtypeOf(shape));
}

/** Bytes of the embedding, final norm and LM head on one GPU (model dtype). */
function endsBytesOnGpu(shape: TransformerShape, shard: TpShard): number {
  const h = shape.hidden;
  const lmHead = shape.tiedEmbeddings ? 0 : shard.vocabPerGpu * h;
  const p = parameterBreakdown(shape);
  return (shard.vocabPerGpu * h + p.positional + p.finalNorm + lmHead) * bytesOf(shape.dtype);
}

function draftShard(draft: TransformerShape, tp: number): TpShard {
  try {
    return shardOf(draft, tp);
  } catch (e) {
    throw new InputError(
      `draft model ${draft.name} cannot be split ${tp} ways: ${(e as Error).message}`,
      {
        code: "VALUE",
        path: "speculative.draftModel",
      },
    );
  }
}

const GB = 1e9;
const gb = (bytes: number) => `${(bytes / GB).toFixed(1)} GB`;

export function kvCapacity(
  profile: HardwareProfile,
  shape: TransformerShape,
  tp: number,
  engine: ResolvedEngine,
): KvCapacity {
  let shard: TpShard;
  try {
    shard = shardOf(shape, tp);
  } catch (e) {
    throw new InputError(`${shape.name} cannot be split ${tp} ways: ${(e as Error).message}`, {
      code: "VALUE",
      path: "tp",
    });
  }
  const usableBytesPerGpu = profile.memory.capacityBytes * engine.gpuMemoryUtilization;
  const reserveBytesPerGpu = engine.activationReserveBytes;
  let weightBytesPerGpu = weightBytesOnGpu(shape, shard);
  let kvBytesPerTokenPerGpu = kvBytesPerTokenOnGpu(shape, shard);
  const spec = engine.speculative;
  if (spec?.drafter !== undefined) {
    // The drafter's weights sit beside the target's and its KV in the same blocks (vLLM sizes
    // one pool for both). MTP heads share the target's embedding and LM head: their layer only.
    const d = spec.drafter;
    const ds = draftShard(d, tp);
    weightBytesPerGpu +=
      spec.method === "mtp"
        ? weightBytesOnGpu(d, ds) - endsBytesOnGpu(d, ds)
        : weightBytesOnGpu(d, ds);
    kvBytesPerTokenPerGpu += kvBytesPerTokenOnGpu(d, ds);
  }
  const freeBytes = usableBytesPerGpu - weightBytesPerGpu - reserveBytesPerGpu;
  const blocks = Math.max(0, Math.floor(freeBytes / (engine.blockTokens * kvBytesPerTokenPerGpu)));
  const tokens = blocks * engine.blockTokens;
  const where =
    `${shape.name} on ${tp} x ${profile.name} (tp ${tp}): per GPU, ` +
    `${engine.gpuMemoryUtilization} x ${gb(profile.memory.capacityBytes)} = ${gb(usableBytesPerGpu)} usable, ` +
    `weights ${gb(weightBytesPerGpu)}, activation reserve ${gb(reserveBytesPerGpu)}`;
  if (freeBytes <= 0) {
    throw new InputError(
      `model does not fit in GPU memory: ${where}, leaving ${gb(freeBytes)} for the KV cache; ` +
        "raise tp, gpuMemoryUtilization or use a GPU with more memory",
      { code: "VALUE", path: "model" },
    );
  }
  if (tokens < engine.maxModelLen) {
    throw new InputError(
      `KV cache too small for one max-length sequence: ${where}, leaving ${gb(freeBytes)} ` +
        `= ${tokens} tokens of KV cache < maxModelLen ${engine.maxModelLen}; ` +
        "lower maxModelLen or raise tp or gpuMemoryUtilization",
      { code: "VALUE", path: "maxModelLen" },
    );
  }
  return {
    blocks,
    blockTokens: engine.blockTokens,
    tokens,
    usableBytesPerGpu,
    weightBytesPerGpu,
    reserveBytesPerGpu,
    kvBytesPerTokenPerGpu,
  };
}
