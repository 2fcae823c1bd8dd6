/**
 * `wattif frontier --replay-only` and `frontier: false` scenarios: one operating point replayed
 * (every op at its default clock, or under --freq / --power-cap), the same summary.json minus
 * the frontier, no frontier.csv or plans.csv; bad combinations are bad input (exit 2) naming
 * the field.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { badInput, ok, tempDir, wattif } from "./helpers.js";

const PROFILE = resolve("data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv");
const dir = tempDir("wattif-replay-only-");
const MODEL = ["--model", "gpt3-175b", "--hardware", "a100-sxm", "--tp", "8", "--stages", "8"];

interface ReplaySummary {
  lockMHz: number | null;
  powerCapW: number | null;
  ops: number;
  replay: { timeS: number; gpuEnergyJ: number; computeJ: number; blockingJ: number };
}

describe.concurrent("wattif frontier --replay-only", () => {
  it("replays the all-max point of a measured profile: the frontier's baseline, no frontier files", async () => {
    const out = join(dir, "profile");
    const args = [
      "frontier",
      "--profile",
      PROFILE,
      "--microbatches",
      "12",
      "--p-blocking",
      "83.64",
    ];
    const r = await wattif([...args, "--replay-only", "--out", out, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as ReplaySummary & Record<string, unknown>;
    expect(j.lockMHz).toBeNull();
    expect(j.ops).toBe(8 * 12 * 2);
    expect(j).not.toHaveProperty("frontier");
    // Perseus' all-max pipeline: ~2.8365 s and ~7,339 J (unquantized), as the frontier's baseline.
    expect(j.replay.timeS).toBeCloseTo(2.8365, 3);
    expect(Math.abs(j.replay.gpuEnergyJ / 7339 - 1)).toBeLessThan(0.005);
    expect(existsSync(join(out, "summary.json"))).toBe(true);
    expect(existsSync(join(out, "frontier.csv"))).toBe(false);
    expect(existsSync(join(out, "plans.csv"))).toBe(false);
    const full = JSON.parse(await ok([...args, "--unit-time", "0.01", "--json"])) as {
      baseline: { timeS: number; gpuEnergyJ: number };
    };
    expect(j.replay.timeS).toBeCloseTo(full.baseline.timeS, 9);
    expect(j.replay.gpuEnergyJ).toBeCloseTo(full.baseline.gpuEnergyJ, 6);
  });

  it("a lower clock lock or power cap slows the iteration; the text says replay only", async () => {
    const base = [...MODEL, "--microbatches", "8", "--replay-only", "--json"];
    const all = JSON.parse(await ok(["frontier", ...base])) as ReplaySummary;
    const locked = JSON.parse(await ok(["frontier", ...base, "--freq", "1005"])) as ReplaySummary;
    const capped = JSON.parse(
      await ok(["frontier", ...base, "--power-cap", "250"]),
    ) as ReplaySummary;
    expect(locked.lockMHz).toBe(1005);
    expect(locked.replay.timeS).toBeGreaterThan(all.replay.timeS);
    expect(capped.powerCapW).toBe(250);
    expect(capped.replay.timeS).toBeGreaterThan(all.replay.timeS);
    const text = await ok(["frontier", ...MODEL, "--microbatches", "8", "--replay-only"]);
    expect(text).toMatch(/replay only/);
    expect(text).toMatch(/every op at its default clock/);
  });

  it("refuses --freq without --replay-only, --straggler with it, and a lock off the grid", async () => {
    const base = ["frontier", ...MODEL, "--microbatches", "8"];
    expect(await badInput([...base, "--freq", "1005"])).toMatch(/--freq.*--replay-only/);
    expect(await badInput([...base, "--replay-only", "--straggler", "1.2"])).toMatch(/--straggler/);
    expect(await badInput([...base, "--replay-only", "--freq", "1007"])).toMatch(/--freq/);
    const profile = [
      "frontier",
      "--profile",
      PROFILE,
      "--microbatches",
      "12",
      "--p-blocking",
      "80",
    ];
    expect(await badInput([...profile, "--replay-only", "--freq", "700"])).toMatch(/freqMHz/);
  });
});

describe.concurrent("training scenarios with frontier: false", () => {
  const scenario = (name: string, extra: string) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(
      file,
      [
        "kind: training",
        `name: ${name}`,
        "model: gpt3-175b",
        "hardware: h100-sxm",
        "parallelism: { stages: 8, tp: 4 }",
        "microbatchSize: 2",
        "schedule: interleaved",
        "chunks: 12",
        "microbatches: 8",
        extra,
        `output: { dir: ${join(dir, name)} }`,
        "",
      ].join("\n"),
    );
    return file;
  };

  it("runs one replay and writes summary.json only", async () => {
    const file = scenario("replay", "frontier: false\nfreqMHz: 1200");
    const j = JSON.parse(await ok(["run", file, "--json"])) as ReplaySummary;
    expect(j.lockMHz).toBe(1200);
    expect(j.ops).toBe(8 * 8 * 12 * 2);
    expect(j.replay.computeJ + j.replay.blockingJ).toBeCloseTo(j.replay.gpuEnergyJ, 6);
    const summary = JSON.parse(readFileSync(join(dir, "replay", "summary.json"), "utf8")) as {
      lockMHz: number;
    };
    expect(summary.lockMHz).toBe(1200);
    expect(existsSync(join(dir, "replay", "frontier.csv"))).toBe(false);
  });

  it("names the field of a bad combination", async () => {
    expect(await badInput(["run", scenario("lock", "freqMHz: 1200")])).toMatch(
      /freqMHz.*frontier: false/,
    );
    expect(await badInput(["run", scenario("strag", "frontier: false\nstraggler: 1.2")])).toMatch(
      /straggler/,
    );
    expect(await badInput(["run", scenario("grid", "frontier: false\nfreqMHz: 1207")])).toMatch(
      /freqMHz/,
    );
  });
});
