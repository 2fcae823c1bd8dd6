/**
 * The low-idle what-if moves the numbers idle power should move: on a sparse trace the GPUs wait
 * between requests (idle power) and between iterations (host overhead, at blocking power); the
 * hypothetical part halves both, so its GPU energy is lower by half of what the plain H100
 * spends in those two states, and the busy energy and latencies stay (nearly) the same.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import type { ServingSweep } from "../../src/optimize/serving/sweep-serving.js";
import { sweepServing } from "../../src/optimize/serving/sweep-serving.js";
import type { ServingScenario } from "../../src/scenario/load-serving-scenario.js";

const FILE = join("scenarios", "what-if-low-idle.yaml");
const TEXT = readFileSync(FILE, "utf8").replace("trace:\n", "trace:\n  limit: 300\n");

function sweep(hardware: string): ServingSweep {
  const s = parseScenario(TEXT.replace(/^hardware: .*$/m, `hardware: ${hardware}`), FILE);
  return sweepServing(s as ServingScenario);
}

describe("what-if-low-idle", () => {
  const low = sweep("hypothetical-h100-lowidle");
  const plain = sweep("h100-sxm");

  it("idles visibly on its sparse trace, more with more replicas", () => {
    const shares = low.points.map((p) => p.result.gpuIdleShare);
    expect(shares[0]).toBeGreaterThan(0.05);
    expect(shares[1]).toBeGreaterThan(shares[0] as number);
    expect(shares[2]).toBeGreaterThan(shares[1] as number);
  });

  it("saves half of the plain H100's idle and host-overhead energy, nothing else", () => {
    plain.points.forEach((p, i) => {
      const l = low.points[i]!.result;
      const r = p.result;
      const waiting = r.gpuIdleEnergyJ + r.gpuOverheadEnergyJ;
      expect(l.gpuEnergyJ).toBeLessThan(r.gpuEnergyJ);
      expect(Math.abs(r.gpuEnergyJ - l.gpuEnergyJ - waiting / 2)).toBeLessThan(0.01 * waiting);
      // The cap controller's window sees the lower idle power, so a few iterations may run a step
      // faster: busy energy and latency move by well under 0.1%.
      expect(Math.abs(l.gpuBusyEnergyJ / r.gpuBusyEnergyJ - 1)).toBeLessThan(1e-3);
      expect(Math.abs(l.itlS.p50 / r.itlS.p50 - 1)).toBeLessThan(1e-3);
    });
  });

  it("says so in its output: the idle share of GPU energy per point", async () => {
    const out = await runScenario(parseScenario(TEXT, FILE));
    expect(out.text).toMatch(/GPU energy idle/);
    expect(out.text).toMatch(/idle \(gaps between requests\) \d+\.\d% of GPU energy/);
  });
});
