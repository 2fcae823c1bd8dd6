/**
 * Random edits of the training, serving and zeus example scenarios end in a scenario (which then
 * runs, when small) or an InputError with a readable message - never any other exception.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/input/input-error.js";
import { parseScenario, type Scenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { applyMutation, mutationArb } from "./yaml-mutations.js";

const SCENARIOS = resolve("scenarios");

/** A small serving scenario (a synthetic trace of 40 requests) so runs stay fast. */
const SERVING = [
  "kind: serving",
  "name: tiny",
  "hardware: h100-sxm",
  "model: llama3-8b",
  "trace:",
  "  synthetic:",
  "    arrivals: { kind: poisson, ratePerS: 20 }",
  "    lengths:",
  "      input: { kind: uniform, min: 50, max: 400 }",
  "      output: { kind: fixed, tokens: 20 }",
  "    count: 40",
  "engine: { maxNumSeqs: 16 }",
  "cluster: { tp: 1, replicas: 2 }",
  "sweep:",
  "  freqMHz: [1980, 1200]",
].join("\n");

/** A small zeus scenario: two jobs on one GPU over 12 recurrences. */
const ZEUS = [
  "kind: zeus",
  "name: tiny-zeus",
  "trace: ../data/zeus",
  "workloads: [squad, { dataset: movielens-1m, maxEpochs: 50 }]",
  "gpus: [v100]",
  "eta: 0.5",
  "recurrences: 12",
  "seed: 3",
].join("\n");

const TOKENS = [
  "kind: zeus",
  "eta: 2",
  "recurrences: 0",
  "gpus: [a40, v100]",
  "workloads: [{ dataset: squad, targetMetric: 1 }]",
  "earlyStopBeta: 1",
  "kind: training",
  "kind: serving",
  "tp: 8",
  "replicas: 0",
  "maxNumSeqs: 0",
  "microbatches: 3",
  "schedule: interleaved",
  "schedule: custom",
  "straggler: 0.5",
  "model: llama3-70b",
  "hardware: tpu-v5p-like",
  "powerCapW: [100]",
  "disaggregation: { prefillReplicas: 1, decodeReplicas: 0 }",
  "onTooLong: skip",
  "maxModelLen: 64",
];

/** Small enough to run inside a property test. */
function small(s: Scenario): boolean {
  if (s.kind === "serving") return s.trace.requests.length <= 200 && s.points.length <= 4;
  if (s.kind === "zeus") return s.jobs.length * s.gpus.length <= 4 && (s.recurrences ?? 99) <= 30;
  return false;
}

async function check(text: string, file: string): Promise<void> {
  let s: Scenario;
  try {
    s = parseScenario(text, file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.format()).not.toContain("undefined");
    return;
  }
  if (!small(s)) return;
  try {
    const out = await runScenario(s);
    expect(Object.keys(out.files).length).toBeGreaterThan(0);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
}

describe("scenario mutations", () => {
  it("the unmutated small serving scenario parses and runs (the property is not vacuous)", async () => {
    const s = parseScenario(SERVING, join(SCENARIOS, "tiny.yaml"));
    expect(small(s)).toBe(true);
    const out = await runScenario(s);
    expect(Object.keys(out.files)).toContain("points.jsonl");
    const z = parseScenario(ZEUS, join(SCENARIOS, "tiny-zeus.yaml"));
    expect(small(z)).toBe(true);
    expect(Object.keys((await runScenario(z)).files)).toContain("replay.csv");
  });

  const cases: [string, string, string][] = [
    ["a small serving sweep", SERVING, join(SCENARIOS, "tiny.yaml")],
    ["a small zeus scenario", ZEUS, join(SCENARIOS, "tiny-zeus.yaml")],
    [
      "the Perseus training scenario",
      readFileSync(join(SCENARIOS, "perseus-gpt3-a100.yaml"), "utf8"),
      join(SCENARIOS, "perseus-gpt3-a100.yaml"),
    ],
    [
      "the disaggregation scenario",
      readFileSync(join(SCENARIOS, "disaggregated-vs-colocated.yaml"), "utf8"),
      join(SCENARIOS, "disaggregated-vs-colocated.yaml"),
    ],
  ];
  for (const [what, text, file] of cases) {
    it(`${what}: never ends in anything but a result or an InputError`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutationArb(TOKENS), { minLength: 1, maxLength: 3 }),
          async (ms) => {
            await check(ms.reduce(applyMutation, text), file);
          },
        ),
        {
          numRuns: 60,
          ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), verbose: 2 } : {}),
        },
      );
    });
  }
});
