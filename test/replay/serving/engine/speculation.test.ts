/**
 * Speculative decoding in the serving replay: verification as one target step over k+1 tokens,
 * the drafter's work, acceptance (expected and sampled), ITL and energy per output token.
 */
import { describe, expect, it } from "vitest";
import { serveCluster } from "../../../../src/replay/serving/cluster/serve-cluster.js";
import type { SpeculativeOptions } from "../../../../src/replay/serving/engine/speculation.js";
import {
  expectedAccepted,
  resolveSpeculation,
} from "../../../../src/replay/serving/engine/speculation.js";
import { InputError } from "../../../../src/input/input-error.js";
import { getModel } from "../../../../src/workload/model/index.js";
import { loadProfile } from "../../../../src/hardware/profile/load-profile.js";
import { resolveModel } from "../../../../src/workload/model/resolve-model.js";
import { burst, h100, llama8b } from "../helpers.js";

const draft = getModel("llama3-8b");
const small = { ...draft, name: "draft-1b", layers: 4 };
// 26 output tokens: the first from prefill, then 5 verifications of k+1 = 5 at acceptance 1.
const requests = () => burst(32, 200, 26);
const run = (speculative?: SpeculativeOptions) =>
  serveCluster(requests(), {
    hardware: h100,
    model: llama8b,
    maxNumSeqs: 32,
    ...(speculative === undefined ? {} : { speculative }),
  });

describe("speculative decoding in the replay", () => {
  const plain = run();

  it("acceptance 1 with k tokens: target steps per output token fall to 1/(k+1)", () => {
    const r = run({ method: "ngram", k: 4, acceptance: 1 });
    expect(r.speculative!.targetStepsPerOutputToken).toBeCloseTo(1 / 5, 12);
    expect(r.speculative!.acceptedTokensPerStep).toBe(4);
    expect(r.speculative!.tokensPerStep).toBe(5);
    expect(r.outputTokens).toBe(plain.outputTokens);
    // Five tokens per target step: the decode phase takes far fewer iterations and less energy.
    expect(r.iterations).toBeLessThan(plain.iterations / 3);
    expect(r.gpuEnergyPerOutputTokenJ).toBeLessThan(plain.gpuEnergyPerOutputTokenJ);
    expect(r.itlS.mean).toBeLessThan(plain.itlS.mean);
  });

  it("acceptance 0: one token per step, slower than plain decoding by the verification", () => {
    const r = run({ method: "ngram", k: 4, acceptance: 0 });
    expect(r.speculative!.targetStepsPerOutputToken).toBe(1);
    expect(r.speculative!.acceptedTokensPerStep).toBe(0);
    expect(r.iterations).toBe(plain.iterations);
    // Each step verifies 5 tokens per sequence (and samples 5 logits) for the same one token.
    expect(r.itlS.mean).toBeGreaterThan(plain.itlS.mean);
    expect(r.gpuEnergyJ).toBeGreaterThan(plain.gpuEnergyJ);
  });

  it("a draft model adds its k decode steps to every verifying iteration", () => {
    const ngram = run({ method: "ngram", k: 4, acceptance: 0 });
    const drafted = run({ method: "draft", k: 4, acceptance: 0, draftModel: small });
    expect(drafted.iterations).toBe(ngram.iterations);
    expect(drafted.itlS.mean).toBeGreaterThan(ngram.itlS.mean);
    expect(drafted.gpuBusyEnergyJ).toBeGreaterThan(ngram.gpuBusyEnergyJ);
    // ... and a pass over the prompts to fill its own cache: the first token comes later.
    expect(drafted.ttftS.p50).toBeGreaterThan(ngram.ttftS.p50);
  });

  it("MTP heads cost one target layer per proposed token", () => {
    const ngram = run({ method: "ngram", k: 2, acceptance: 0.5 });
    const mtp = run({ method: "mtp", k: 2, acceptance: 0.5 });
    expect(mtp.itlS.mean).toBeGreaterThan(ngram.itlS.mean);
    expect(mtp.speculative!.acceptedTokensPerStep).toBe(ngram.speculative!.acceptedTokensPerStep);
  });

  it("expected acceptance: accepted tokens per step follow sum_j prod_{i<=j} a_i", () => {
    const rates = [0.9, 0.8, 0.5];
    const want = expectedAccepted(rates, 3); // 0.9 + 0.72 + 0.36
    expect(want).toBeCloseTo(1.98, 12);
    const r = run({ method: "ngram", k: 3, acceptance: rates });
    // Fewer drafts near each request's end pull the mean a little below the full-k figure.
    expect(r.speculative!.acceptedTokensPerStep).toBeGreaterThan(want - 0.25);
    expect(r.speculative!.acceptedTokensPerStep).toBeLessThanOrEqual(want + 1e-9);
    expect(r.outputTokens).toBe(plain.outputTokens);
  });

  it("sampled acceptance: seeded, reproducible, near the expectation", () => {
    const o: SpeculativeOptions = { method: "ngram", k: 3, acceptance: 0.7, sampling: "sampled" };
    const a = run({ ...o, seed: 7 });
    const b = run({ ...o, seed: 7 });
    expect(a.speculative).toEqual(b.speculative);
    expect(a.gpuEnergyJ).toBe(b.gpuEnergyJ);
    expect(a.speculative!.acceptedTokensPerStep).toBeGreaterThan(0.9);
    expect(a.speculative!.acceptedTokensPerStep).toBeLessThan(1.8);
  });

  it("bad options name the field", () => {
    const err = (o: SpeculativeOptions) => {
      try {
        resolveSpeculation(llama8b, o);
      } catch (e) {
        return (e as InputError).path;
      }
      return "no error";
    };
    expect(err({ method: "ngram", k: 0, acceptance: 1 })).toBe("speculative.k");
    expect(err({ method: "ngram", k: 2, acceptance: [1] })).toBe("speculative.acceptance");
    expect(err({ method: "ngram", k: 2, acceptance: [1, 2] })).toBe("speculative.acceptance.1");
    expect(err({ method: "draft", k: 2, acceptance: 1 })).toBe("speculative.draftModel");
  });

  it("DeepSeek-V3 (MLA, MoE, fp8) on 8 x H200: MTP at k 1 cuts ITL by at most its tokens per step", () => {
    const serve = (speculative?: SpeculativeOptions) =>
      serveCluster(burst(64, 500, 50), {
        hardware: loadProfile("h200"),
        model: resolveModel("hf:deepseek-ai/DeepSeek-V3"),
        tp: 8,
        maxNumSeqs: 64,
        ...(speculative === undefined ? {} : { speculative }),
      });
    const base = serve();
    // DeepSeek reports 85-90% acceptance of the second token and 1.8x tokens per second.
    const mtp = serve({ method: "mtp", k: 1, acceptance: 0.85 });
    const speedup = base.itlS.mean / mtp.itlS.mean;
    expect(speedup).toBeGreaterThan(1.3);
    expect(speedup).toBeLessThan(1.85);
    expect(mtp.gpuEnergyPerOutputTokenJ).toBeLessThan(base.gpuEnergyPerOutputTokenJ);
  });
});
