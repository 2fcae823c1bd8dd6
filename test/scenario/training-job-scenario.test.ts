/**
 * `kind: training` scenarios with a job (`steps`): parallelism as users write it, checked with
 * positions (file:line:col: field: message, exit 2), and what the run writes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { badInput, ok, parseCsv, tempDir } from "../cli/helpers.js";

const BASE: Record<string, string> = {
  kind: "training",
  name: "job",
  model: "gpt3-175b",
  hardware: "h100-sxm",
  gpus: "512",
  parallelism: "{ tp: 4, pp: 8, dp: 16, vpp: 4 }",
  globalBatch: "2048",
  microbatchSize: "2",
  seq: "2048",
  steps: "10",
  frontier: "false",
};

/** A scenario file from BASE with `changes` (undefined removes a key); returns its path. */
function scenario(changes: Record<string, string | undefined>, extra = ""): [string, string] {
  const dir = tempDir();
  const fields = { ...BASE, ...changes };
  const text =
    Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n") +
    "\n" +
    extra;
  const file = join(dir, "job.yaml");
  writeFileSync(file, text);
  return [dir, file];
}

/** `file:line:col: ` of the line starting with `key:` in the scenario. */
function at(file: string, key: string, col = 1): string {
  const line = readFileSync(file, "utf8")
    .split("\n")
    .findIndex((l) => l.startsWith(`${key}:`));
  return `${file}:${line + 1}:${col}: `;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("training job scenarios refuse contradictions at their field", () => {
  it("tp x pp x dp not matching the GPUs given", async () => {
    const [, file] = scenario({ gpus: "256" });
    expect(await badInput(["run", file])).toMatch(
      new RegExp(
        escape(
          `${at(file, "gpus", 7)}gpus: tp x pp x dp = 4 x 8 x 16 = 512 GPUs, not the 256 given`,
        ),
      ),
    );
  });

  it("a global batch not divisible by dp x micro-batch", async () => {
    const [, file] = scenario({ globalBatch: "2000" });
    expect(await badInput(["run", file])).toMatch(
      new RegExp(
        escape(
          `${at(file, "globalBatch", 14)}globalBatch: 2000 sequences must be divisible by dp x microbatchSize = 16 x 2 = 32`,
        ),
      ),
    );
  });

  it("a vpp that does not divide the layers", async () => {
    const [, file] = scenario({ parallelism: "{ tp: 4, pp: 8, dp: 16, vpp: 5 }" });
    expect(await badInput(["run", file])).toMatch(
      new RegExp(
        `${escape(file)}:\\d+:\\d+: parallelism\\.vpp: pp x vpp = 8 x 5 = 40 model chunks must divide the model's 96 layers`,
      ),
    );
  });

  it("pp and stages both given", async () => {
    const [, file] = scenario({ parallelism: "{ tp: 4, pp: 8, stages: 8, dp: 16 }" });
    expect(await badInput(["run", file])).toMatch(
      /parallelism\.pp: give 'pp' or 'stages', not both/,
    );
  });

  it("a collective on a profile without that link", async () => {
    const [dir, file] = scenario({ hardware: "node-only.yaml" });
    writeFileSync(
      join(dir, "node-only.yaml"),
      [
        "schemaVersion: 1",
        "name: node-only",
        "displayName: H100 without an inter-node link",
        "extends: h100-sxm",
        "interconnect:",
        "  - name: nvlink4",
        "    bandwidthBytesPerS: { value: 4.5e+11, source: spec, ref: test }",
        "    latencyS: { value: 3e-6, source: assumed, ref: test }",
        "    scope: node",
      ].join("\n"),
    );
    const err = await badInput(["run", file]);
    expect(err).toMatch(
      new RegExp(
        `${escape(file)}:\\d+:\\d+: parallelism\\.pp: the pipeline send needs an inter-node \\(scope: cluster\\) link, which profile 'node-only' does not have`,
      ),
    );
    expect(err).toMatch(
      /parallelism\.dp: the data-parallel gradient all-reduce needs an inter-node/,
    );
  });

  it("fp8 on a profile without fp8 throughput, and job fields without steps", async () => {
    const [, a100] = scenario({ hardware: "a100-sxm", dtype: "fp8" });
    expect(await badInput(["run", a100])).toMatch(
      new RegExp(
        escape(`${at(a100, "dtype", 8)}dtype: profile 'a100-sxm' has no fp8 tensor throughput`),
      ),
    );
    const [, noSteps] = scenario({
      steps: undefined,
      frontier: undefined,
      powerResolutionS: "0.5",
    });
    expect(await badInput(["run", noSteps])).toMatch(
      /powerResolutionS: the job's power series needs 'steps'/,
    );
  });

  it("a straggler pipeline outside the job", async () => {
    const [, file] = scenario({ straggler: "{ pipeline: 16, factor: 1.2 }" });
    expect(await badInput(["run", file])).toMatch(
      /straggler\.pipeline: must be a pipeline 0\.\.15, got 16/,
    );
  });
});

describe("a training job scenario's run", () => {
  it("writes the job's power series at the chosen resolution and its figures", async () => {
    const outDir = join(tempDir(), "out");
    const [, file] = scenario(
      {
        model: "llama3-8b",
        gpus: "64",
        parallelism: "{ tp: 2, pp: 4, dp: 8 }",
        globalBatch: "64",
        microbatchSize: "1",
        powerResolutionS: "0.05",
        powerSeriesSteps: "2",
        output: `{ dir: ${outDir} }`,
      },
      "whatIf: { powerCapW: 500, smoothingFloorW: 400 }\n",
    );
    const summary = JSON.parse(await ok(["run", file, "--json"])) as {
      job: { gpus: number; nodes: number; stepTimeS: number; perNode: { nodePowerW: number } };
    };
    expect(summary.job.gpus).toBe(64);
    expect(summary.job.nodes).toBe(8);
    expect(summary.job.perNode.nodePowerW).toBe(4580);
    const rows = parseCsv(readFileSync(join(outDir, "job-power.csv"), "utf8"));
    expect(rows.length).toBe(Math.floor((2 * summary.job.stepTimeS) / 0.05 + 1e-9));
    expect(Number(rows[1]!.tS)).toBeCloseTo(0.05, 12);
    for (const name of ["job-power-capped.csv", "job-power-smoothed.csv", "summary.json"]) {
      expect(readFileSync(join(outDir, name), "utf8").length).toBeGreaterThan(0);
    }
  });
});

describe("a training scenario on a Hugging Face config", () => {
  it("runs hf:Qwen/Qwen3-8B (36 layers over 4 stages) and refuses an unknown shipped name", async () => {
    const [, file] = scenario({
      model: "hf:Qwen/Qwen3-8B",
      gpus: "16",
      parallelism: "{ tp: 2, pp: 4, dp: 2 }",
      globalBatch: "16",
      microbatchSize: "1",
      steps: "1",
      output: `{ dir: ${join(tempDir(), "out")} }`,
    });
    const summary = JSON.parse(await ok(["run", file, "--json"])) as {
      job: { gpus: number; stepTimeS: number };
    };
    expect(summary.job.gpus).toBe(16);
    expect(summary.job.stepTimeS).toBeGreaterThan(0);
    const [, bad] = scenario({ model: "hf:Qwen/Qwen9" });
    expect(await badInput(["run", bad])).toMatch(
      new RegExp(`${escape(at(bad, "model", 8))}model: no shipped config 'Qwen/Qwen9'`),
    );
  });
});

describe("wattif run --power-resolution", () => {
  it("sets the job's power series bin width, and is refused where there is no job", async () => {
    const outDir = join(tempDir(), "out");
    const [, file] = scenario({
      model: "llama3-8b",
      gpus: "16",
      parallelism: "{ tp: 2, pp: 4, dp: 2 }",
      globalBatch: "16",
      microbatchSize: "1",
      steps: "1",
      output: `{ dir: ${outDir} }`,
    });
    const summary = JSON.parse(await ok(["run", file, "--json", "--power-resolution", "0.02"])) as {
      job: { powerResolutionS: number; stepTimeS: number };
    };
    expect(summary.job.powerResolutionS).toBe(0.02);
    const rows = parseCsv(readFileSync(join(outDir, "job-power.csv"), "utf8"));
    expect(rows.length).toBe(Math.floor(summary.job.stepTimeS / 0.02 + 1e-9));
    expect(
      await badInput(["run", "scenarios/gpt3-a100-model.yaml", "--power-resolution", "0.1"]),
    ).toMatch(/--power-resolution: applies to a training scenario with 'steps'/);
    expect(await badInput(["run", file, "--power-resolution", "0"])).toMatch(
      /--power-resolution: must be a number >= 0.000001 and <= 86400, got 0/,
    );
  });
});

describe("training job what-ifs and series stay within bounds", () => {
  it("a smoothing floor above the power limit, and a series too fine to write", async () => {
    const [, floor] = scenario({}, "whatIf: { smoothingFloorW: 900 }\n");
    expect(await badInput(["run", floor])).toMatch(
      /whatIf\.smoothingFloorW: 900 W is above h100-sxm's highest power limit \(700 W\)/,
    );
    const [, fine] = scenario({
      model: "llama3-8b",
      gpus: "16",
      parallelism: "{ tp: 2, pp: 4, dp: 2 }",
      globalBatch: "16",
      microbatchSize: "1",
      // 1 us is the finest bin the schema takes; over 1000 steps it makes too many rows.
      powerResolutionS: "1e-6",
      steps: "1000",
      powerSeriesSteps: "1000",
    });
    expect(await badInput(["run", fine])).toMatch(
      /powerResolutionS: 0.000001 s bins over 1000 step\(s\)/,
    );
  });
});

describe("a job's length", () => {
  it("tokens give the steps that train on them (rounded up); steps and tokens together are refused", async () => {
    const outDir = join(tempDir(), "out");
    const [, file] = scenario({
      model: "llama3-8b",
      gpus: "16",
      parallelism: "{ tp: 2, pp: 4, dp: 2 }",
      globalBatch: "16",
      microbatchSize: "1",
      steps: undefined,
      // 16 sequences x 2,048 tokens = 32,768 tokens per step: 10.5 steps -> 11.
      tokens: String(10.5 * 32768),
      output: `{ dir: ${outDir} }`,
    });
    const summary = JSON.parse(await ok(["run", file, "--json"])) as { job: { steps: number } };
    expect(summary.job.steps).toBe(11);
    const [, both] = scenario({ tokens: "1000" });
    expect(await badInput(["run", both])).toMatch(/tokens: give 'steps' or 'tokens', not both/);
  });
});

describe("the frontier planner reads the new spelling too", () => {
  it("pp, dp, vpp and a global batch give its stages, pipelines, chunks and microbatches", async () => {
    const outDir = join(tempDir(), "out");
    const [, file] = scenario({
      model: "llama3-8b",
      gpus: undefined,
      parallelism: "{ tp: 2, pp: 2, dp: 2, vpp: 2 }",
      globalBatch: "8",
      microbatchSize: "1",
      seq: "1024",
      steps: undefined,
      frontier: undefined,
      unitTimeS: "0.005",
      output: `{ dir: ${outDir} }`,
    });
    const summary = JSON.parse(await ok(["run", file, "--json"])) as {
      schedule: string;
      stages: number;
      microbatches: number;
      scope: { pipelines: number; gpus: number };
      job?: unknown;
    };
    expect(summary.schedule).toBe("interleaved-1f1b-v2");
    expect([summary.stages, summary.microbatches]).toEqual([2, 4]);
    expect(summary.scope).toMatchObject({ pipelines: 2, gpus: 8 });
    expect(summary.job).toBeUndefined();
  });
});
