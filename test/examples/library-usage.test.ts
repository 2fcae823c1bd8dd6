/**
 * examples/library-usage.mjs imports "wattif" as an outside project would (the package's own
 * `exports`, resolved to the built dist/), and prints what the library computes: the same numbers
 * the source gives in-process.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("examples/library-usage.mjs", () => {
  const run = spawnSync(process.execPath, ["examples/library-usage.mjs"], {
    cwd: ROOT,
    encoding: "utf8",
  });

  it("runs through the package's public entry point", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("prints the estimates the library computes", () => {
    const h100 = api.loadProfile("h100-sxm");
    const decode = { model: "llama3-8b", phase: "decode", batch: 64, context: 1024 } as const;
    const d = api.estimate(h100, decode);
    const l = api.estimate(h100, decode, { lockedMHz: 1200 });
    expect(run.stdout).toContain(
      `default: ${(d.timeS * 1e3).toFixed(3)} ms ${d.gpuEnergyJ.toFixed(4)} J at ${d.freqMHz} MHz`,
    );
    expect(run.stdout).toContain(
      `locked 1200 MHz: ${(l.timeS * 1e3).toFixed(3)} ms ${l.gpuEnergyJ.toFixed(4)} J`,
    );
    // The lock saves energy on memory-bound decode: the example shows the trade-off it exists for.
    expect(l.gpuEnergyJ).toBeLessThan(d.gpuEnergyJ);
    expect(run.stdout).toMatch(/sweep: 49 points, \d+ on the frontier/);
    expect(run.stdout).toMatch(/training: baseline [\d.]+ s [\d.]+ J; \d+ frontier points/);
  });
});

describe("the public API", () => {
  it("exports the documented entry points and nothing undefined", () => {
    for (const name of [
      "loadProfile",
      "getModel",
      "loadTrace",
      "estimate",
      "sweepEstimate",
      "replayIteration",
      "serveCluster",
      "planTraining",
      "trainingFrontier",
      "paretoFrontier",
      "sweepResult",
      "loadScenario",
      "runScenario",
      "writeResultSet",
      "InputError",
      "zeusOracle",
      "replayZeus",
    ]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe("function");
    }
    for (const [name, value] of Object.entries(api)) expect(value, name).toBeDefined();
  });
});
