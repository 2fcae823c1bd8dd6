import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { badInput, tempDir, wattif } from "./helpers.js";

const PROFILE = resolve("data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv");
const dir = tempDir("wattif-frontier-");
const rows = readFileSync(PROFILE, "utf8").trim().split("\n");
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe.concurrent("wattif frontier", () => {
  it("prints the contract JSON and writes frontier.csv and plans.csv", async () => {
    const out = join(dir, "out");
    const r = await wattif([
      "frontier",
      "--profile",
      PROFILE,
      "--microbatches",
      "12",
      "--p-blocking",
      "83.64",
      "--straggler",
      "1.2",
      // Coarser than the 1 ms default: fewer frontier steps, the same baseline (unquantized).
      "--unit-time",
      "0.01",
      "--out",
      out,
      "--json",
    ]);
    expect(r.status, r.stderr).toBe(0);
    type Point = { timeS: number; plannedTimeS: number; gpuEnergyJ: number };
    const j = JSON.parse(r.stdout) as {
      scope: { gpus: number; nodePowerW: number | null; description: string };
      baseline: Point;
      frontier: Point[];
      minEnergy: Point;
      straggler: { slowdown: number; timeS: number; energyJ: number; savingPct: number };
    };
    // A measured profile alone: one GPU per stage, no node figure.
    expect(j.scope.gpus).toBe(8);
    expect(j.scope.nodePowerW).toBeNull();
    expect(j.scope.description).toMatch(/one GPU per stage.*no node figure/);
    expect(j.baseline.timeS).toBeCloseTo(2.8365, 3);
    expect(j.baseline.gpuEnergyJ).toBeGreaterThan(7339 * 0.995);
    expect(j.baseline.gpuEnergyJ).toBeLessThan(7339 * 1.005);
    expect(j.frontier[0]!.timeS).toBe(j.baseline.timeS);
    expect(j.frontier.length).toBeGreaterThan(20);
    for (let i = 1; i < j.frontier.length; i++)
      expect(j.frontier[i]!.timeS).toBeGreaterThan(j.frontier[i - 1]!.timeS);
    expect(j.minEnergy).toEqual(j.frontier[j.frontier.length - 1]);
    expect(j.straggler.slowdown).toBe(1.2);
    expect(j.straggler.savingPct).toBeGreaterThan(0);
    const plans = readFileSync(join(out, "plans.csv"), "utf8").trim().split("\n");
    expect(plans[0]!.split(",").length).toBe(6 + 8 * 12 * 2);
    expect(plans.length).toBe(j.frontier.length + 1);
    expect(readFileSync(join(out, "frontier.csv"), "utf8").split("\n")[0]).toBe(
      "point,timeS,plannedTimeS,gpuEnergyJ,nodeEnergyJ,totalEnergyJ",
    );
    // The report: one frontier symbol per plan, power over the iteration, the per-stage timeline.
    const svg = readFileSync(join(out, "plots", "frontier.svg"), "utf8");
    const group = svg.slice(svg.indexOf("role-mark frontier_marks"));
    expect(group.slice(0, group.indexOf("</g>")).match(/<path /g)?.length).toBe(j.frontier.length);
    expect(readFileSync(join(out, "plots", "power.svg"), "utf8")).toContain("GPU power (kW)");
    expect(readFileSync(join(out, "plots", "timeline.svg"), "utf8")).toContain("pipeline stage");
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain('id="plot-timeline"');
  });

  it("runs from model shapes on a hardware profile", async () => {
    const r = await wattif([
      "frontier",
      "--model",
      "gpt3-175b",
      "--hardware",
      "a100-sxm",
      "--tp",
      "8",
      "--stages",
      "8",
      "--microbatches",
      "4",
      "--unit-time",
      "0.01",
      "--json",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as {
      stages: number;
      scope: { gpus: number };
      powerCapW: number;
    };
    expect(j.stages).toBe(8);
    expect(j.scope.gpus).toBe(64);
    expect(j.powerCapW).toBe(500);
  });

  it("takes --power-cap within the profile's range and rejects one outside it", async () => {
    const args = ["frontier", "--model", "gpt3-175b", "--hardware", "h100-sxm", "--tp", "8"];
    const more = ["--stages", "4", "--microbatches", "4", "--unit-time", "0.01", "--json"];
    const ok = await wattif([...args, ...more, "--power-cap", "400"]);
    expect(ok.status, ok.stderr).toBe(0);
    const j = JSON.parse(ok.stdout) as {
      powerCapW: number;
      replay: { baseline: { maxGpuPowerW: number } };
      globalCap: { capW: number }[];
    };
    expect(j.powerCapW).toBe(400);
    expect(j.replay.baseline.maxGpuPowerW).toBeLessThanOrEqual(400);
    for (const p of j.globalCap) expect(p.capW).toBeLessThanOrEqual(400);
    const bad = await wattif([...args, ...more, "--power-cap", "900"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--power-cap.*outside/);
  });

  it("rejects a profile with a missing stage", async () => {
    const file = write("nostage.csv", rows.filter((l) => !l.startsWith("3,")).join("\n") + "\n");
    expect(
      await badInput(["frontier", "--profile", file, "--microbatches", "12", "--p-blocking", "80"]),
    ).toMatch(/stage/);
  });

  it("rejects a stage missing a clock", async () => {
    const file = write(
      "noclock.csv",
      rows.filter((l) => l !== rows.find((x) => x.startsWith("2,forward,1200,"))).join("\n") + "\n",
    );
    expect(
      await badInput(["frontier", "--profile", file, "--microbatches", "12", "--p-blocking", "80"]),
    ).toMatch(/1200/);
  });

  it("names the line and column of a non-numeric cell", async () => {
    const bad = [...rows];
    bad[5] = bad[5]!.replace(/,[^,]+$/, ",lots");
    const file = write("nonnum.csv", bad.join("\n") + "\n");
    expect(
      await badInput(["frontier", "--profile", file, "--microbatches", "12", "--p-blocking", "80"]),
    ).toMatch(new RegExp(`nonnum\\.csv:6:${bad[5]!.lastIndexOf(",") + 2}: energy`));
  });

  it("reports a cycle in a custom schedule with the ops on it", async () => {
    // Stage 7 runs B0 before F0: its own backward needs its forward first.
    const order = Array.from({ length: 8 }, (_, s) =>
      s === 7 ? ["B0", "F0", "F1", "B1"] : ["F0", "F1", "B0", "B1"],
    );
    const file = write(
      "cycle.yaml",
      `order:\n${order.map((o) => `  - [${o.join(", ")}]`).join("\n")}\n`,
    );
    expect(
      await badInput([
        "frontier",
        "--profile",
        PROFILE,
        "--microbatches",
        "2",
        "--p-blocking",
        "80",
        "--schedule-file",
        file,
      ]),
    ).toMatch(/cycle/);
  });

  it("rejects fewer microbatches than the schedule needs", async () => {
    expect(
      await badInput([
        "frontier",
        "--profile",
        PROFILE,
        "--microbatches",
        "4",
        "--p-blocking",
        "80",
        "--schedule",
        "interleaved",
      ]),
    ).toMatch(/microbatches/);
    expect(
      await badInput([
        "frontier",
        "--profile",
        PROFILE,
        "--microbatches",
        "0",
        "--p-blocking",
        "80",
      ]),
    ).toMatch(/microbatches/);
  });

  it("needs P_blocking for a measured profile", async () => {
    expect(await badInput(["frontier", "--profile", PROFILE, "--microbatches", "12"])).toMatch(
      /p-blocking/,
    );
  });
});

describe("wattif frontier --model with a Hugging Face config", () => {
  it("replays hf:Qwen/Qwen3-8B; an unknown shipped name is exit 2 naming it", async () => {
    const args = ["frontier", "--model", "hf:Qwen/Qwen3-8B", "--hardware", "h100-sxm"];
    const run = await wattif([...args, "--stages", "4", "--microbatches", "8", "--replay-only"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/4 stages x 8 microbatches/);
    const bad = ["frontier", "--model", "hf:no/pe", "--hardware", "h100-sxm", "--stages", "4"];
    expect(await badInput([...bad, "--microbatches", "8"])).toMatch(/no shipped config 'no\/pe'/);
  });
});
