/**
 * The kernels one GPU of a virtual pipeline stage runs for one microbatch, from the model shapes:
 * its layers' forward and backward (trainOps with `layers`), plus the embedding on the first
 * virtual stage and the final norm, LM head and loss on the last (cut from the full model's op
 * lists, which put them before and after the "layer." ops). Zero-bubble splits the backward:
 * dgrad GEMMs, attention, elementwise and tp all-reduces are the input gradient (B); wgrad
 * GEMMs, half of each backward GEMM's count, are the weight gradient (W).
 */
import type { Op } from "../../hardware/op.js";
import type { TransformerShape } from "../model/transformer.js";
import { trainOps } from "../model/train.js";

export interface MicrobatchShape {
  /** Sequences per microbatch. */
  batch: number;
  seqTokens: number;
  tp?: number;
}

export interface StageWork {
  forward: Op[];
  backward: Op[];
  backwardInput: Op[];
  backwardWeight: Op[];
}

const isLayerOp = (op: Op): boolean => op.name.startsWith("layer.");

/** Ops before the first layer op and after the last one. */
function ends(ops: readonly Op[]): { before: Op[]; after: Op[] } {
  const first = ops.findIndex(isLayerOp);
  const last = ops.length - 1 - [...ops].reverse().findIndex(isLayerOp);
  if (first < 0) return { before: [...ops], after: [] };
  return { before: ops.slice(0, first), after: ops.slice(last + 1) };
}

export function stageWork(
  shape: TransformerShape,
  mb: MicrobatchShape,
  layers: number,
  position: { first: boolean; last: boolean },
): StageWork {
  const body = trainOps(shape, { ...mb, layers });
  let forward = body.forward;
  let backward = body.backward;
  if (position.first || position.last) {
    const full = trainOps(shape, mb);
    const f = ends(full.forward);
    const b = ends(full.backward);
    forward = [...(position.first ? f.before : []), ...forward, ...(position.last ? f.after : [])];
    backward = [
      ...(position.last ? b.before : []),
      ...backward,
      ...(position.first ? b.after : []),
    ];
  }
  const backwardInput: Op[] = [];
  const backwardWeight: Op[] = [];
  for (const op of backward) {
    if (op.kind !== "gemm") {
      backwardInput.push(op);
      continue;
    }
    const half = (op.count ?? 2) / 2;
    const base = op.name.replace(/\.bwd$/, "");
    backwardInput.push({ ...op, name: `${base}.dgrad`, count: half });
    backwardWeight.push({ ...op, name: `${base}.wgrad`, count: half });
  }
  return { forward, backward, backwardInput, backwardWeight };
}

/** Mixed-precision Adam per parameter: bf16 grad and param, fp32 master weight, m and v. */
export const ADAM_BYTES_PER_PARAM = 2 + 3 * 4 + 3 * 4 + 2; // read grad, master, m, v; write master, m, v, param
/** Moment updates, bias correction, sqrt, divide, weight decay and the step: ~12 FLOPs. */
export const ADAM_FLOPS_PER_PARAM = 12;

/** The optimizer step over `params` parameters as one streaming elementwise kernel. */
export function optimizerWork(params: number): Op[] {
  return [
    {
      name: "optimizer.adam",
      kind: "elementwise",
      dtype: "fp32",
      flops: params * ADAM_FLOPS_PER_PARAM,
      bytes: params * ADAM_BYTES_PER_PARAM,
    },
  ];
}
