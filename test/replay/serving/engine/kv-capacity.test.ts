import { describe, expect, it } from "vitest";
import { resolveEngine } from "../../../../src/replay/serving/engine/engine-options.js";
import {
  kvCapacity,
  weightParamsPerGpu,
} from "../../../../src/replay/serving/engine/kv-capacity.js";
import { serveCluster } from "../../../../src/replay/serving/cluster/serve-cluster.js";
import { InputError } from "../../../../src/input/input-error.js";
import {
  getModel,
  kvBytesPerToken,
  parameterBreakdown,
  parameterCount,
  shardOf,
} from "../../../../src/workload/model/index.js";
import { burst, h100, llama8b, smallH100 } from "../helpers.js";

const llama70b = getModel("llama3-70b");

describe("KV cache sizing", () => {
  it("llama3-8b on one H100: 0.9 x 85 GB - 16 GB weights - 2 GiB reserve, in 16-token blocks", () => {
    const e = resolveEngine(llama8b);
    const c = kvCapacity(h100, llama8b, 1, e);
    expect(c.weightBytesPerGpu).toBe(parameterCount(llama8b) * 2);
    expect(c.kvBytesPerTokenPerGpu).toBe(kvBytesPerToken(llama8b));
    const expected = Math.floor(
      (h100.memory.capacityBytes * 0.9 - parameterCount(llama8b) * 2 - 2 ** 31) /
        (16 * kvBytesPerToken(llama8b)),
    );
    expect(c.blocks).toBe(expected);
    // ~445K tokens, the order vLLM reports for this model and GPU.
    expect(c.tokens).toBeGreaterThan(400_000);
    expect(c.tokens).toBeLessThan(480_000);
  });

  it("a drafter's weights and KV share the memory: a draft model whole, MTP its layer only", () => {
    const plain = kvCapacity(h100, llama8b, 1, resolveEngine(llama8b));
    const draft = { ...llama8b, name: "draft", layers: 4 };
    const drafted = kvCapacity(
      h100,
      llama8b,
      1,
      resolveEngine(llama8b, {
        speculative: { method: "draft", k: 3, acceptance: 0.7, draftModel: draft },
      }),
    );
    expect(drafted.weightBytesPerGpu - plain.weightBytesPerGpu).toBe(parameterCount(draft) * 2);
    expect(drafted.kvBytesPerTokenPerGpu).toBe(kvBytesPerToken(llama8b) + kvBytesPerToken(draft));
    const mtp = kvCapacity(
      h100,
      llama8b,
      1,
      resolveEngine(llama8b, { speculative: { method: "mtp", k: 1, acceptance: 0.8 } }),
    );
    // One layer's weights (no second embedding or LM head) and one layer's KV.
    expect(mtp.weightBytesPerGpu - plain.weightBytesPerGpu).toBe(
      parameterBreakdown(llama8b).perLayer * 2,
    );
    expect(mtp.kvBytesPerTokenPerGpu).toBe((kvBytesPerToken(llama8b) * 33) / 32);
    const ngram = kvCapacity(
      h100,
      llama8b,
      1,
      resolveEngine(llama8b, { speculative: { method: "ngram", k: 3, acceptance: 0.7 } }),
    );
    expect(ngram.blocks).toBe(plain.blocks);
    expect(drafted.blocks).toBeLessThan(plain.blocks);
  });

  it("splits weights and KV heads across TP GPUs (replicated norms only)", () => {
    const e = resolveEngine(llama70b);
    const c = kvCapacity(h100, llama70b, 4, e);
    expect(c.kvBytesPerTokenPerGpu).toBe(kvBytesPerToken(llama70b) / 4);
    const perGpu = weightParamsPerGpu(llama70b, shardOf(llama70b, 4));
    // Everything but the norms is split: 4 x per-GPU = total + 3 x the replicated norms.
    const norms = llama70b.layers * 2 * llama70b.hidden + llama70b.hidden;
    expect(4 * perGpu).toBe(parameterCount(llama70b) + 3 * norms);
    // Twice the GPUs per replica: more than twice the tokens (weights take a smaller share).
    const c8 = kvCapacity(h100, llama70b, 8, e);
    expect(c8.tokens).toBeGreaterThan(2 * c.tokens);
    // With tp above the KV heads (16 > 8) each GPU holds one replicated KV head.
    expect(kvCapacity(h100, llama8b, 16, resolveEngine(llama8b)).kvBytesPerTokenPerGpu).toBe(
      kvBytesPerToken(llama8b) / 8,
    );
  });

  it("a model that does not fit at its TP is an InputError naming model, TP and memory", () => {
    const run = () =>
      serveCluster(burst(1, 10, 10), { hardware: h100, model: "llama3-70b", tp: 1 });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/llama3-70b on 1 x h100-sxm \(tp 1\)/);
    expect(run).toThrow(/weights 141\.1 GB/);
    expect(run).toThrow(/76\.5 GB usable/);
    try {
      run();
    } catch (e) {
      expect((e as InputError).code).toBe("VALUE");
    }
  });

  it("a cache smaller than one max-length sequence is an InputError unless maxModelLen is lowered", () => {
    const tiny = smallH100(24);
    expect(() => serveCluster(burst(1, 10, 10), { hardware: tiny, model: llama8b })).toThrow(
      /KV cache too small for one max-length sequence.*< maxModelLen 131072/,
    );
    const r = serveCluster(burst(1, 10, 10), {
      hardware: tiny,
      model: llama8b,
      maxModelLen: 8192,
    });
    expect(r.requests).toBe(1);
  });

  it("rejects requests longer than maxModelLen, and bad engine values, as InputErrors", () => {
    const long = () =>
      serveCluster(burst(1, 9000, 10), { hardware: h100, model: llama8b, maxModelLen: 8192 });
    expect(long).toThrow(InputError);
    expect(long).toThrow(/requests\[0\]: prompt \+ output = 9010 tokens exceeds maxModelLen 8192/);
    const whole = () =>
      serveCluster(burst(1, 9000, 10), {
        hardware: h100,
        model: llama8b,
        chunkedPrefill: false,
        maxNumBatchedTokens: 8192,
      });
    expect(whole).toThrow(InputError);
    expect(whole).toThrow(/without chunked prefill/);
    expect(() => resolveEngine(llama8b, { maxNumSeqs: 0 })).toThrow(InputError);
    expect(() => resolveEngine(llama8b, { maxNumSeqs: 512, maxNumBatchedTokens: 256 })).toThrow(
      /maxNumBatchedTokens: must be >= maxNumSeqs/,
    );
  });
});
