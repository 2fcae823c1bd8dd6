/**
 * vLLM's energy benchmark shape, simplified: 2,000 requests at t=0, 200-token prompts, 400 output
 * tokens, maxNumBatchedTokens 8192, chunked prefill, Llama-3-8B on one H100 at default settings,
 * the default engine profile (vllm-0.11). Published (ML.ENERGY, data/mlenergy): ~7.3 ms median
 * ITL and ~0.45 J/token at maxNumSeqs 8; ~47 ms and ~0.07 J/token at 512 (with longer contexts than
 * this shape's). Energy per token falls
 * several-fold with the batch, ITL and power rise. The row-by-row comparison on the benchmark's
 * own length distributions is test/replay/serving/mlenergy-calibration.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type ServeOptions } from "../../../src/replay/serving/cluster/serve-inputs.js";
import { serveCluster } from "../../../src/replay/serving/cluster/serve-cluster.js";
import type { ServingResult } from "../../../src/replay/serving/metrics/metrics.js";
import { loadEngineProfile } from "../../../src/replay/serving/engine-profile/load-engine-profile.js";
import { IDEAL_DECODE_KERNEL } from "../../../src/workload/model/attention.js";
import { burst, h100, llama8b, rel } from "./helpers.js";

const requests = burst(2000, 200, 400);
const base: ServeOptions = {
  hardware: h100,
  model: llama8b,
  maxNumBatchedTokens: 8192,
  chunkedPrefill: true,
};
const runs = new Map<number, ServingResult>();
const at = (maxNumSeqs: number): ServingResult => {
  let r = runs.get(maxNumSeqs);
  if (r === undefined) {
    r = serveCluster(requests, { ...base, maxNumSeqs });
    runs.set(maxNumSeqs, r);
  }
  return r;
};

describe("saturated benchmark (vLLM energy benchmark shape)", () => {
  it("energy per token falls several-fold and median ITL and power rise from 8 to 512 seqs", () => {
    const rs = [8, 32, 128, 512].map(at);
    for (let i = 1; i < rs.length; i++) {
      const [a, b] = [rs[i - 1] as ServingResult, rs[i] as ServingResult];
      expect(b.gpuEnergyPerOutputTokenJ).toBeLessThan(a.gpuEnergyPerOutputTokenJ);
      expect(b.itlS.p50).toBeGreaterThan(a.itlS.p50);
      expect(b.avgGpuPowerW).toBeGreaterThan(a.avgGpuPowerW * 0.95);
    }
    const [first, last] = [rs[0] as ServingResult, rs[3] as ServingResult];
    expect(first.gpuEnergyPerOutputTokenJ / last.gpuEnergyPerOutputTokenJ).toBeGreaterThan(3);
    for (const r of rs) {
      expect(r.requests).toBe(2000);
      expect(r.outputTokens).toBe(800_000);
      expect(r.preemptions).toBe(0);
    }
  });

  it("lands within 25% of the published figures at maxNumSeqs 8 (~7 ms, ~0.45 J/token)", () => {
    const r = at(8);
    expect(rel(r.itlS.p50, 0.007)).toBeLessThan(0.25);
    expect(rel(r.gpuEnergyPerOutputTokenJ, 0.45)).toBeLessThan(0.25);
  });

  it("at maxNumSeqs 512 runs faster and cheaper than the published row (~47 ms, ~0.07 J/token), within 2x", () => {
    // This shape's contexts stay at 200-600 tokens; the benchmark's heavy-tailed outputs (up to
    // 4,096) keep longer contexts in the batch, and at 512 decode attention over them is most of
    // the step. So the simplified shape is faster, but of the same order.
    const r = at(512);
    expect(r.itlS.p50).toBeLessThan(0.047);
    expect(r.itlS.p50).toBeGreaterThan(0.047 / 2);
    expect(r.gpuEnergyPerOutputTokenJ).toBeLessThan(0.07);
    expect(r.gpuEnergyPerOutputTokenJ).toBeGreaterThan(0.07 / 2);
  });

  it("at 512 decode attention is memory-bound at high power: the engine's kernel, not re-reads", () => {
    // GQA-aware (each KV head read once): an ideal kernel at full bandwidth with no vector work
    // is faster and draws less; vLLM's reaches ~40% of the bandwidth at ~700 W-class power.
    const ideal = serveCluster(requests, {
      ...base,
      maxNumSeqs: 512,
      profile: { ...loadEngineProfile("vllm-0.11"), decodeAttention: IDEAL_DECODE_KERNEL },
    });
    const r = at(512);
    expect(ideal.itlS.p50).toBeLessThan(0.8 * r.itlS.p50);
    expect(r.avgGpuPowerW).toBeGreaterThan(680);
  });
});
