/**
 * Planning a batch sweep: the order of the points (cartesian, zipped, filtered), the documents
 * each kind's loader sees, errors placed at the sweep entry that caused them, --set, and cache
 * keys that follow every input file's content.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planRun, type SweepPlan } from "../../src/sweep/plan-sweep.js";
import { parseSetOverride } from "../../src/sweep/set-overrides.js";
import { inputError } from "../input/input-error-helpers.js";

const ROOT = new URL("../..", import.meta.url).pathname;

const ESTIMATE = [
  "kind: estimate",
  "name: s",
  "hardware: h100-sxm",
  "workload: { op: gemm, m: 1024, n: 1024, k: 1024, dtype: bf16 }",
];

function scenario(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "wattif-plan-"));
  const file = join(dir, "s.yaml");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

function plan(lines: string[], sets: string[] = []): SweepPlan {
  const run = planRun(scenario(lines), sets.map(parseSetOverride));
  if (!run.batch) throw new Error("expected a batch sweep");
  return run.plan;
}

describe("planning a batch sweep", () => {
  it("takes the cartesian product with the first axis outermost", () => {
    const p = plan([
      ...ESTIMATE,
      "sweep:",
      "  hardware: [h100-sxm, h200]",
      "  workload.m: { from: 1024, to: 3072, step: 1024 }",
    ]);
    expect(p.axes).toEqual(["hardware", "workload.m"]);
    expect(p.points.map((x) => x.values)).toEqual([
      { hardware: "h100-sxm", "workload.m": 1024 },
      { hardware: "h100-sxm", "workload.m": 2048 },
      { hardware: "h100-sxm", "workload.m": 3072 },
      { hardware: "h200", "workload.m": 1024 },
      { hardware: "h200", "workload.m": 2048 },
      { hardware: "h200", "workload.m": 3072 },
    ]);
    expect(p.points.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect((p.points[4]!.doc as { workload: { m: number } }).workload.m).toBe(2048);
    // The generic axes are gone from each point's document.
    expect(p.points[0]!.doc).not.toHaveProperty("sweep");
  });

  it("zips axes, filters with where and exclude, and keeps the kind's own sweep fields", () => {
    const p = plan([
      ...ESTIMATE,
      "sweep:",
      "  workload.m: [1024, 2048, 4096]",
      "  hardware: [h100-sxm, h200]",
      "  workload.n: [512, 1024, 2048]",
      "  freqMHz: [1200, 990]",
      "  zip: [[workload.m, workload.n]]",
      "  where: workload.m * workload.n < 8000000",
      "  exclude: [{ hardware: h200, workload.m: 1024 }]",
    ]);
    expect(
      p.points.map((x) => [x.values["workload.m"], x.values["workload.n"], x.values.hardware]),
    ).toEqual([
      [1024, 512, "h100-sxm"],
      [2048, 1024, "h100-sxm"],
      [2048, 1024, "h200"],
    ]);
    expect((p.points[0]!.doc as { sweep: unknown }).sweep).toEqual({ freqMHz: [1200, 990] });
  });

  it("sweeps training parallelism and microbatches", () => {
    const p = plan([
      "kind: training",
      "model: llama3-8b",
      "hardware: a100-sxm",
      "parallelism: { stages: 2 }",
      "microbatches: 4",
      "sweep:",
      "  parallelism.tp: [1, 2]",
      "  microbatches: [4, 8]",
    ]);
    expect(p.points).toHaveLength(4);
    expect(p.points[3]!.doc).toMatchObject({ parallelism: { stages: 2, tp: 2 }, microbatches: 8 });
  });

  it("reports a point's bad value at the sweep entry that set it, once", () => {
    const file = scenario([
      ...ESTIMATE,
      "sweep:",
      "  hardware: [h100-sxm, no-such-gpu]",
      "  workload.m: [1, 2]",
    ]);
    const e = inputError(() => planRun(file));
    expect(e.message).toMatch(
      new RegExp(`^${file}:6:24: hardware: unknown hardware profile 'no-such-gpu'`),
    );
    expect(e.message.split("\n")).toHaveLength(1);
    const schema = inputError(() =>
      planRun(scenario([...ESTIMATE, "sweep:", "  workload.m: [8, -1]"])),
    );
    expect(schema.message).toMatch(/s\.yaml:6:19: workload\.m: must be >= 1/);
  });

  it("refuses malformed sweeps at their line", () => {
    const bad = (lines: string[]) =>
      inputError(() => planRun(scenario([...ESTIMATE, "sweep:", ...lines]))).message;
    expect(bad(["  workload.m: []"])).toMatch(
      /s\.yaml:6:15: sweep\.workload\.m: needs at least one value/,
    );
    expect(bad(["  workload.m: 3"])).toMatch(/:6:15: .*must be a list of values/);
    expect(
      bad(["  workload.m: [1, 2]", "  workload.n: [1]", "  zip: [[workload.m, workload.n]]"]),
    ).toMatch(/as many values each \(2 vs 1\)/);
    expect(bad(["  workload.m: [1, 2]", "  zip: [[workload.m, nope]]"])).toMatch(
      /'nope' is not a sweep axis/,
    );
    expect(bad(["  workload.m: [1, 2]", "  where: workload.m >"])).toMatch(
      /:7:10: sweep\.where: unexpected end/,
    );
    expect(bad(["  workload.m: [1, 2]", "  where: workload.m > 5"])).toMatch(/no point is left/);
    expect(bad(["  kind: [estimate]"])).toMatch(/'kind' cannot be swept/);
  });

  it("applies --set before expanding, to fields and to the sweep itself", () => {
    const p = plan(
      [...ESTIMATE, "sweep:", "  workload.m: [1024]"],
      ["workload.k=2048", "sweep.hardware=[h100-sxm, h200]"],
    );
    expect(p.points).toHaveLength(2);
    expect(p.points[1]!.doc).toMatchObject({ hardware: "h200", workload: { k: 2048 } });
    expect(inputError(() => parseSetOverride("workload.k")).message).toMatch(/expected path=value/);
    // A bad value from the command line names the flag, not a line of the file.
    const fromFlag = inputError(() =>
      planRun(scenario(ESTIMATE), [parseSetOverride("workload.k=-4")]),
    );
    expect(fromFlag.message).toBe("--set workload.k: must be >= 1");
    const run = planRun(scenario(ESTIMATE), [parseSetOverride("operatingPoint.freqMHz=1200")]);
    expect(run.batch).toBe(false);
  });

  it("keys each point by its document and the content of every file it reads", () => {
    const dir = mkdtempSync(join(tmpdir(), "wattif-plan-"));
    const profile = join(dir, "h100-sxm.yaml");
    copyFileSync(join(ROOT, "hardware-profiles", "h100-sxm.yaml"), profile);
    const file = join(dir, "s.yaml");
    writeFileSync(
      file,
      [...ESTIMATE, "sweep:", "  hardware: [./h100-sxm.yaml, h200]"].join("\n") + "\n",
    );
    const keys = () => (planRun(file) as { plan: SweepPlan }).plan.points.map((p) => p.key);
    const [a, b] = keys();
    expect(a).not.toBe(b);
    expect(keys()).toEqual([a, b]);
    writeFileSync(profile, readFileSync(profile, "utf8").replace(/\n$/, "\n# edited\n"));
    const [a2, b2] = keys();
    expect(a2).not.toBe(a);
    expect(b2).toBe(b);
  });
});
