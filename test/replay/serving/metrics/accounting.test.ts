/**
 * Energy and token accounting of a replica run: energy is the integral of the power timeline and
 * of the 1 s series; energy per token x tokens = energy; every request finishes once with its
 * output length; the KV cache never holds more blocks than it has, even under preemption.
 */
import { fsum } from "d3-array";
import { describe, expect, it } from "vitest";
import { RngStream } from "../../../../src/core/rng.js";
import { simulateReplica } from "../../../../src/replay/serving/cluster/serve-replica.js";
import { type ServeOptions } from "../../../../src/replay/serving/cluster/serve-inputs.js";
import type { Request } from "../../../../src/workload/serving/request.js";
import { burst, h100, llama8b, rel, smallH100 } from "../helpers.js";

/** ~40 s of Poisson arrivals at 4/s with lognormal-ish lengths, idle gaps included. */
function poissonTrace(n: number, ratePerS: number, seed: string): Request[] {
  const rng = new RngStream(seed);
  let t = 0;
  return Array.from({ length: n }, (_, id) => {
    t += rng.exponential(ratePerS);
    const inputTokens = Math.max(1, Math.round(600 * Math.exp(rng.normal(0, 0.8))));
    const outputTokens = Math.max(1, Math.round(80 * Math.exp(rng.normal(0, 0.9))));
    return { id, arrivalS: 5 + t, inputTokens: Math.min(inputTokens, 6000), outputTokens };
  });
}

function checkRun(requests: Request[], options: ServeOptions) {
  let overCapacity = 0;
  let iterations = 0;
  const run = simulateReplica(requests, {
    ...options,
    keepTokenTimes: true,
    onIteration: (replica) => {
      iterations++;
      if (replica.kv.usedBlocks > replica.kv.capacityBlocks) overCapacity++;
    },
  });
  const { result, replica, log } = run;
  expect(overCapacity).toBe(0);
  expect(iterations).toBe(result.iterations);
  expect(replica.kv.peakUsedBlocks).toBeLessThanOrEqual(replica.kv.capacityBlocks);
  expect(replica.kv.usedBlocks).toBe(0);

  // Every request: finished once, exactly its output length, tokens in time order.
  let tokens = 0;
  for (const r of requests) {
    expect(log.finishes[r.id]).toBe(1);
    expect(log.generated[r.id]).toBe(r.outputTokens);
    const times = log.tokenTimes?.[r.id] as number[];
    expect(times.length).toBe(r.outputTokens);
    expect(times[0]).toBeGreaterThan(r.arrivalS);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
    tokens += r.outputTokens;
  }
  expect(result.requests).toBe(requests.length);
  expect(result.outputTokens).toBe(tokens);
  expect(result.itlS.count).toBe(tokens - requests.length);

  // Energy = integral of the timeline = sum of the 1 s series x bin widths.
  const segs = replica.power.segments();
  expect(segs[0]?.startS).toBe(requests[0]?.arrivalS);
  expect(segs[segs.length - 1]?.endS).toBeCloseTo(
    (requests[0]?.arrivalS as number) + result.durationS,
    9,
  );
  for (let i = 1; i < segs.length; i++) expect(segs[i]?.startS).toBe(segs[i - 1]?.endS);
  const integral = fsum(segs, (s) => s.powerW * (s.endS - s.startS));
  expect(rel(result.gpuEnergyJ, integral)).toBeLessThan(1e-9);
  const endS = (requests[0]?.arrivalS as number) + result.durationS;
  const series = fsum(
    result.gpuPowerSeriesW,
    (p, i) => p * Math.min(1, endS - ((requests[0]?.arrivalS as number) + i)),
  );
  expect(result.gpuPowerSeriesW.length).toBe(Math.ceil(result.durationS));
  expect(rel(result.gpuEnergyJ, series)).toBeLessThan(1e-9);
  const parts =
    result.gpuBusyEnergyJ +
    result.gpuOverheadEnergyJ +
    result.gpuSwitchEnergyJ +
    result.gpuIdleEnergyJ;
  expect(rel(result.gpuEnergyJ, parts)).toBeLessThan(1e-12);
  expect(
    rel(result.gpuEnergyPerOutputTokenJ * result.outputTokens, result.gpuEnergyJ),
  ).toBeLessThan(1e-12);
  expect(rel(result.gpuEnergyPerRequestJ * result.requests, result.gpuEnergyJ)).toBeLessThan(1e-12);
  expect(rel(result.avgGpuPowerW * result.durationS, result.gpuEnergyJ)).toBeLessThan(1e-12);
  return run;
}

describe("serving accounting", () => {
  it("balances energy, tokens and KV blocks on a trace with idle gaps", () => {
    const requests = poissonTrace(160, 4, "accounting");
    const { result } = checkRun(requests, { hardware: h100, model: llama8b, maxNumSeqs: 64 });
    // Idle gaps exist and are priced at idle power.
    expect(result.gpuIdleEnergyJ).toBeGreaterThan(0);
    expect(result.preemptions).toBe(0);
    expect(result.peakGpuPowerW).toBeGreaterThanOrEqual(result.avgGpuPowerW);
  });

  it("preempts under KV pressure (a 21 GB what-if H100) and still completes every request", () => {
    const tiny = smallH100(21);
    const { result, replica } = checkRun(burst(64, 500, 400), {
      hardware: tiny,
      model: llama8b,
      maxModelLen: 2048,
      maxNumSeqs: 64,
    });
    expect(replica.capacity.tokens).toBeLessThan(8000);
    expect(result.preemptions).toBeGreaterThan(10);
    // Recompute costs energy: more than the same work with room to spare.
    const roomy = simulateReplica(burst(64, 500, 400), {
      hardware: h100,
      model: llama8b,
      maxNumSeqs: 64,
    });
    expect(roomy.result.preemptions).toBe(0);
    expect(result.gpuEnergyJ).toBeGreaterThan(roomy.result.gpuEnergyJ);
  });

  it("TTFT, TPOT and ITL of a lone request are its iterations' durations", () => {
    const ends: number[] = [];
    const { result } = simulateReplica(
      [{ id: 0, arrivalS: 2, inputTokens: 1000, outputTokens: 5 }],
      {
        hardware: h100,
        model: llama8b,
        onIteration: (_r, it) => ends.push(it.endS),
      },
    );
    expect(ends.length).toBe(5);
    expect(result.ttftS.p50).toBeCloseTo((ends[0] as number) - 2, 12);
    expect(result.e2eS.mean).toBeCloseTo((ends[4] as number) - 2, 12);
    expect(result.tpotS.mean).toBeCloseTo(((ends[4] as number) - (ends[0] as number)) / 4, 12);
    expect(result.itlS.count).toBe(4);
    expect(result.durationS).toBeCloseTo((ends[4] as number) - 2, 12);
    // No idle: the replica worked from arrival to completion.
    expect(result.gpuIdleEnergyJ).toBe(0);
  });

  it("goodput counts the requests meeting both SLO bounds", () => {
    const requests = poissonTrace(60, 4, "goodput");
    const loose = simulateReplica(requests, {
      hardware: h100,
      model: llama8b,
      slo: { ttftS: 10, tpotS: 1 },
    });
    expect(loose.result.sloAttainment).toBe(1);
    expect(loose.result.goodputReqS).toBeCloseTo(loose.result.throughputReqS, 12);
    const tight = simulateReplica(requests, {
      hardware: h100,
      model: llama8b,
      slo: { ttftS: 0.05 },
    });
    expect(tight.result.sloAttainment).toBeLessThan(1);
  });
});
