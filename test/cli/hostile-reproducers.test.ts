/**
 * The hostile inputs of issue 13, each once: values that used to crash V8, exhaust memory, hang,
 * print NaN or exit 1 now end in exit 2 with the field's place and its range, before any work.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "wattif-repro-"));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const PROFILE = readFileSync(join(ROOT, "hardware-profiles/h100-sxm.yaml"), "utf8");
copyFileSync(
  join(ROOT, "data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv"),
  join(dir, "sp.csv"),
);
const training = (extra: string, stageProfile = "sp.csv") =>
  `kind: training\nname: t\nstageProfile: ${stageProfile}\nschedule: 1f1b\nmicrobatches: 12\npBlockingW: 83.64\n${extra}`;
const estimate = (hardware: string, batch = "64") =>
  `kind: estimate\nname: e\nhardware: ${hardware}\nworkload: { model: llama3-8b, phase: decode, batch: ${batch}, context: 1024 }\nsweep: { freqMHz: grid }\n`;

function profileWith(name: string, from: RegExp, to: string): string {
  const text = PROFILE.replace(/^name: h100-sxm$/m, `name: ${name}`).replace(from, to);
  expect(text).not.toBe(PROFILE);
  return write(`${name}.yaml`, text);
}

async function refused(argv: string[], message: RegExp): Promise<void> {
  const r = await runCli(argv, { cwd: dir });
  expect(r.stderr).toMatch(message);
  expect(r.status).toBe(2);
}

describe("issue 13's hostile inputs end in exit 2 at their place", () => {
  it("a power limit of 1e308 W (was a V8 fatal error under freqMHz: grid)", async () => {
    profileWith("big", /(maxW:\n\s+value: )700/, "$11e308");
    await refused(
      ["run", write("big-est.yaml", estimate("big.yaml"))],
      /big\.yaml:\d+:\d+: powerLimit\.maxW\.value: must be <= 5000/,
    );
  });

  it("an efficiency of 1e-320 (was an internal error)", async () => {
    profileWith("tiny", /max: \{ value: 0\.93059/, "max: { value: 1e-320");
    await refused(
      ["validate", "tiny.yaml"],
      /tiny\.yaml:\d+:\d+: timing\.efficiency\.gemm\.max\.value: must be >= 0\.001/,
    );
  });

  it("a batch of 1e308, in a scenario and as a flag (was exit 1, and exit 0 with NaN)", async () => {
    await refused(
      ["run", write("batch.yaml", estimate("h100-sxm", "1e308"))],
      /batch\.yaml:4:\d+: workload\.batch: must be <= 10000000/,
    );
    const flags = ["--model", "llama3-8b", "--phase", "decode", "--context", "1024"];
    await refused(["estimate", ...flags, "--batch", "1e308"], /--batch: must be an integer from 1/);
  });

  it("a billion microbatches, in a scenario and as a flag (was out of memory)", async () => {
    await refused(
      ["validate", write("mb.yaml", training("").replace("microbatches: 12", "microbatches: 1e9"))],
      /mb\.yaml:5:\d+: microbatches: must be <= 100000/,
    );
    await refused(
      ["frontier", "--profile", "sp.csv", "--p-blocking", "80", "--microbatches", "1000000000"],
      /--microbatches: must be an integer from 1 to 100000/,
    );
  });

  it("a plan too large to make is refused up front, by validate as by run", async () => {
    const file = write(
      "large.yaml",
      training("").replace("microbatches: 12", "microbatches: 5000"),
    );
    const why =
      /large\.yaml:5:\d+: microbatches: 8 stage\(s\) x 5000 microbatch\(es\).*at most 20000/;
    await refused(["validate", file], why);
    await refused(["run", file, "--out", join(dir, "large-out")], why);
  });

  it("planner time units, straggler factors and stage counts out of range (were NaN, 'Invalid array length')", async () => {
    await refused(
      ["run", write("u12.yaml", training("unitTimeS: 1e-12\n"))],
      /u12\.yaml:7:\d+: unitTimeS: must be >= 0\.000001/,
    );
    await refused(
      ["run", write("u308.yaml", training("unitTimeS: 1e308\n"))],
      /u308\.yaml:7:\d+: unitTimeS: must be <= 1/,
    );
    await refused(
      ["run", write("strag.yaml", training("straggler: 1e308\n"))],
      /strag\.yaml:7:\d+: straggler: must be a slowdown from 1 to 100/,
    );
    const model = `kind: training\nname: t\nmodel: gpt3-175b\nhardware: h100-sxm\nparallelism: { stages: 9223372036854775807 }\nmicrobatches: 4\n`;
    await refused(
      ["run", write("stages.yaml", model)],
      /stages\.yaml:5:\d+: parallelism\.stages: must be <= 4096/,
    );
  });

  it("a stage-profile energy of 1e308 J (was a V8 fatal error)", async () => {
    const csv = readFileSync(join(dir, "sp.csv"), "utf8").split("\n");
    csv[1] = csv[1]!.replace(/,[^,]+$/, ",1e308");
    write("sp-big.csv", csv.join("\n"));
    await refused(
      ["validate", write("spe.yaml", training("", "sp-big.csv"))],
      /sp-big\.csv:2:\d+: energy: must be a number >= 0 and <= 1000000000 J, got '1e308'/,
    );
  });

  it("a two-row trace spanning three years (was 24 s and 4 GB)", async () => {
    write(
      "span.csv",
      "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2026-12-16 18:15:50.9951690,396,109\n",
    );
    const scenario = `kind: serving\nname: s\nhardware: h100-sxm\nmodel: llama3-8b\ntrace:\n  file: span.csv\n`;
    await refused(
      ["validate", write("span.yaml", scenario)],
      /span\.yaml:6:\d+: trace\.file: the trace spans .* at most 2678400 s/,
    );
  });

  it("an empty or missing stage profile fails validate at the field (was ok, then a raw ENOENT)", async () => {
    await refused(
      ["validate", write("empty-sp.yaml", training("", '""'))],
      /empty-sp\.yaml:3:\d+: stageProfile: must NOT have fewer than 1 characters/,
    );
    await refused(
      ["validate", write("missing-sp.yaml", training("", "missing.csv"))],
      /missing-sp\.yaml:3:\d+: stageProfile: cannot read file: no such file/,
    );
  });

  it("a device or a FIFO as an input file (was unbounded memory, or blocked forever)", async () => {
    await refused(
      ["validate", write("zero-sp.yaml", training("", "/dev/zero"))],
      /zero-sp\.yaml:3:\d+: stageProfile: cannot read file: not a regular file/,
    );
    execFileSync("mkfifo", [join(dir, "fifo.csv")]);
    await refused(
      ["run", write("fifo-sp.yaml", training("", "fifo.csv"))],
      /fifo-sp\.yaml:3:\d+: stageProfile: cannot read file: not a regular file/,
    );
  });

  it("100k unknown keys: the file is refused by its size before parsing (was quadratic)", async () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `unknown${i}: ${i}\n`).join("");
    const r = await runCli(["validate", write("keys.yaml", training(keys))], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/keys\.yaml: cannot read file: \d+ bytes is over the 0.25 MiB limit/);
  });

  it("10k unknown keys (under the size limit) are each reported once, the first 100 listed", async () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `unknown${i}: ${i}\n`).join("");
    const r = await runCli(["validate", write("keys10k.yaml", training(keys))], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/keys10k\.yaml:7:1: unknown0: unknown field 'unknown0'/);
    expect(r.stderr).toMatch(/\.\.\. and 9900 more problem\(s\)\n$/);
  });
});
