/**
 * Loading `kind: serving` scenarios (parseScenario / loadScenario): trace files relative to the
 * scenario, synthetic traces, sweep expansion, and problems reported at their YAML position or at
 * the trace file's line; a model too big for its GPUs is a clear InputError when run.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { ServingResult } from "../../src/replay/serving/metrics/metrics.js";
import { InputErrors } from "../../src/input/input-error.js";
import { loadScenario, parseScenario as parseAny } from "../../src/scenario/load-scenario.js";
import type { ServingScenario } from "../../src/scenario/load-serving-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { inputError } from "../input/input-error-helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SLICE = join(ROOT, "data", "traces", "azure_conv_2023_slice.csv");

const tmp = mkdtempSync(join(tmpdir(), "wattif-serving-scenario-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The slice's rows: 1-based file line, prompt and output tokens (header on line 1). */
const SLICE_ROWS = readFileSync(SLICE, "utf8")
  .split(/\r?\n/)
  .map((text, i) => ({ line: i + 1, cells: text.split(",") }))
  .slice(1)
  .filter((r) => r.cells.length === 3)
  .map((r) => ({ line: r.line, input: Number(r.cells[1]), output: Number(r.cells[2]) }));

/** A scenario file in the temp folder (named `name`), as YAML lines. */
function scenarioFile(name: string, ...lines: string[]): string {
  const file = join(tmp, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

function serving(text: string, file = join(tmp, "inline.yaml")): ServingScenario {
  const s = parseAny(text, file);
  if (s.kind !== "serving") throw new Error(`expected a serving scenario, got ${s.kind}`);
  return s;
}

const yaml = (...lines: string[]) => lines.join("\n") + "\n";

const HEAD = ["kind: serving", "hardware: h100-sxm", "model: llama3-8b"];
const SYNTHETIC = [
  "trace:",
  "  synthetic:",
  "    arrivals: {kind: all-at-zero}",
  "    lengths: {input: {kind: fixed, tokens: 200}, output: {kind: fixed, tokens: 400}}",
  "    count: 100",
];

describe("serving scenarios: traces", () => {
  it("loads a trace file by absolute path, with the defaults filled in", () => {
    const file = scenarioFile(
      "abs.yaml",
      "kind: serving",
      "name: abs",
      "hardware: h100-sxm",
      "model: llama3-8b",
      "trace:",
      `  file: ${SLICE}`,
    );
    const s = loadScenario(file) as ServingScenario;
    expect(s.kind).toBe("serving");
    expect(s.name).toBe("abs");
    expect(s.file).toBe(file);
    expect(s.profile.name).toBe("h100-sxm");
    expect(s.model.name).toBe("llama3-8b");
    expect(s.trace.source).toBe(SLICE);
    expect(s.trace.requests.length).toBe(SLICE_ROWS.length);
    expect(s.trace.requests.map((r) => r.line)).toEqual(SLICE_ROWS.map((r) => r.line));
    expect(s.trace.requests[0]?.arrivalS).toBe(0);
    expect(s.trace.skippedTooLong).toBe(0);
    // No sweep: one run at the scenario's own settings.
    expect(s.points).toEqual([]);
    expect(s.cluster).toEqual({
      tp: 1,
      replicas: 1,
      router: "least-outstanding-tokens",
      disaggregation: undefined,
    });
    expect(s.policy).toEqual({ kind: "default" });
    expect(s.engine).toEqual({ profile: s.engineProfile });
    expect(s.engineProfile.name).toBe("vllm-0.11"); // the default engine profile
    expect(s.frontier).toEqual({ energy: "gpuEnergyPerOutputTokenJ", latency: "itlS.p50" });
    expect(s.outputDir).toBe("results/abs");
  });

  it("resolves a relative trace path against the scenario file's folder, not the cwd", () => {
    mkdirSync(join(tmp, "nested", "traces"), { recursive: true });
    copyFileSync(SLICE, join(tmp, "nested", "traces", "conv.csv"));
    const file = scenarioFile("nested/rel.yaml", ...HEAD, "trace:", "  file: traces/conv.csv");
    const s = loadScenario(file) as ServingScenario;
    expect(s.trace.source).toBe(join(tmp, "nested", "traces", "conv.csv"));
    expect(s.trace.requests.length).toBe(SLICE_ROWS.length);
    // The same text parsed as if it sat elsewhere looks for the trace there.
    const e = inputError(() => serving(readFileSync(file, "utf8"), join(tmp, "elsewhere.yaml")));
    expect(e.message).toContain(join(tmp, "traces", "conv.csv"));
    // A path going up from the scenario's folder to the shipped slice.
    const up = relative(join(tmp, "nested"), SLICE);
    expect(up.startsWith("..")).toBe(true);
    const s2 = serving(yaml(...HEAD, "trace:", `  file: ${up}`), join(tmp, "nested", "up.yaml"));
    expect(s2.trace.source).toBe(SLICE);
    expect(s2.trace.requests.length).toBe(SLICE_ROWS.length);
  });

  it("draws a synthetic trace: 100 requests at t = 0 with 200 prompt and 400 output tokens", () => {
    const s = serving(yaml(...HEAD, ...SYNTHETIC));
    expect(s.trace.requests.length).toBe(100);
    expect(s.trace.source).toBeUndefined();
    s.trace.requests.forEach((r, i) => {
      expect(r).toEqual({ id: i, arrivalS: 0, inputTokens: 200, outputTokens: 400 });
    });
  });

  it("seeds random synthetic traces from the scenario seed", () => {
    const poisson = (seed: number) =>
      serving(
        yaml(
          ...HEAD,
          `seed: ${seed}`,
          "trace:",
          "  synthetic:",
          "    arrivals: {kind: poisson, ratePerS: 5}",
          "    lengths: {input: {kind: uniform, min: 10, max: 900}, output: {kind: lognormal, median: 50, sigma: 1}}",
          "    count: 50",
        ),
      ).trace.requests;
    expect(poisson(1)).toEqual(poisson(1));
    expect(poisson(1)).not.toEqual(poisson(2));
    for (const r of poisson(1)) {
      expect(r.inputTokens).toBeGreaterThanOrEqual(10);
      expect(r.inputTokens).toBeLessThanOrEqual(900);
    }
  });

  it("the single-point run of a synthetic scenario serves all 100 requests", async () => {
    const outcome = await runScenario(serving(yaml(...HEAD, ...SYNTHETIC)));
    const r = outcome.json as ServingResult;
    expect(r.requests).toBe(100);
    expect(r.outputTokens).toBe(40_000);
    expect(r.inputTokens).toBe(20_000);
    expect(r.gpus).toBe(1);
    expect(Object.keys(outcome.files).sort()).toEqual([
      "frontier.csv",
      "latency-cdf.csv",
      "points.csv",
      "points.jsonl",
      "summary.json",
    ]);
  });
});

describe("serving scenarios: sweeps", () => {
  it("takes the cross product freqMHz x powerCapW x maxNumSeqs, clocks outermost", () => {
    const s = serving(
      yaml(
        ...HEAD,
        ...SYNTHETIC,
        "sweep:",
        "  freqMHz: [1980, 1200, 900]",
        "  powerCapW: [700, 500]",
        "  maxNumSeqs: [8, 64, 256, 512]",
      ),
    );
    expect(s.points.length).toBe(3 * 2 * 4);
    expect(s.points.slice(0, 5)).toEqual([
      { freqMHz: 1980, powerCapW: 700, maxNumSeqs: 8 },
      { freqMHz: 1980, powerCapW: 700, maxNumSeqs: 64 },
      { freqMHz: 1980, powerCapW: 700, maxNumSeqs: 256 },
      { freqMHz: 1980, powerCapW: 700, maxNumSeqs: 512 },
      { freqMHz: 1980, powerCapW: 500, maxNumSeqs: 8 },
    ]);
    expect(s.points[23]).toEqual({ freqMHz: 900, powerCapW: 500, maxNumSeqs: 512 });
    const keys = new Set(s.points.map((p) => JSON.stringify(p)));
    expect(keys.size).toBe(24);
  });

  it("expands freqMHz: grid to every clock of the profile, times the other axes", () => {
    const s = serving(
      yaml(...HEAD, ...SYNTHETIC, "sweep:", "  freqMHz: grid", "  replicas: [1, 2]"),
    );
    const grid = s.profile.clocks.smMHz;
    expect(s.points.length).toBe(grid.length * 2);
    expect(s.points.map((p) => p.freqMHz)).toEqual(grid.flatMap((f) => [f, f]));
    expect(s.points.map((p) => p.replicas).slice(0, 4)).toEqual([1, 2, 1, 2]);
  });
});

describe("serving scenarios: positioned errors", () => {
  it("an unknown model is placed on the `model` value", () => {
    const e = inputError(() =>
      serving(yaml("kind: serving", "hardware: h100-sxm", "model: llama9-8b", ...SYNTHETIC)),
    );
    expect(e.file).toBe(join(tmp, "inline.yaml"));
    expect([e.line, e.col]).toEqual([3, 8]);
    expect(e.path).toBe("model");
    expect(e.message).toMatch(/unknown model 'llama9-8b'.*llama3-8b/);
  });

  it("a shipped Hugging Face config loads by 'hf:' id, a config.json by relative path", () => {
    const s = serving(
      yaml("kind: serving", "hardware: h100-sxm", "model: hf:Qwen/Qwen3-8B", ...SYNTHETIC),
    );
    expect(s.model).toMatchObject({ name: "Qwen/Qwen3-8B", layers: 36, ffn: 12288 });
    const dir = join(tmp, "own-model");
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(ROOT, "models/hf/Qwen__Qwen3-8B/config.json"), join(dir, "config.json"));
    const file = scenarioFile(
      "own-model/s.yaml",
      "kind: serving",
      "hardware: h100-sxm",
      "model: config.json",
      ...SYNTHETIC,
    );
    expect(loadScenario(file)).toMatchObject({ model: { layers: 36, hidden: 4096 } });
  });

  it("precision overrides the config's weight and KV formats", () => {
    const s = serving(yaml(...HEAD, "precision: {weights: fp8, kvCache: fp8}", ...SYNTHETIC));
    expect(s.model).toMatchObject({ weightDtype: "fp8", kvDtype: "fp8", dtype: "bf16" });
  });

  it("moe knobs reach an MoE model and are refused for a dense one", () => {
    const s = serving(
      yaml(
        "kind: serving",
        "hardware: h100-sxm",
        "model: hf:Qwen/Qwen3-30B-A3B",
        "moe: {expertParallel: true, routingZipfExponent: 0.5}",
        "cluster: {tp: 2}",
        ...SYNTHETIC,
      ),
    );
    expect(s.model.moe).toMatchObject({
      experts: 128,
      expertParallel: true,
      routingZipfExponent: 0.5,
    });
    const e = inputError(() => serving(yaml(...HEAD, "moe: {expertParallel: true}", ...SYNTHETIC)));
    expect([e.line, e.path]).toEqual([4, "moe"]);
    expect(e.message).toMatch(/has no mixture-of-experts layers/);
  });

  it("speculative: the block reaches the engine; its problems are placed on their lines", () => {
    const s = serving(
      yaml(
        ...HEAD,
        "speculative: {method: draft, k: 2, acceptance: 0.7, draftModel: llama3-8b}",
        ...SYNTHETIC,
      ),
    );
    expect(s.engine.speculative).toMatchObject({ method: "draft", k: 2, acceptance: 0.7, seed: 0 });
    expect(s.engine.speculative?.draftModel?.name).toBe("llama3-8b");
    const short = inputError(() =>
      serving(
        yaml(
          ...HEAD,
          "speculative:",
          "  method: ngram",
          "  k: 3",
          "  acceptance: [0.9, 0.5]",
          ...SYNTHETIC,
        ),
      ),
    );
    expect([short.line, short.path]).toEqual([7, "speculative.acceptance"]);
    expect(short.message).toMatch(/needs 3 rates/);
    const noDraft = inputError(() =>
      serving(yaml(...HEAD, "speculative: {method: draft, k: 2, acceptance: 0.7}", ...SYNTHETIC)),
    );
    expect(noDraft.message).toMatch(/needs a draftModel/);
    const badRate = inputError(() =>
      serving(yaml(...HEAD, "speculative: {method: mtp, k: 1, acceptance: 1.5}", ...SYNTHETIC)),
    );
    expect(badRate.path).toMatch(/^speculative\.acceptance/);
  });

  it("a missing config file is placed on the `model` value", () => {
    const e = inputError(() =>
      serving(
        yaml("kind: serving", "hardware: h100-sxm", "model: nowhere/config.json", ...SYNTHETIC),
      ),
    );
    expect([e.line, e.col, e.path]).toEqual([3, 8, "model"]);
    expect(e.message).toMatch(/cannot read file: no such file/);
  });

  it("an off-grid clock in the sweep is placed on that list item", () => {
    const e = inputError(() =>
      serving(yaml(...HEAD, ...SYNTHETIC, "sweep:", "  freqMHz: [1980, 1201, 1200]")),
    );
    expect(e.path).toBe("sweep.freqMHz[1]");
    expect([e.line, e.col]).toEqual([10, 19]);
    expect(e.message).toContain("1201 MHz is not on h100-sxm's clock grid");
  });

  it("caps outside the profile's limits, in the sweep and in the policy, all reported", () => {
    const e = inputError(() =>
      serving(
        yaml(
          ...HEAD,
          ...SYNTHETIC,
          "policy:",
          "  kind: powerCap",
          "  powerCapW: 150",
          "sweep:",
          "  powerCapW: [700, 800]",
        ),
      ),
    );
    expect(e).toBeInstanceOf(InputErrors);
    const all = (e as InputErrors).errors;
    expect(all.map((x) => [x.path, x.line])).toEqual([
      ["policy.powerCapW", 11],
      ["sweep.powerCapW[1]", 13],
    ]);
    expect(all[0]?.message).toContain("150 W is outside h100-sxm's limits 200-700 W");
    expect(all[1]?.message).toContain("800 W is outside h100-sxm's limits 200-700 W");
  });

  it("a bad trace row: the error names the trace file and line", () => {
    const lines = readFileSync(SLICE, "utf8").split("\n").slice(0, 6);
    lines[4] = lines[4]!.replace(/,(\d+),/, ",-$1,");
    const trace = join(tmp, "negative.csv");
    writeFileSync(trace, lines.join("\n") + "\n");
    const e = inputError(() => serving(yaml(...HEAD, "trace:", `  file: ${trace}`)));
    expect(e.file).toBe(trace);
    expect(e.line).toBe(5);
    expect(e.path).toBe("ContextTokens");
    expect(e.message).toMatch(/^.*negative\.csv:5:\d+: ContextTokens: must not be negative/);
  });

  it("a prompt longer than maxModelLen: reject (the default) names the row; skip counts it", () => {
    const tooLong = SLICE_ROWS.filter((r) => r.input + r.output > 512);
    expect(tooLong.length).toBeGreaterThan(0);
    const head = [...HEAD, "engine:", "  maxModelLen: 512", "trace:", `  file: ${SLICE}`];
    for (const extra of [[], ["  onTooLong: reject"]]) {
      const e = inputError(() => serving(yaml(...head, ...extra)));
      expect(e.file).toBe(SLICE);
      expect(e.line).toBe(tooLong[0]?.line);
      expect(e.path).toBe("ContextTokens");
      expect(e.message).toMatch(/exceed the model's context of 512 tokens.*onTooLong: skip/);
    }
    const s = serving(yaml(...head, "  onTooLong: skip"));
    expect(s.trace.skippedTooLong).toBe(tooLong.length);
    expect(s.trace.requests.length).toBe(SLICE_ROWS.length - tooLong.length);
    for (const r of s.trace.requests)
      expect(r.inputTokens + r.outputTokens).toBeLessThanOrEqual(512);
  });

  it("a synthetic prompt longer than maxModelLen is placed on the scenario's trace", () => {
    const e = inputError(() =>
      serving(yaml(...HEAD, "engine:", "  maxModelLen: 512", ...SYNTHETIC)),
    );
    expect(e.file).toBe(join(tmp, "inline.yaml"));
    expect(e.line).toBe(6);
    expect(e.message).toContain("600 tokens exceed the model's context of 512 tokens");
  });

  it("missing `trace`", () => {
    const e = inputError(() => serving(yaml(...HEAD)));
    expect(e.path).toBe("trace");
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/required property 'trace'/);
  });

  it("both `file` and `synthetic`, or neither", () => {
    const both = inputError(() => serving(yaml(...HEAD, ...SYNTHETIC, `  file: ${SLICE}`)));
    expect(both.path).toBe("trace");
    expect(both.line).toBe(4);
    expect(both.message).toContain("give exactly one of 'file' and 'synthetic'");
    const neither = inputError(() => serving(yaml(...HEAD, "trace:", "  limit: 10")));
    expect(neither.message).toContain("give exactly one of 'file' and 'synthetic'");
  });
});

describe("serving scenarios: a model that does not fit", () => {
  const big = (tp: number, ...extra: string[]) =>
    serving(
      yaml(
        "kind: serving",
        "hardware: h100-sxm",
        "model: llama3-70b",
        ...SYNTHETIC.slice(0, 4),
        "    count: 4",
        "cluster:",
        `  tp: ${tp}`,
        ...extra,
      ),
    );

  // Memory is checked when the scenario loads, at the line that set the TP.
  it("llama3-70b on one H100 is refused at load, at cluster.tp", () => {
    const e = inputError(() => big(1));
    expect(e.path).toBe("cluster.tp");
    expect(e.line).toBe(10);
    expect(e.message).toMatch(/model does not fit in GPU memory: llama3-70b on 1 x h100-sxm/);
    expect(e.message).toMatch(/weights 141\.\d GB/);
    expect(e.message).toContain("raise tp");
  });

  it("on two H100s (tp 2) the weights fit; the KV cache holds 8K-token sequences, not 128K", async () => {
    const e = inputError(() => big(2));
    expect(e.path).toBe("cluster.tp");
    expect(e.message).toMatch(
      /KV cache too small for one max-length sequence.*< maxModelLen 131072/,
    );
    const r = (await runScenario(big(2, "engine:", "  maxModelLen: 8192"))).json as ServingResult;
    expect(r.requests).toBe(4);
    expect(r.gpus).toBe(2);
  });
});
