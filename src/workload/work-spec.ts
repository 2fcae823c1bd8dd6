/**
 * What `wattif estimate` (and `kind: estimate` scenarios) price: a model step (prefill, decode or
 * a training forward+backward) or one standalone kernel, turned into the ops of one GPU's share
 * plus the number of GPUs that run them in lockstep.
 */
import { badValue } from "../input/input-error.js";
import type { Dtype, Op } from "../hardware/op.js";
import { resolveModel } from "./model/resolve-model.js";
import { bytesOf } from "./model/dtype.js";
import { causalAttentionFlops, type DecodeKernel } from "./model/attention.js";
import { copyOp, elementwiseOp, gemmOp } from "./model/op-builders.js";
import { decodeOps } from "./model/decode.js";
import { prefillOps } from "./model/prefill.js";
import { allTrainOps, trainOps } from "./model/train.js";
import { checkPositiveInteger } from "./model/validate.js";

/** A serving engine's decode attention kernel, with the engine's name for labels. */
export interface DecodeEngine {
  name: string;
  decodeKernel: DecodeKernel;
}

interface Common {
  /** Tensor-parallel degree: the work is split across this many GPUs. */
  tp?: number;
}

export type WorkSpec =
  | (Common & { model: string; phase: "prefill"; batch: number; seq: number; layers?: number })
  | (Common & {
      model: string;
      phase: "decode";
      batch: number;
      context: number;
      layers?: number;
      /** The serving engine's decode attention kernel and its name; default ideal. */
      engine?: DecodeEngine;
    })
  | (Common & { model: string; phase: "train"; batch: number; seq: number; layers?: number })
  | (Common & { op: "gemm"; m: number; n: number; k: number; dtype?: Dtype })
  | (Common & { op: "copy"; bytes: number })
  | (Common & { op: "elementwise"; elements: number; flopsPerElement: number; dtype?: Dtype })
  | (Common & {
      op: "attention";
      batch: number;
      heads: number;
      seq: number;
      headDim: number;
      causal?: boolean;
      dtype?: Dtype;
    });

export interface BuiltWork {
  /** One GPU's share, in execution order. */
  ops: Op[];
  /** GPUs running `ops` in lockstep; energies of the step are per GPU times this. */
  gpus: number;
  /** A one-line description for tables and summaries. */
  label: string;
}

export function buildWork(spec: WorkSpec): BuiltWork {
  const tp = checkPositiveInteger("tp", spec.tp ?? 1);
  if ("model" in spec) {
    // A name, 'hf:<org>/<name>', or a config.json path (relative to the working directory).
    const shape = resolveModel(spec.model);
    const common = { tp, layers: spec.layers };
    if (spec.phase === "prefill") {
      const s = prefillOps(shape, { batch: spec.batch, seqTokens: spec.seq, ...common });
      return {
        ops: s.ops,
        gpus: s.gpus,
        label: `${spec.model} prefill b${spec.batch} s${spec.seq}`,
      };
    }
    if (spec.phase === "decode") {
      const contexts = { batch: spec.batch, context: spec.context };
      const s = decodeOps(shape, { contexts, ...common, decodeKernel: spec.engine?.decodeKernel });
      const engine = spec.engine === undefined ? "" : ` (${spec.engine.name} attention)`;
      return {
        ops: s.ops,
        gpus: s.gpus,
        label: `${spec.model} decode b${spec.batch} c${spec.context}${engine}`,
      };
    }
    const s = trainOps(shape, { batch: spec.batch, seqTokens: spec.seq, ...common });
    return {
      ops: allTrainOps(s),
      gpus: s.gpus,
      label: `${spec.model} train b${spec.batch} s${spec.seq}`,
    };
  }
  return { ops: [shardKernel(kernelOf(spec), tp)], gpus: tp, label: kernelLabel(spec) };
}

function kernelOf(spec: Exclude<WorkSpec, { model: string }>): Op {
  switch (spec.op) {
    case "gemm": {
      const m = checkPositiveInteger("m", spec.m);
      const n = checkPositiveInteger("n", spec.n);
      const k = checkPositiveInteger("k", spec.k);
      return gemmOp("gemm", spec.dtype ?? "bf16", m, n, k);
    }
    case "copy":
      return copyOp("copy", "bf16", checkPositiveInteger("bytes", spec.bytes));
    case "elementwise": {
      const elements = checkPositiveInteger("elements", spec.elements);
      if (!(spec.flopsPerElement >= 0)) {
        throw badValue("flopsPerElement", `must be >= 0, got ${spec.flopsPerElement}`);
      }
      // Reads one tensor and writes one, as the kernel CSV's elementwise rows count them.
      return elementwiseOp("elementwise", spec.dtype ?? "bf16", elements, spec.flopsPerElement, 2);
    }
    case "attention": {
      const batch = checkPositiveInteger("batch", spec.batch);
      const heads = checkPositiveInteger("heads", spec.heads);
      const seqTokens = checkPositiveInteger("seq", spec.seq);
      const headDim = checkPositiveInteger("headDim", spec.headDim);
      const dtype = spec.dtype ?? "bf16";
      const full = causalAttentionFlops({ batch, heads, seqTokens, headDim });
      return {
        name: "attention",
        kind: "attention",
        dtype,
        // Causal attention computes half of the score matrix: 4*B*H*S^2*D/2.
        flops: spec.causal === false ? 2 * full : full,
        // Q, K, V read and O written once (FlashAttention keeps scores on chip).
        bytes: 4 * batch * heads * seqTokens * headDim * bytesOf(dtype),
      };
    }
  }
}

/** A standalone kernel on tp GPUs: each runs 1/tp of it (no collective is implied). */
function shardKernel(op: Op, tp: number): Op {
  if (tp === 1) return op;
  return { ...op, flops: op.flops / tp, bytes: op.bytes / tp };
}

function kernelLabel(spec: Exclude<WorkSpec, { model: string }>): string {
  switch (spec.op) {
    case "gemm":
      return `gemm ${spec.m}x${spec.n}x${spec.k} ${spec.dtype ?? "bf16"}`;
    case "copy":
      return `copy ${spec.bytes} B`;
    case "elementwise":
      return `elementwise ${spec.elements} x ${spec.flopsPerElement} FLOP`;
    case "attention":
      return `attention b${spec.batch} h${spec.heads} s${spec.seq} d${spec.headDim}${spec.causal === false ? "" : " causal"}`;
  }
}
