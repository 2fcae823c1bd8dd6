/**
 * The 2x-HBM what-if explains its effect: faster memory-bound decode steps lower ITL, but at the
 * same arrival rate fewer requests run at once, so there are more iterations of smaller batches,
 * each reading all the weights, and energy per output token rises. The output carries each of
 * those figures.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";

const FILE = join("scenarios", "what-if-2x-hbm.yaml");
const TEXT = readFileSync(FILE, "utf8").replace("trace:\n", "trace:\n  limit: 600\n");

interface Brief {
  latencyS: number;
  energy: number;
  avgGpuPowerW: number;
  iterations: number;
  avgBatchSequences: number;
}

describe("what-if-2x-hbm", async () => {
  const run = (hardware: string) =>
    runScenario(parseScenario(TEXT.replace(/^hardware: .*$/m, `hardware: ${hardware}`), FILE));
  const [wide, plain] = await Promise.all([run("hypothetical-h100-2xhbm"), run("h100-sxm")]);
  const d = (o: typeof wide) => (o.summary as { default: Brief }).default;

  it("decodes faster, in more iterations of smaller batches, at more energy per token", () => {
    expect(d(wide).latencyS).toBeLessThan(0.75 * d(plain).latencyS);
    expect(d(wide).iterations).toBeGreaterThan(d(plain).iterations);
    expect(d(wide).avgBatchSequences).toBeLessThan(d(plain).avgBatchSequences);
    expect(d(wide).energy).toBeGreaterThan(d(plain).energy);
  });

  it("prints the figures that explain it", () => {
    expect(wide.text).toMatch(/\d+ iterations of [\d.]+ sequences on average/);
    expect(wide.text).toMatch(/GPU power \(W\)/);
  });
});
