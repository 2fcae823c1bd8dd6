import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/input/input-error.js";
import {
  bytesOf,
  getModel,
  kvBytesPerToken,
  parameterBreakdown,
  parameterCount,
  validateShape,
} from "../../../src/workload/model/index.js";
import { expectClose } from "./helpers.js";

describe("parameterCount", () => {
  it("llama3-8b is 8.03e9 (exactly Llama-3.1-8B's 8,030,261,248)", () => {
    const n = parameterCount(getModel("llama3-8b"));
    expectClose(n, 8.03e9, 0.001);
    expect(n).toBe(8_030_261_248);
  });

  it("llama3-70b is 70.6e9 within 0.5%", () => {
    expectClose(parameterCount(getModel("llama3-70b")), 70.6e9, 0.005);
  });

  it("gpt3-175b is 174.6e9 within 1%", () => {
    expectClose(parameterCount(getModel("gpt3-175b")), 174.6e9, 0.01);
  });

  it("bloom-176b is 176.2e9 within 1%", () => {
    expectClose(parameterCount(getModel("bloom-176b")), 176.2e9, 0.01);
  });

  it("breakdown parts add up, tied models have no separate LM head", () => {
    for (const name of ["llama3-8b", "gpt3-175b"]) {
      const shape = getModel(name);
      const p = parameterBreakdown(shape);
      expect(p.embedding + p.positional + shape.layers * p.perLayer + p.finalNorm + p.lmHead).toBe(
        p.total,
      );
      expect(p.perLayer).toBe(p.attentionPerLayer + p.mlpPerLayer + p.normsPerLayer);
    }
    expect(parameterBreakdown(getModel("gpt3-175b")).lmHead).toBe(0);
    expect(parameterBreakdown(getModel("gpt3-175b")).positional).toBe(2048 * 12288);
    expect(parameterBreakdown(getModel("llama3-8b")).lmHead).toBe(128256 * 4096);
  });

  it("layernorm models carry biases, rmsnorm models do not", () => {
    const gpt3 = parameterBreakdown(getModel("gpt3-175b"));
    const h = 12288;
    expect(gpt3.attentionPerLayer).toBe(4 * h * h + 4 * h);
    expect(gpt3.mlpPerLayer).toBe(2 * h * 4 * h + 4 * h + h);
    const llama = parameterBreakdown(getModel("llama3-8b"));
    expect(llama.attentionPerLayer).toBe(4096 * (4096 + 2 * 1024) + 4096 * 4096);
    expect(llama.mlpPerLayer).toBe(3 * 4096 * 14336);
  });
});

describe("kvBytesPerToken", () => {
  it("is 2 x layers x kvHeads x headDim x bytes", () => {
    expect(kvBytesPerToken(getModel("llama3-8b"))).toBe(2 * 32 * 8 * 128 * 2);
    expect(kvBytesPerToken({ ...getModel("llama3-8b"), dtype: "fp8" })).toBe(2 * 32 * 8 * 128);
  });
});

describe("bytesOf", () => {
  it("gives the storage size of each dtype", () => {
    expect([
      bytesOf("fp8"),
      bytesOf("bf16"),
      bytesOf("fp16"),
      bytesOf("tf32"),
      bytesOf("fp32"),
    ]).toEqual([1, 2, 2, 4, 4]);
  });
});

describe("validateShape", () => {
  it("rejects non-positive or fractional sizes naming the field", () => {
    expect(() => validateShape({ ...getModel("llama3-8b"), hidden: 0 })).toThrow(
      /hidden: must be a positive integer, got 0/,
    );
    expect(() => validateShape({ ...getModel("llama3-8b"), layers: 1.5 })).toThrow(InputError);
  });

  it("rejects kvHeads that do not divide heads", () => {
    expect(() => validateShape({ ...getModel("llama3-8b"), kvHeads: 5 })).toThrow(/kvHeads/);
  });
});
