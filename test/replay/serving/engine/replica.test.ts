/** Replica behaviour a cluster relies on: shared simulator and log, load counters, handoffs. */
import { describe, expect, it } from "vitest";
import { Simulator } from "../../../../src/core/simulator.js";
import { PowerTimeline } from "../../../../src/hardware/power/power-timeline.js";
import { servingResult } from "../../../../src/replay/serving/metrics/metrics.js";
import { Replica } from "../../../../src/replay/serving/engine/replica.js";
import { RequestLog } from "../../../../src/replay/serving/metrics/request-log.js";
import { scheduleArrivals } from "../../../../src/replay/serving/cluster/serve-inputs.js";
import { burst, h100, llama8b, spaced } from "../helpers.js";

describe("Replica", () => {
  it("tracks outstanding tokens (prompt to compute + output to emit) down to zero", () => {
    const sim = new Simulator();
    const requests = burst(40, 300, 50);
    const log = new RequestLog(requests);
    let checks = 0;
    const replica = new Replica(sim, {
      profile: h100,
      model: llama8b,
      log,
      engine: { maxNumSeqs: 16, maxNumBatchedTokens: 1024 },
      onIteration: (r) => {
        const seqs = [...r.scheduler.running, ...r.scheduler.waiting.toArray()];
        expect(r.outstandingTokens).toBe(seqs.reduce((n, s) => n + s.outstandingTokens, 0));
        expect(r.outstandingRequests).toBe(seqs.length);
        checks++;
      },
    });
    for (const r of requests) replica.submit(r);
    expect(replica.outstandingTokens).toBe(40 * 350);
    sim.run();
    expect(checks).toBe(replica.iterations);
    expect(replica.outstandingTokens).toBe(0);
    expect(replica.outstandingRequests).toBe(0);
    expect(log.finished).toBe(40);
  });

  it("two replicas on one simulator and log: a prefill pool hands KV to a decode pool", () => {
    const sim = new Simulator();
    const requests = spaced(
      Array.from({ length: 30 }, (_, i) => [200 + 37 * i, 5 + (i % 7) * 10] as [number, number]),
      0.05,
    );
    const log = new RequestLog(requests, { keepTokenTimes: true });
    const transferS = 0.004;
    const decode = new Replica(sim, {
      profile: h100,
      model: llama8b,
      log,
      name: "decode",
      startS: 0,
    });
    const prefill = new Replica(sim, {
      profile: h100,
      model: llama8b,
      log,
      name: "prefill",
      startS: 0,
      onPrefilled: (r, t) => {
        if (r.outputTokens > 1)
          sim.schedule(transferS, () => decode.submit(r, { prefilledAtS: t }));
      },
    });
    scheduleArrivals(sim, requests, (r) => prefill.submit(r, { prefillOnly: r.outputTokens > 1 }));
    sim.run();
    expect(log.finished).toBe(30);
    for (const r of requests) {
      expect(log.generated[r.id]).toBe(r.outputTokens);
      const times = log.tokenTimes?.[r.id] as number[];
      expect(times.length).toBe(r.outputTokens);
      // The second token comes after the KV transfer, from the decode replica.
      if (r.outputTokens > 1)
        expect((times[1] as number) - (times[0] as number)).toBeGreaterThan(transferS);
    }
    const endS = Math.max(...log.finishS);
    prefill.finish(endS);
    decode.finish(endS);
    const result = servingResult(log, PowerTimeline.sum([prefill.power, decode.power]), {
      gpus: 2,
      nodePowerW: 0,
      preemptions: 0,
      iterations: prefill.iterations + decode.iterations,
      batchSequences: prefill.batchSequences + decode.batchSequences,
      clockSwitches: 0,
    });
    expect(result.gpuEnergyJ).toBeCloseTo(prefill.power.energyJ() + decode.power.energyJ(), 6);
    // Both replicas were alive for the whole window: at least two idle GPUs' worth of power.
    expect(result.avgGpuPowerW).toBeGreaterThan(2 * h100.power.idleW);
    expect(result.outputTokens).toBe(requests.reduce((n, r) => n + r.outputTokens, 0));
  });
});
