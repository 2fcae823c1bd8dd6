import { describe, expect, it } from "vitest";
import { RngStream } from "../../../../src/core/rng.js";
import { createPolicy } from "../../../../src/replay/serving/policy/policies.js";
import { simulateReplica } from "../../../../src/replay/serving/cluster/serve-replica.js";
import { type ServeOptions } from "../../../../src/replay/serving/cluster/serve-inputs.js";
import { SloDynamicPolicy } from "../../../../src/replay/serving/policy/slo-dynamic-policy.js";
import { InputError } from "../../../../src/input/input-error.js";
import type { Request } from "../../../../src/workload/serving/request.js";
import { h100, llama8b, rel } from "../helpers.js";

/** Steady load: Poisson arrivals at `rate`/s for `durationS`, ~300-token prompts, ~150 out. */
function steady(rate: number, durationS: number): Request[] {
  const rng = new RngStream("policies");
  const out: Request[] = [];
  for (let t = rng.exponential(rate); t < durationS; t += rng.exponential(rate)) {
    out.push({
      id: out.length,
      arrivalS: t,
      inputTokens: 100 + rng.int(0, 400),
      outputTokens: 50 + rng.int(0, 200),
    });
  }
  return out;
}

const base: ServeOptions = { hardware: h100, model: llama8b, maxNumSeqs: 64 };
const load = steady(6, 90);

/** Share of multi-token requests whose TPOT meets `targetS`. */
function tpotMet(run: ReturnType<typeof simulateReplica>, targetS: number): number {
  let met = 0;
  let n = 0;
  for (const r of run.log.requests) {
    const k = run.log.generated[r.id] as number;
    if (k < 2) continue;
    n++;
    const tpot =
      ((run.log.finishS[r.id] as number) - (run.log.firstTokenS[r.id] as number)) / (k - 1);
    if (tpot <= targetS) met++;
  }
  return met / n;
}

describe("operating-point policies", () => {
  it("perPhase runs prompt iterations and decode-only iterations at their own clocks", () => {
    const seen = { prefill: new Set<number>(), decode: new Set<number>() };
    let kindChanges = 0;
    let lastKind: string | undefined;
    const run = simulateReplica(load, {
      ...base,
      policy: { kind: "perPhase", prefillMHz: 1200, decodeMHz: 900 },
      onIteration: (_r, it) => {
        seen[it.kind].add(it.freqMHz);
        if (lastKind !== undefined && it.kind !== lastKind) kindChanges++;
        lastKind = it.kind;
      },
    });
    expect([...seen.prefill]).toEqual([1200]);
    expect([...seen.decode]).toEqual([900]);
    // Every change of phase is a change of lock, and each one stalls the GPU.
    expect(run.result.clockSwitches).toBe(kindChanges);
    const stallJ = run.result.clockSwitches * h100.clocks.switchLatencyS * h100.power.idleW;
    expect(rel(run.result.gpuSwitchEnergyJ, stallJ)).toBeLessThan(1e-9);
  });

  it("sloDynamic lowers the clock under a loose TPOT target and saves energy", () => {
    const def = simulateReplica(load, base);
    let lastMHz = 0;
    const run = simulateReplica(load, {
      ...base,
      policy: { kind: "sloDynamic", targetTpotS: 0.03 },
      onIteration: (_r, it) => (lastMHz = it.freqMHz),
    });
    expect(lastMHz).toBeLessThan(1200);
    expect(run.result.gpuEnergyPerOutputTokenJ).toBeLessThan(
      0.9 * def.result.gpuEnergyPerOutputTokenJ,
    );
    expect(run.result.clockSwitches).toBeGreaterThan(5);
    expect(run.result.gpuSwitchEnergyJ).toBeGreaterThan(0);
    expect(run.result.tpotS.p50).toBeLessThan(0.03);
  });

  it("sloDynamic keeps TPOT under a tight target better than a fixed low clock", () => {
    const def = simulateReplica(load, base);
    const targetS = def.result.tpotS.p50 * 1.1;
    const dynamic = simulateReplica(load, {
      ...base,
      policy: { kind: "sloDynamic", targetTpotS: targetS },
    });
    const low = simulateReplica(load, { ...base, policy: { kind: "locked", lockedMHz: 900 } });
    expect(tpotMet(dynamic, targetS)).toBeGreaterThan(tpotMet(low, targetS) + 0.2);
    expect(tpotMet(dynamic, targetS)).toBeGreaterThan(0.5);
    // Still cheaper than never moving from the default clock.
    expect(dynamic.result.gpuEnergyJ).toBeLessThan(def.result.gpuEnergyJ);
  });

  it("steps by its options and evaluates once per interval", () => {
    const p = new SloDynamicPolicy(h100, { targetTpotS: 0.01, stepDownMHz: 90, stepUpMHz: 30 });
    const stats = { itlSumS: 0, itlCount: 0, iterations: 0 };
    expect(p.clockFor("decode", 0, stats).lockedMHz).toBe(1980);
    stats.itlSumS = 0.5; // 100 gaps of 5 ms: comfortably under 10 ms
    stats.itlCount = 100;
    expect(p.clockFor("decode", 0.5, stats).lockedMHz).toBe(1980); // not yet an interval
    expect(p.clockFor("decode", 1.0, stats).lockedMHz).toBe(1890);
    stats.itlSumS += 2; // 100 gaps of 20 ms: over
    stats.itlCount += 100;
    expect(p.clockFor("decode", 2.0, stats).lockedMHz).toBe(1920);
    expect(p.changes).toBe(2);
  });

  it("rejects clocks off the grid and caps outside the limits as InputErrors", () => {
    expect(() => createPolicy({ kind: "locked", lockedMHz: 1201 }, h100)).toThrow(InputError);
    expect(() => createPolicy({ kind: "powerCap", powerCapW: 100 }, h100)).toThrow(
      /policy.powerCapW/,
    );
    expect(() => createPolicy({ kind: "sloDynamic", targetTpotS: 0 }, h100)).toThrow(/targetTpotS/);
  });
});
