/**
 * `wattif run` on `kind: zeus` scenarios: the shipped example end to end, and bad input (unknown
 * job or GPU, eta outside [0, 1], no recurrences, a malformed trace row) refused with
 * `file:line:col: field: message`, exit 2, and no result written.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { badInput, ok, parseCsv, ROOT, tempDir } from "./helpers.js";

const EXAMPLE = join(ROOT, "scenarios", "zeus-recurring-jobs.yaml");

/** A zeus scenario in a fresh folder, its trace folder a copy of data/zeus (to corrupt). */
function scenario(lines: string[]): { dir: string; file: string } {
  const dir = tempDir("wattif-zeus-");
  mkdirSync(join(dir, "trace"));
  for (const f of ["summary_train.csv", "summary_power_a40.csv", "summary_power_v100.csv"])
    copyFileSync(join(ROOT, "data", "zeus", f), join(dir, "trace", f));
  const file = join(dir, "zeus.yaml");
  writeFileSync(
    file,
    [
      "kind: zeus",
      "name: z",
      "trace: trace",
      `output: { dir: ${join(dir, "out")} }`,
      ...lines,
    ].join("\n") + "\n",
  );
  return { dir, file };
}

describe("wattif run, kind: zeus", () => {
  it("runs the example: oracle, regret and frontier on stdout, six result files", async () => {
    const out = tempDir();
    const stdout = await ok(["run", EXAMPLE, "--out", out]);
    expect(stdout).toMatch(/^oracle: least expected cost/m);
    expect(stdout).toMatch(/^cifar100\/shufflenetv2 +a40 +measured +128 +225 /m);
    expect(stdout).toMatch(/^Zeus online \(seed 1/m);
    expect(stdout).toMatch(/^frontier of imagenet\/resnet50 on v100 \(measured\): 5 of 28 /m);
    const points = parseCsv(readFileSync(join(out, "points.csv"), "utf8"));
    const optimal = points.filter((p) => p.optimal === "true");
    expect(optimal.length).toBe(12);
    const replay = parseCsv(readFileSync(join(out, "replay.csv"), "utf8"));
    expect(
      replay.filter((r) => r.workload === "cifar100/shufflenetv2" && r.gpu === "a40").length,
    ).toBe(180);
    for (const f of ["frontier.csv", "runs.csv", "attempts.csv", "summary.json"])
      expect(existsSync(join(out, f)), f).toBe(true);
  });

  it("validate checks a zeus scenario without running it", async () => {
    const file = join(ROOT, "scenarios", "zeus-modeled-squad.yaml");
    expect(await ok(["validate", file])).toBe(
      `ok: ${file}: zeus scenario 'zeus-modeled-squad', 1 job(s) x 1 GPU(s) + 3 modeled profile(s)\n`,
    );
  });

  it("--json prints the summary, one case per job and GPU", async () => {
    const { file } = scenario(["workloads: [squad]", "gpus: [v100]", "eta: 1", "recurrences: 5"]);
    const s = JSON.parse(await ok(["run", file, "--json"])) as {
      cases: {
        optimum: { batchSize: number; powerLimitW: number };
        replay: { recurrences: number };
      }[];
    };
    expect(s.cases.length).toBe(1);
    expect(s.cases[0]!.replay.recurrences).toBe(5);
  });

  it.each([
    [
      ["workloads: [squad, mnist]", "gpus: [a40]"],
      /zeus\.yaml:5:20: workloads\[1\]: unknown workload 'mnist' \(the traces have: cifar100, /,
    ],
    [
      ["gpus: [a40, h100]"],
      /zeus\.yaml:5:13: gpus\[1\]: unknown GPU 'h100' \(the traces have: a40, v100\)/,
    ],
    [["gpus: [a40]", "eta: 1.5"], /zeus\.yaml:6:6: eta: must be <= 1/],
    [["gpus: [a40]", "eta: -0.1"], /zeus\.yaml:6:6: eta: must be >= 0/],
    [["gpus: [a40]", "recurrences: 0"], /zeus\.yaml:6:14: recurrences: must be >= 1/],
    [["gpus: []"], /zeus\.yaml:5:7: gpus: must NOT have fewer than 1 items/],
    [
      ["gpus: [a40]", "workloads: [{ dataset: squad, targetMetric: 99 }]"],
      /zeus\.yaml:6:45: workloads\[0\]\.targetMetric: squad\/bert_base_uncased\/adamw has no runs for target 99 \(the train trace has: 82\.5, /,
    ],
    [
      ["gpus: [a40]", "workloads: [{ dataset: cifar100, defaultBatchSize: 4096 }]"],
      /workloads\[0\]\.defaultBatchSize: cifar100\/shufflenetv2\/adadelta on a40: batch size 4096 never reaches 0\.6 within 100 epochs/,
    ],
  ])("refuses %j", async (lines, message) => {
    const { file, dir } = scenario(lines);
    expect(await badInput(["run", file])).toMatch(message);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("refuses a malformed trace row with its file, line, column and field", async () => {
    const { dir, file } = scenario(["gpus: [a40]"]);
    const power = join(dir, "trace", "summary_power_a40.csv");
    const lines = readFileSync(power, "utf8").split("\n");
    lines[4] = lines[4]!.replace(/,[^,]+$/, ",-3");
    writeFileSync(power, lines.join("\n"));
    const err = await badInput(["run", file], dir);
    expect(err).toMatch(
      /trace\/summary_power_a40\.csv:5:\d+: average_power: expected a number > 0, got '-3'/,
    );
    const col = Number(/csv:5:(\d+)/.exec(err)![1]);
    expect(lines[4]!.slice(col - 1)).toBe("-3");
  });
});

describe("wattif run, kind: zeus with modeled epochs", () => {
  it("prices SQuAD on profiles and sets the modeled A40 beside the measured one", async () => {
    const out = tempDir();
    const stdout = await ok([
      "run",
      join(ROOT, "scenarios", "zeus-modeled-squad.yaml"),
      "--out",
      out,
    ]);
    expect(stdout).toMatch(/^squad\/bert_base_uncased +h100-sxm +modeled /m);
    expect(stdout).toMatch(/a40, modeled vs measured epoch at b32: 300 W \d+ s \/ 909 s/);
    const points = parseCsv(readFileSync(join(out, "points.csv"), "utf8"));
    expect(new Set(points.map((p) => `${p.gpu}/${p.pricing}`))).toEqual(
      new Set(["a40/measured", "a40/modeled", "a100-sxm/modeled", "h100-sxm/modeled"]),
    );
  });

  it.each([
    [
      ["workloads: [squad]", "modeled: { hardware: [h999] }"],
      /zeus\.yaml:6:23: modeled\.hardware\[0\]: .*h999/,
    ],
    [
      ["workloads: [cifar100]", "modeled: { hardware: [a40] }"],
      /zeus\.yaml:6:10: modeled: no selected workload has a modeled epoch \(only: squad\)/,
    ],
    [
      ["modeled: { hardware: [a40], dtype: fp32 }"],
      /zeus\.yaml:5:36: modeled\.dtype: must be one of: tf32, bf16, fp16/,
    ],
    [
      ["eta: 0.5"],
      /zeus\.yaml:1:1: give 'gpus' \(traces' GPUs\), 'modeled' \(hardware profiles\) or both/,
    ],
  ])("refuses %j", async (lines, message) => {
    const { file } = scenario(lines);
    expect(await badInput(["run", file])).toMatch(message);
  });
});
