/**
 * The defaults the schemas state (and docs/scenarios.md prints) are the ones the loaders apply:
 * a minimal scenario of each kind, loaded, carries every literal `default` of its schema.
 */
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/load-scenario.js";
import { servingScenarioSchema as serving } from "../../src/scenario/serving-schema.js";
import { trainingScenarioSchema as training } from "../../src/scenario/training-schema.js";
import { resolveEngine } from "../../src/replay/serving/engine/engine-options.js";
import { packagePath } from "../../src/input/project-paths.js";

const FILE = packagePath("scenarios/minimal.yaml");

describe("schema defaults are the loaders' defaults", () => {
  it("serving", () => {
    const s = parseScenario(
      [
        "kind: serving",
        "hardware: h100-sxm",
        "model: llama3-8b",
        "trace:",
        "  synthetic:",
        "    arrivals: { kind: all-at-zero }",
        "    lengths: { input: { kind: fixed, tokens: 8 }, output: { kind: fixed, tokens: 8 } }",
        "    count: 2",
      ].join("\n"),
      FILE,
    );
    if (s.kind !== "serving") throw new Error("not a serving scenario");
    const p = serving.properties;
    expect(s.description).toBe(p.description.default);
    expect(s.seed).toBe(p.seed.default);
    expect(s.measure).toBe(p.measure.default);
    expect(s.cluster.tp).toBe(p.cluster.properties.tp.default);
    expect(s.cluster.replicas).toBe(p.cluster.properties.replicas.default);
    expect(s.cluster.router).toBe(p.cluster.properties.router.default);
    expect(s.frontier.energy).toBe(p.frontier.properties.energy.default);
    expect(s.frontier.latency).toBe(p.frontier.properties.latency.default);
    const e = resolveEngine(s.model, s.engine);
    const d = p.engine.properties;
    expect(e.maxNumSeqs).toBe(d.maxNumSeqs.default);
    expect(e.chunkedPrefill).toBe(d.chunkedPrefill.default);
    expect(e.blockTokens).toBe(d.blockTokens.default);
    expect(e.gpuMemoryUtilization).toBe(d.gpuMemoryUtilization.default);
    expect(e.activationReserveBytes).toBe(d.activationReserveBytes.default);
    expect(e.profile.name).toBe(d.profile.default);
  });

  it("training (model source)", () => {
    const s = parseScenario(
      "kind: training\nmodel: llama3-8b\nhardware: h100-sxm\nmicrobatches: 4\n",
      FILE,
    );
    if (s.kind !== "training" || s.job.source.kind !== "model") throw new Error("not a model job");
    const p = training.properties;
    expect(s.job.schedule).toBe(p.schedule.default);
    expect(s.job.chunks).toBe(p.chunks.default);
    expect(s.job.unitTimeS).toBe(p.unitTimeS.default);
    expect(s.job.pipelines).toBe(p.pipelines.default);
    expect(s.job.communication).toBe(p.communication.default);
    expect(s.job.source.stages).toBe(p.parallelism.properties.stages.default);
    expect(s.job.source.tp).toBe(p.parallelism.properties.tp.default);
    expect(s.job.source.microbatchSize).toBe(p.microbatchSize.default);
    expect(s.job.source.seqTokens).toBe(p.seq.default);
  });
});
