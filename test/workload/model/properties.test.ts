import fc from "fast-check";
import { InputError } from "../../../src/input/input-error.js";
import { describe, expect, it } from "vitest";
import {
  mixedStepOps,
  prefillOps,
  trainOps,
  type TransformerShape,
} from "../../../src/workload/model/index.js";
import { total } from "./helpers.js";

const shapeArb: fc.Arbitrary<TransformerShape> = fc
  .record({
    layers: fc.integer({ min: 1, max: 6 }),
    headsLog: fc.integer({ min: 0, max: 4 }),
    kvLog: fc.integer({ min: 0, max: 4 }),
    headDim: fc.constantFrom(16, 64, 128),
    ffnUnits: fc.integer({ min: 1, max: 64 }),
    vocab: fc.integer({ min: 16, max: 60000 }),
    dtype: fc.constantFrom("fp8", "bf16", "fp16", "tf32", "fp32"),
    mlp: fc.constantFrom("swiglu", "gelu"),
    tiedEmbeddings: fc.boolean(),
    norm: fc.constantFrom("rmsnorm", "layernorm"),
    positional: fc.constantFrom("rope", "learned", "alibi"),
  } as const)
  .map((r) => {
    const heads = 2 ** r.headsLog;
    return {
      name: "random",
      layers: r.layers,
      hidden: heads * r.headDim,
      heads,
      kvHeads: 2 ** Math.min(r.kvLog, r.headsLog),
      headDim: r.headDim,
      ffn: 16 * r.ffnUnits,
      vocab: r.vocab,
      maxContext: 8192,
      dtype: r.dtype,
      mlp: r.mlp,
      tiedEmbeddings: r.tiedEmbeddings,
      norm: r.norm,
      positional: r.positional,
    };
  });

const tpArb = fc.constantFrom(1, 2, 4, 8, 16);
const validTp = (s: TransformerShape, tp: number) =>
  s.heads % tp === 0 && s.ffn % tp === 0 && (s.kvHeads % tp === 0 || tp % s.kvHeads === 0);

const stepArb = fc.record({
  prefill: fc.array(
    fc.record({
      tokens: fc.integer({ min: 1, max: 2048 }),
      contextTokens: fc.integer({ min: 0, max: 4096 }),
      finishing: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
  decodeContexts: fc.array(fc.integer({ min: 1, max: 8192 }), { maxLength: 6 }),
  layers: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
});

describe("step ops properties", () => {
  it("every op is well formed: finite non-negative work, positive integer count, unique name", () => {
    fc.assert(
      fc.property(shapeArb, tpArb, stepArb, (shape, tp, step) => {
        fc.pre(validTp(shape, tp));
        fc.pre(step.prefill.length + step.decodeContexts.length > 0);
        fc.pre(step.layers === undefined || step.layers <= shape.layers);
        const out = mixedStepOps(shape, { ...step, tp });
        const names = new Set<string>();
        for (const op of out.ops) {
          expect(Number.isFinite(op.flops) && op.flops >= 0).toBe(true);
          expect(Number.isFinite(op.bytes) && op.bytes > 0).toBe(true);
          expect(Number.isInteger(op.count) && (op.count ?? 0) >= 1).toBe(true);
          expect(op.dtype).toBe(shape.dtype);
          expect(names.has(op.name)).toBe(false);
          names.add(op.name);
          if (op.kind === "allreduce") expect(op.groupSize).toBe(tp);
        }
        expect(out.gpus).toBe(tp);
      }),
    );
  });

  it("tp GPUs together do the layers' GEMM work of one (no KV replication)", () => {
    fc.assert(
      fc.property(shapeArb, tpArb, fc.integer({ min: 1, max: 512 }), (shape, tp, seqTokens) => {
        fc.pre(validTp(shape, tp) && shape.kvHeads >= tp);
        const opts = { batch: 2, seqTokens, layers: shape.layers };
        const gemm = (o: { kind: string }) => o.kind === "gemm";
        const one = total(prefillOps(shape, opts).ops, "flops", gemm);
        const split = total(prefillOps(shape, { ...opts, tp }).ops, "flops", gemm);
        expect(split * tp).toBe(one);
      }),
    );
  });

  it("a mixed step's prefill attention is the sum of its chunks' prefills", () => {
    fc.assert(
      fc.property(shapeArb, stepArb, (shape, step) => {
        fc.pre(step.prefill.length > 0);
        const attn = (o: { name: string }) => o.name === "layer.attention.prefill";
        const mixed = total(mixedStepOps(shape, { ...step, layers: 1 }).ops, "flops", attn);
        let sum = 0;
        for (const c of step.prefill) {
          const single = prefillOps(shape, {
            batch: 1,
            seqTokens: c.tokens,
            contextTokens: c.contextTokens,
            layers: 1,
          });
          sum += total(single.ops, "flops", attn);
        }
        expect(mixed).toBeCloseTo(sum, -3);
      }),
    );
  });

  it("bad numbers end in an InputError, never another failure", () => {
    const num = fc.oneof(
      fc.integer({ min: -3, max: 3000 }),
      fc.double(),
      fc.constantFrom(NaN, Infinity, 1e9),
    );
    fc.assert(
      fc.property(shapeArb, num, num, num, (shape, batch, seqTokens, tp) => {
        for (const build of [
          () => prefillOps(shape, { batch, seqTokens, tp }),
          () => trainOps(shape, { batch, seqTokens, tp, layers: 1 }),
        ]) {
          try {
            build();
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
