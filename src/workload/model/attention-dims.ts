/** The attention widths one GPU sees for a model under tensor parallelism. */
import type { AttentionDims } from "./attention.js";
import { weightBytesOf } from "./dtype.js";
import type { TpShard } from "./tensor-parallel.js";
import { kvDtypeOf, weightDtypeOf, type TransformerShape } from "./transformer.js";

/**
 * Heads split over TP; MLA's latent is not split (every GPU caches the whole latent for its
 * heads, as vLLM does), so its widths pass through whole. `cache`: whether there is a KV cache
 * whose format to use (serving) or none (training).
 */
export function attentionDimsOf(
  shape: TransformerShape,
  shard: TpShard,
  cache: boolean,
): AttentionDims {
  const dims: AttentionDims = {
    heads: shard.headsPerGpu,
    kvHeads: shard.kvHeadsPerGpu,
    headDim: shape.headDim,
    dtype: shape.dtype,
  };
  if (cache) dims.kvDtype = kvDtypeOf(shape);
  const mla = shape.mla;
  if (mla !== undefined) {
    dims.mla = {
      kvLoraRank: mla.kvLoraRank,
      qkNopeHeadDim: mla.qkNopeHeadDim,
      qkRopeHeadDim: mla.qkRopeHeadDim,
      vHeadDim: mla.vHeadDim,
      weightBytes: weightBytesOf(weightDtypeOf(shape)),
    };
  }
  return dims;
}
