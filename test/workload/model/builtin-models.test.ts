import { describe, expect, it } from "vitest";
import { getModel, modelNames } from "../../../src/workload/model/index.js";

describe("built-in models", () => {
  it("lists the four built-ins", () => {
    expect(modelNames()).toEqual(["llama3-8b", "llama3-70b", "gpt3-175b", "bloom-176b"]);
  });

  it("carries the published shapes", () => {
    expect(getModel("llama3-8b")).toMatchObject({
      layers: 32,
      hidden: 4096,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      ffn: 14336,
      vocab: 128256,
      maxContext: 131072,
      dtype: "bf16",
      mlp: "swiglu",
      tiedEmbeddings: false,
      norm: "rmsnorm",
      positional: "rope",
    });
    expect(getModel("bloom-176b")).toMatchObject({
      kvHeads: 112,
      positional: "alibi",
      mlp: "gelu",
    });
    expect(getModel("gpt3-175b")).toMatchObject({ kvHeads: 96, positional: "learned" });
  });

  it("throws for an unknown name, listing the known ones", () => {
    expect(() => getModel("llama2-7b")).toThrow(
      /unknown model "llama2-7b"; known models: llama3-8b, llama3-70b, gpt3-175b, bloom-176b/,
    );
  });

  it("returns a copy, so callers cannot alter the built-in", () => {
    const shape = getModel("llama3-8b");
    shape.layers = 1;
    expect(getModel("llama3-8b").layers).toBe(32);
  });
});
