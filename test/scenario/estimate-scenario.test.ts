/**
 * Loading `kind: estimate` scenarios (parseScenario / loadScenario): sweep expansion, the checks a
 * schema cannot express, each at its YAML position, profile paths relative to the scenario, and a
 * property: any mutation of the quickstart ends in a Scenario or an InputError, never a crash.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { applyMutation, mutationArb } from "./yaml-mutations.js";
import { afterAll, describe, expect, it } from "vitest";
import { InputError, InputErrors } from "../../src/input/input-error.js";
import type { EstimateScenario } from "../../src/scenario/load-estimate-scenario.js";
import { loadScenario, parseScenario as parseAny } from "../../src/scenario/load-scenario.js";
import { inputError } from "../input/input-error-helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// The estimate example that was the quickstart before the serving quickstart replaced it.
const QUICKSTART_FILE = join(ROOT, "scenarios", "h100-prefill-clocks-caps.yaml");
const QUICKSTART = readFileSync(QUICKSTART_FILE, "utf8");
const H100_PROFILE = join(ROOT, "hardware-profiles", "h100-sxm.yaml");

/** h100-sxm: 345..1980 MHz in 15 MHz steps; power limit 200-700 W. */
const H100_CLOCKS = 110;
const H100_CAP_GRID = 21; // 700, 675, ..., 200

const tmp = mkdtempSync(join(tmpdir(), "wattif-scenario-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A scenario from lines of YAML (file name used in messages: `test.yaml`). */
/** These tests load estimate scenarios only. */
function parseScenario(text: string, file: string): EstimateScenario {
  const s = parseAny(text, file);
  if (s.kind !== "estimate") throw new Error(`expected an estimate scenario, got ${s.kind}`);
  return s;
}

function scenario(...lines: string[]): EstimateScenario {
  return parseScenario(lines.join("\n") + "\n", "test.yaml");
}

const HEAD = ["kind: estimate", "hardware: h100-sxm"];
const PREFILL = ["workload: { model: llama3-8b, phase: prefill, batch: 1, seq: 2048 }"];

const errorsOf = (e: InputError): readonly InputError[] =>
  e instanceof InputErrors ? e.errors : [e];

describe("parseScenario: the quickstart", () => {
  it("expands {from, to, step} x list into the cross product, clocks outermost", () => {
    const s = parseScenario(QUICKSTART, "scenarios/h100-prefill-clocks-caps.yaml");
    expect(s.kind).toBe("estimate");
    expect(s.name).toBe("h100-prefill-clocks-caps");
    expect(s.profile.name).toBe("h100-sxm");
    expect(s.workload).toEqual({ model: "llama3-8b", phase: "prefill", batch: 1, seq: 2048 });
    expect(s.outputDir).toBe("results/h100-prefill-clocks-caps");
    // 1980 down to 810 in 90 MHz steps: 14 clocks; 9 caps.
    expect(s.points).toHaveLength(14 * 9);
    expect(s.points[0]).toEqual({ lockedMHz: 1980, powerCapW: 700 });
    expect(s.points[8]).toEqual({ lockedMHz: 1980, powerCapW: 300 });
    expect(s.points[9]).toEqual({ lockedMHz: 1890, powerCapW: 700 });
    expect(s.points.at(-1)).toEqual({ lockedMHz: 810, powerCapW: 300 });
  });
});

describe("parseScenario: sweep expansion", () => {
  it("a list keeps the order written; a missing axis is left at the default", () => {
    const s = scenario(...HEAD, ...PREFILL, "sweep:", "  freqMHz: [1410, 1980, 1200]");
    expect(s.points).toEqual([
      { lockedMHz: 1410, powerCapW: undefined },
      { lockedMHz: 1980, powerCapW: undefined },
      { lockedMHz: 1200, powerCapW: undefined },
    ]);
  });

  it("{from, to, step} is inclusive in either direction", () => {
    const up = scenario(
      ...HEAD,
      ...PREFILL,
      "sweep: { freqMHz: { from: 1200, to: 1500, step: 150 } }",
    );
    expect(up.points.map((p) => p.lockedMHz)).toEqual([1200, 1350, 1500]);
    const down = scenario(
      ...HEAD,
      ...PREFILL,
      "sweep: { powerCapW: { from: 700, to: 610, step: 30 } }",
    );
    expect(down.points.map((p) => p.powerCapW)).toEqual([700, 670, 640, 610]);
    // A `to` between steps stops at the last step inside.
    const short = scenario(
      ...HEAD,
      ...PREFILL,
      "sweep: { freqMHz: { from: 1200, to: 1290, step: 60 } }",
    );
    expect(short.points.map((p) => p.lockedMHz)).toEqual([1200, 1260]);
  });

  it('"grid" gives every clock of the profile and the cap range in 25 W steps', () => {
    const clocks = scenario(...HEAD, ...PREFILL, "sweep: { freqMHz: grid }");
    expect(clocks.points).toHaveLength(H100_CLOCKS);
    expect(clocks.points.map((p) => p.lockedMHz)).toEqual([...clocks.profile.clocks.smMHz]);
    const caps = scenario(...HEAD, ...PREFILL, "sweep: { powerCapW: grid }");
    expect(caps.points.map((p) => p.powerCapW)).toEqual(
      Array.from({ length: H100_CAP_GRID }, (_, i) => 700 - 25 * i),
    );
    const both = scenario(...HEAD, ...PREFILL, "sweep: { freqMHz: grid, powerCapW: grid }");
    expect(both.points).toHaveLength(H100_CLOCKS * H100_CAP_GRID);
  });

  it("an operating point fills the axis the sweep leaves out", () => {
    const s = scenario(
      ...HEAD,
      ...PREFILL,
      "operatingPoint: { freqMHz: 1410 }",
      "sweep: { powerCapW: [600, 400] }",
    );
    expect(s.points).toEqual([
      { lockedMHz: 1410, powerCapW: 600 },
      { lockedMHz: 1410, powerCapW: 400 },
    ]);
  });

  it("without a sweep there is one point: the operating point, or the defaults", () => {
    expect(scenario(...HEAD, ...PREFILL).points).toEqual([
      { lockedMHz: undefined, powerCapW: undefined },
    ]);
    expect(scenario(...HEAD, ...PREFILL, "operatingPoint: { powerCapW: 450 }").points).toEqual([
      { lockedMHz: undefined, powerCapW: 450 },
    ]);
  });

  it("refuses a runaway range before expanding it", () => {
    const e = inputError(() =>
      scenario(
        ...HEAD,
        ...PREFILL,
        "sweep:",
        "  freqMHz: { from: 345, to: 1980, step: 0.0000001 }",
      ),
    );
    expect(e.format()).toMatch(/^test\.yaml:4:1: sweep: \d+ clocks x 1 caps is too many points/);
  });

  it("refuses a cap sweep on a part without a power limit", () => {
    const e = inputError(() =>
      scenario(
        "kind: estimate",
        "hardware: tpu-v5p-like",
        ...PREFILL,
        "sweep: { powerCapW: grid }",
      ),
    );
    expect(e.format()).toMatch(/^test\.yaml:4:21: sweep\.powerCapW: tpu-v5p-like has no settable/);
  });
});

describe("parseScenario: decode on a serving engine's kernel", () => {
  const DECODE = (extra: string) =>
    scenario(
      ...HEAD,
      `workload: { model: llama3-8b, phase: decode, batch: 8, context: 512${extra} }`,
    );

  it("takes vllm-0.11's decode attention by default, none with engine: ideal", () => {
    const w = DECODE("").workload as { engine?: { name: string } };
    expect(w.engine?.name).toBe("vllm-0.11");
    expect((DECODE(", engine: ideal").workload as { engine?: unknown }).engine).toBeUndefined();
  });

  it("places an unknown engine and an engine on a prefill at the field", () => {
    expect(inputError(() => DECODE(", engine: nope")).format()).toMatch(
      /^test\.yaml:3:\d+: workload\.engine: .*nope/,
    );
    const e = inputError(() =>
      scenario(
        ...HEAD,
        "workload: { model: llama3-8b, phase: prefill, batch: 1, seq: 8, engine: vllm-0.11 }",
      ),
    );
    expect(e.format()).toMatch(
      /^test\.yaml:3:\d+: workload\.engine: applies to phase 'decode' only/,
    );
  });
});

describe("parseScenario: positioned errors", () => {
  it("names the field a phase needs, at the workload", () => {
    const e = inputError(() =>
      scenario(...HEAD, "workload:", "  model: llama3-8b", "  phase: decode", "  batch: 8"),
    );
    expect(e.format()).toBe("test.yaml:3:1: workload: phase 'decode' needs 'context'");
    expect(e.code).toBe("SCHEMA");
  });

  it("names every field a kernel needs", () => {
    const e = inputError(() => scenario(...HEAD, "workload: { op: gemm, m: 64 }"));
    expect(errorsOf(e).map((x) => x.format())).toEqual([
      "test.yaml:3:11: workload: op 'gemm' needs 'n'",
      "test.yaml:3:11: workload: op 'gemm' needs 'k'",
    ]);
  });

  it("places a schema violation on the field itself", () => {
    const e = inputError(() =>
      scenario(
        ...HEAD,
        "workload:",
        "  model: llama3-8b",
        "  phase: prefill",
        "  batch: -3",
        "  seq: 8",
      ),
    );
    expect(e.format()).toBe("test.yaml:6:10: workload.batch: must be >= 1");
  });

  it("reports an unknown model with the known ones", () => {
    const e = inputError(() =>
      scenario(
        ...HEAD,
        "workload:",
        "  model: llama9",
        "  phase: prefill",
        "  batch: 1",
        "  seq: 8",
      ),
    );
    expect(e.format()).toMatch(
      /^test\.yaml:4:10: workload\.model: unknown model 'llama9' \(built-in: llama3-8b, .*\)$/,
    );
  });

  it("takes a shipped Hugging Face config, or a config.json path relative to the scenario", () => {
    const hf = scenario(
      ...HEAD,
      "workload: { model: hf:Qwen/Qwen3-8B, phase: decode, batch: 8, context: 512 }",
    );
    expect(hf.workload).toMatchObject({ model: "hf:Qwen/Qwen3-8B" });
    const dir = join(tmp, "hf-path");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "config.json"),
      readFileSync(join(ROOT, "models", "hf", "Qwen__Qwen3-8B", "config.json"), "utf8"),
    );
    const file = join(dir, "s.yaml");
    const s = parseScenario(
      [...HEAD, "workload: { model: config.json, phase: prefill, batch: 1, seq: 64 }"].join("\n"),
      file,
    );
    // Made absolute, so the work resolves the same file from any working directory.
    expect(s.workload).toMatchObject({ model: join(dir, "config.json") });
  });

  it("an unknown architecture in a config is reported in the config, naming the field", () => {
    const dir = join(tmp, "t5");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "config.json"), '{\n  "model_type": "t5"\n}\n');
    const e = inputError(() =>
      parseScenario(
        [...HEAD, "workload: { model: config.json, phase: prefill, batch: 1, seq: 64 }"].join("\n"),
        join(dir, "s.yaml"),
      ),
    );
    expect(e.format()).toMatch(/config\.json:2:17: model_type: unknown architecture 't5'/);
  });

  it("reports an unknown hardware profile with the known ones", () => {
    const e = inputError(() => scenario("kind: estimate", "hardware: h999", ...PREFILL));
    expect(e.format()).toMatch(
      /^test\.yaml:2:11: hardware: unknown hardware profile 'h999' \(known: .*h100-sxm.*\)$/,
    );
    expect(e.code).toBe("UNKNOWN_PROFILE");
  });

  it("reports the model and the clock together", () => {
    const e = inputError(() =>
      scenario(
        ...HEAD,
        "workload: { model: nope, phase: prefill, batch: 1, seq: 8 }",
        "operatingPoint: { freqMHz: 1000 }",
      ),
    );
    expect(errorsOf(e).map((x) => x.path)).toEqual(["workload.model", "operatingPoint.freqMHz"]);
  });

  it("reports an unknown kind at the kind", () => {
    const e = inputError(() => scenario("kind: inference", "hardware: h100-sxm"));
    expect(e.format()).toBe(
      "test.yaml:1:7: kind: unknown kind 'inference' (one of: estimate, training, serving, zeus, capacity)",
    );
  });
});

describe("a hardware path is relative to the scenario file", () => {
  const dir = join(tmp, "project");
  mkdirSync(join(dir, "profiles"), { recursive: true });
  // A what-if part next to the scenario, extending a built-in profile.
  writeFileSync(
    join(dir, "profiles", "my-gpu.yaml"),
    [
      "schemaVersion: 1",
      "name: my-gpu",
      "displayName: My GPU",
      "extends: h100-sxm",
      "power:",
      '  idleW: { value: 60, source: assumed, ref: "what-if" }',
    ].join("\n") + "\n",
  );
  const write = (name: string, hardware: string): string => {
    const file = join(dir, name);
    writeFileSync(file, ["kind: estimate", `hardware: ${hardware}`, ...PREFILL].join("\n") + "\n");
    return file;
  };

  it("finds `profiles/my-gpu.yaml` next to the scenario, whatever the working directory", () => {
    const s = loadScenario(write("a.yaml", "profiles/my-gpu.yaml"));
    if (s.kind !== "estimate") throw new Error("expected an estimate scenario");
    expect(s.profile.name).toBe("my-gpu");
    expect(s.profile.power.idleW).toBe(60);
  });

  it("resolves ./ and ../ from the scenario's folder", () => {
    mkdirSync(join(dir, "scenarios"), { recursive: true });
    const file = join(dir, "scenarios", "b.yaml");
    writeFileSync(
      file,
      ["kind: estimate", "hardware: ../profiles/my-gpu.yaml", ...PREFILL].join("\n"),
    );
    expect((loadScenario(file) as EstimateScenario).profile.name).toBe("my-gpu");
    const text = ["kind: estimate", "hardware: ./my-gpu.yaml", ...PREFILL].join("\n");
    expect(parseScenario(text, join(dir, "profiles", "c.yaml")).profile.name).toBe("my-gpu");
  });

  it("takes an absolute path as it is", () => {
    expect((loadScenario(write("d.yaml", H100_PROFILE)) as EstimateScenario).profile.name).toBe(
      "h100-sxm",
    );
  });

  it("does not look the path up in the working directory", () => {
    // hardware-profiles/h200.yaml exists under the repository root (the tests' cwd), not here.
    const e = inputError(() => loadScenario(write("e.yaml", "hardware-profiles/h200.yaml")));
    expect(e.format()).toMatch(
      /e\.yaml:2:11: hardware: cannot load profile 'hardware-profiles\/h200\.yaml': cannot read file: no such file$/,
    );
  });

  it("still takes a bare name as a built-in profile", () => {
    expect((loadScenario(write("f.yaml", "h200")) as EstimateScenario).profile.name).toBe("h200");
  });
});

describe("property: mutated scenarios load or fail with an InputError", () => {
  const lines = QUICKSTART.split("\n");
  const TOKENS = [
    ":",
    " ",
    "  ",
    "\n",
    "-",
    "- ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "'",
    '"',
    "#",
    "&a ",
    "*a",
    "!!str ",
    "0",
    "-1",
    "1e400",
    ".nan",
    ".inf",
    "~",
    "null",
    "grid",
    "|",
    ">",
    "\t",
    "?",
    "%",
    "@",
    "\u00e9",
    "kind: estimate",
    "step: 0.5",
    "batch: 0",
    "phase: decode",
    "op: gemm",
    "model: gpt3-175b",
    "hardware: a40",
    "hardware: ./x.yaml",
    "tp: 8",
    "layers: 99",
    "freqMHz: 1000",
    "powerCapW: grid",
  ];
  const mutation = mutationArb(TOKENS);
  const apply = applyMutation;

  it("never throws anything but an InputError", () => {
    expect(lines.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const text = mutations.reduce(apply, QUICKSTART);
        let s: EstimateScenario;
        try {
          s = parseScenario(text, QUICKSTART_FILE);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          expect(e.format().length).toBeGreaterThan(0);
          expect(e.format()).not.toContain("undefined");
          return;
        }
        expect(s.kind).toBe("estimate");
        expect(s.points.length).toBeGreaterThan(0);
        const grid = s.profile.clocks.smMHz;
        const limit = s.profile.powerLimit;
        for (const p of s.points) {
          if (p.lockedMHz !== undefined) expect(grid).toContain(p.lockedMHz);
          if (p.powerCapW !== undefined) {
            expect(limit).toBeDefined();
            expect(p.powerCapW).toBeGreaterThanOrEqual(limit?.minW ?? Infinity);
            expect(p.powerCapW).toBeLessThanOrEqual(limit?.maxW ?? -Infinity);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
