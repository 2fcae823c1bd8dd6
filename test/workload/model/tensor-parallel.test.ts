import { describe, expect, it } from "vitest";
import { getModel, shardOf } from "../../../src/workload/model/index.js";

describe("shardOf", () => {
  it("splits heads, ffn and vocab; pads an odd vocab", () => {
    expect(shardOf(getModel("llama3-8b"), 4)).toEqual({
      tp: 4,
      headsPerGpu: 8,
      kvHeadsPerGpu: 2,
      ffnPerGpu: 3584,
      vocabPerGpu: 32064,
    });
    expect(shardOf(getModel("gpt3-175b"), 8).vocabPerGpu).toBe(Math.ceil(50257 / 8));
  });

  it("keeps one KV head per GPU when tp exceeds kvHeads", () => {
    expect(shardOf(getModel("llama3-70b"), 16).kvHeadsPerGpu).toBe(1);
  });

  it("rejects tp that cannot split the model", () => {
    const shape = getModel("llama3-8b");
    expect(() => shardOf(shape, 3)).toThrow(/tp: must divide heads/);
    expect(() => shardOf({ ...shape, heads: 24, kvHeads: 8, ffn: 24 }, 12)).toThrow(
      /tp: must divide kvHeads \(8\) or be a multiple of it, got 12/,
    );
    expect(() => shardOf({ ...shape, ffn: 14337 }, 2)).toThrow(/tp: must divide ffn/);
    expect(() => shardOf(shape, -2)).toThrow(/tp: must be a positive integer, got -2/);
  });
});
