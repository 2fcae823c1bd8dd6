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
    const j = JSON.parse(r.stdout) as {
      baseline: { timeS: number; energyJ: number };
      frontier: { timeS: number; energyJ: number }[];
      minEnergy: { timeS: number; energyJ: number };
      straggler: { slowdown: number; timeS: number; energyJ: number; savingPct: number };
    };
    expect(j.baseline.timeS).toBeCloseTo(2.8365, 3);
    expect(j.baseline.energyJ).toBeGreaterThan(7339 * 0.995);
    expect(j.baseline.energyJ).toBeLessThan(7339 * 1.005);
    expect(j.frontier.length).toBeGreaterThan(20);
    for (let i = 1; i < j.frontier.length; i++)
      expect(j.frontier[i]!.timeS).toBeGreaterThan(j.frontier[i - 1]!.timeS);
    expect(j.minEnergy).toEqual(j.frontier[j.frontier.length - 1]);
    expect(j.straggler.slowdown).toBe(1.2);
    expect(j.straggler.savingPct).toBeGreaterThan(0);
    const plans = readFileSync(join(out, "plans.csv"), "utf8").trim().split("\n");
    expect(plans[0]!.split(",").length).toBe(3 + 8 * 12 * 2);
    expect(plans.length).toBe(j.frontier.length + 1);
    expect(readFileSync(join(out, "frontier.csv"), "utf8").split("\n")[0]).toBe(
      "point,timeS,energyJ",
    );
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
    expect((JSON.parse(r.stdout) as { stages: number }).stages).toBe(8);
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
    ).toMatch(/nonnum\.csv:6: energy/);
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
