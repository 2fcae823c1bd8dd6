/**
 * Fuzzed input of every shipped kind (estimate, training and serving scenarios, hardware
 * profiles, stage profiles, engine profiles, traces), run through `wattif validate` and then
 * `wattif run` in this process: a seeded generator of mutants (numbers set to 0, -1, 1e308,
 * 1e-320, NaN-like text, huge integers; deleted lines; wrong types; unknown keys; truncated
 * files; bad CSV rows). Each must end in exit 0 or exit 2, never an internal error, and
 * `validate` must never pass an input that `run` then rejects. The exit-code table is printed.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const MUTANTS_PER_KIND = 40;

const dir = mkdtempSync(join(tmpdir(), "wattif-hostile-"));
const read = (p: string) => readFileSync(join(ROOT, p), "utf8");

const TRACE = read("data/traces/azure_conv_2023_slice.csv").split("\n").slice(0, 21).join("\n");
const STAGE_PROFILE = read("data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv");
const PROFILE = read("hardware-profiles/h100-sxm.yaml");
const ENGINE = read("engine-profiles/vllm-0.11.yaml");

const ESTIMATE = `kind: estimate
name: fuzz-estimate
hardware: h100-sxm.yaml
workload: { model: llama3-8b, phase: decode, batch: 64, context: 1024 }
sweep:
  freqMHz: [1980, 1200]
  powerCapW: [700, 400]
`;
const TRAINING = `kind: training
name: fuzz-training
stageProfile: stages.csv
schedule: 1f1b
microbatches: 4
pBlockingW: 83.64
unitTimeS: 0.001
straggler: 1.2
pipelines: 2
`;
const SERVING = `kind: serving
name: fuzz-serving
hardware: h100-sxm
model: llama3-8b
trace:
  synthetic:
    arrivals: { kind: poisson, ratePerS: 4 }
    count: 16
    lengths:
      input: { kind: lognormal, median: 50, sigma: 1 }
      output: { kind: lognormal, median: 20, sigma: 1 }
engine:
  profile: ./vllm-0.11.yaml
  maxNumSeqs: 8
sweep:
  freqMHz: [1980, 1200]
`;
const ZEUS = `kind: zeus
name: fuzz-zeus
trace: ${join(ROOT, "data/zeus")}
workloads: [cifar100]
gpus: [a40]
eta: 0.5
seed: 1
`;
const CAPACITY = `kind: capacity
name: fuzz-capacity
serving:
  model: llama3-8b
  hardware: h100-sxm
  trace:
    file: trace.csv
  engine:
    maxNumSeqs: 64
growth: [1, 2]
slo:
  ttftP90S: 0.5
  tpotP90S: 0.05
candidates:
  - name: h100
  - name: h100-cap450
    policy: { kind: powerCap, powerCapW: 450 }
maxReplicas: 4
datacenter:
  pue: 1.2
  electricityUsdPerKWh: 0.08
  carbonKgPerKWh: 0.35
  gpuUsdPerHour: 2.5
  rackBudgetKW: 40
objective: cost
`;
const SERVING_TRACE = `kind: serving
name: fuzz-trace
hardware: h100-sxm
model: llama3-8b
trace:
  file: trace.csv
`;

/** The files of one case: the one mutated and the others as shipped. */
interface Kind {
  name: string;
  /** File that is mutated, and the scenario that is run. */
  mutated: string;
  scenario: string;
  csv: boolean;
}

const BASE: Record<string, string> = {
  "estimate.yaml": ESTIMATE,
  "training.yaml": TRAINING,
  "serving.yaml": SERVING,
  "serving-trace.yaml": SERVING_TRACE,
  "zeus.yaml": ZEUS,
  "capacity.yaml": CAPACITY,
  "h100-sxm.yaml": PROFILE,
  "stages.csv": STAGE_PROFILE,
  "vllm-0.11.yaml": ENGINE,
  "trace.csv": TRACE,
};

const KINDS: Kind[] = [
  { name: "estimate scenario", mutated: "estimate.yaml", scenario: "estimate.yaml", csv: false },
  { name: "training scenario", mutated: "training.yaml", scenario: "training.yaml", csv: false },
  { name: "serving scenario", mutated: "serving.yaml", scenario: "serving.yaml", csv: false },
  { name: "zeus scenario", mutated: "zeus.yaml", scenario: "zeus.yaml", csv: false },
  { name: "capacity scenario", mutated: "capacity.yaml", scenario: "capacity.yaml", csv: false },
  { name: "hardware profile", mutated: "h100-sxm.yaml", scenario: "estimate.yaml", csv: false },
  { name: "engine profile", mutated: "vllm-0.11.yaml", scenario: "serving.yaml", csv: false },
  { name: "stage profile", mutated: "stages.csv", scenario: "training.yaml", csv: true },
  { name: "trace", mutated: "trace.csv", scenario: "serving-trace.yaml", csv: true },
];

const NUMBERS = [
  "0",
  "-1",
  "1e308",
  "-1e308",
  "1e-320",
  "NaN",
  ".nan",
  ".inf",
  "Infinity",
  "9223372036854775807",
  "1e9",
  "0.5",
  "'12'",
];
const VALUES = ["[1, 2]", "{ a: 1 }", "text", "null", "''", "true", ...NUMBERS];

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** One random edit of a YAML text. */
function mutateYaml(text: string, rng: Rng): string {
  const lines = text.split("\n");
  const i = Math.floor(rng() * lines.length);
  const line = lines[i]!;
  switch (Math.floor(rng() * 6)) {
    case 0: {
      // A number of the file -> an extreme or malformed one.
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/g)];
      const hit = numbers.length > 0 ? pick(rng, numbers) : undefined;
      if (hit?.index === undefined) return text;
      return text.slice(0, hit.index) + pick(rng, NUMBERS) + text.slice(hit.index + hit[0].length);
    }
    case 1:
      // A deleted line (a lost field, or half of a map).
      lines.splice(i, 1);
      return lines.join("\n");
    case 2: {
      // A value of the wrong type.
      const m = /^(\s*[\w-]+:)\s*\S.*$/.exec(line);
      if (m === null) return text;
      lines[i] = `${m[1]} ${pick(rng, VALUES)}`;
      return lines.join("\n");
    }
    case 3: {
      // An unknown key at this line's indentation.
      const indent = /^\s*/.exec(line)![0];
      lines.splice(i, 0, `${indent}bogus${Math.floor(rng() * 100)}: 1`);
      return lines.join("\n");
    }
    case 4:
      // A truncated file.
      return text.slice(0, Math.floor(rng() * text.length));
    default:
      // Two edits.
      return mutateYaml(mutateYaml(text, rng), rng);
  }
}

/** One random edit of a CSV text. */
function mutateCsv(text: string, rng: Rng): string {
  const lines = text.split("\n");
  const i = Math.floor(rng() * lines.length);
  const cells = lines[i]!.split(",");
  const c = Math.floor(rng() * cells.length);
  switch (Math.floor(rng() * 6)) {
    case 0:
      cells[c] = pick(rng, [...NUMBERS, "", "x", "2023-13-45 99:99:99"]);
      lines[i] = cells.join(",");
      return lines.join("\n");
    case 1:
      // A row with a cell too few or too many.
      lines[i] = rng() < 0.5 ? cells.slice(1).join(",") : `${lines[i]},1`;
      return lines.join("\n");
    case 2:
      lines.splice(i, 1);
      return lines.join("\n");
    case 3:
      return text.slice(0, Math.floor(rng() * text.length));
    case 4:
      // The header only, or nothing at all.
      return rng() < 0.5 ? `${lines[0]}\n` : "";
    default:
      return mutateCsv(mutateCsv(text, rng), rng);
  }
}

interface Outcome {
  kind: string;
  validate: number;
  run?: number;
  stderr: string;
}

const outcomes: Outcome[] = [];

afterAll(() => {
  // The exit-code table, for the record (issue 13 asks for it).
  const rows = new Map<string, number>();
  for (const o of outcomes) {
    const key = `${o.kind.padEnd(18)} validate ${o.validate} run ${o.run ?? "-"}`;
    rows.set(key, (rows.get(key) ?? 0) + 1);
  }
  // HOSTILE_INPUTS_DUMP=<file>: every mutant's kind, exit codes and message, for reading.
  const dump = process.env.HOSTILE_INPUTS_DUMP;
  if (dump !== undefined) writeFileSync(dump, JSON.stringify(outcomes, null, 1));
  const positioned = outcomes.filter((o) => /^wattif: \S+:\d+(:\d+)?: /m.test(o.stderr)).length;
  const bad = outcomes.filter((o) => o.stderr !== "").length;
  process.stdout.write(
    `hostile inputs: ${outcomes.length} mutants; ${positioned} of ${bad} exit-2 messages name file:line\n` +
      [...rows].map(([k, n]) => `  ${k}: ${n}`).join("\n") +
      "\n",
  );
});

describe("hostile inputs (seeded mutants of every shipped input kind)", () => {
  it("the unmutated inputs validate and run (the property is not vacuous)", async () => {
    const caseDir = mkdtempSync(join(dir, "base-"));
    for (const [f, text] of Object.entries(BASE)) writeFileSync(join(caseDir, f), text);
    for (const k of KINDS) {
      const file = join(caseDir, k.scenario);
      const v = await runCli(["validate", file]);
      expect(v.stderr).toBe("");
      const r = await runCli(["run", file, "--out", join(caseDir, "out"), "--workers", "1"]);
      expect([r.status, r.stderr]).toEqual([0, expect.any(String)]);
    }
  });

  for (const k of KINDS) {
    it(`${k.name}: exit 0 or 2, never an internal error; validate ok means run ok`, async () => {
      const rng = seedrandom(`hostile-inputs/${k.name}`);
      for (let n = 0; n < MUTANTS_PER_KIND; n++) {
        const caseDir = mkdtempSync(join(dir, "m-"));
        for (const [f, text] of Object.entries(BASE)) writeFileSync(join(caseDir, f), text);
        const mutant = (k.csv ? mutateCsv : mutateYaml)(BASE[k.mutated]!, rng);
        writeFileSync(join(caseDir, k.mutated), mutant);
        const file = join(caseDir, k.scenario);
        const v = await runCli(["validate", file]);
        const outcome: Outcome = { kind: k.name, validate: v.status, stderr: v.stderr };
        outcomes.push(outcome);
        const context = `${k.name} mutant ${n}:\n${mutant}\n${v.stderr}`;
        expect([0, 2], context).toContain(v.status);
        if (v.status !== 0) continue;
        const r = await runCli(["run", file, "--out", join(caseDir, "out"), "--workers", "1"]);
        outcome.run = r.status;
        outcome.stderr = r.status === 0 ? "" : r.stderr;
        // validate passed it, so run must too, with finite numbers.
        expect(r.status, `${context}\nrun: ${r.stderr}`).toBe(0);
        expect(r.stdout, context).not.toMatch(/\bNaN\b|(?<![A-Za-z])-?Infinity\b/);
      }
    });
  }
});

// Keep a copy of what the mutants are made from next to them, for reproducing a failure.
copyFileSync(join(ROOT, "hardware-profiles/h100-sxm.yaml"), join(dir, "h100-sxm.orig.yaml"));
