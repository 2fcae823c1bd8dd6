/**
 * `wattif compare`: result folders (hand-made, so every number is known) and a scenario file,
 * the tables of energy at equal time and time at equal energy, the files --out writes, and bad
 * input (one input, mismatched metrics, a missing folder) refused with exit 2.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ESTIMATE_EXAMPLE, ROOT, badInput, ok, parseCsv, snapshotDir, tempDir } from "./helpers.js";

/** A result folder as `wattif run` writes it: summary.json and frontier.csv. */
function result(dir: string, name: string, kind: string, rows: [number, number][]): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  const summary =
    kind === "serving"
      ? {
          scenario: name,
          kind,
          frontierMetrics: { energy: "gpuEnergyPerOutputTokenJ", latency: "itlS.p50" },
        }
      : { scenario: name, kind };
  writeFileSync(join(path, "summary.json"), JSON.stringify(summary));
  const header =
    kind === "serving" ? "index,itlS.p50,gpuEnergyPerOutputTokenJ" : "index,timeS,gpuEnergyJ";
  writeFileSync(
    join(path, "frontier.csv"),
    [header, ...rows.map(([x, y], i) => `${i},${x},${y}`)].join("\n") + "\n",
  );
  return path;
}

describe("wattif compare", () => {
  const dir = tempDir("wattif-compare-");
  const a = result(dir, "a", "estimate", [
    [0.001, 10],
    [0.002, 6],
    [0.004, 4],
  ]);
  const b = result(dir, "b", "estimate", [
    [0.0015, 7],
    [0.003, 3],
  ]);

  it("prints energy at equal time, time at equal energy, and who wins where", async () => {
    const text = await ok(["compare", a, b, "--grid", "7"]);
    expect(text).toMatch(/^comparing gpuEnergyJ vs timeS over 2 frontiers: a, b/);
    // At 1.5 ms: a interpolates to 8 J, b is at 7 J.
    expect(text).toMatch(/^ +1\.500 +8\.000 +7\.000 +b$/m);
    expect(text).toMatch(/^ +1\.000 +10\.00 +- +a$/m);
    expect(text).toContain("  a: timeS 1.000 ms\n  b: timeS 1.500 ms to 4.000 ms");
  });

  it("--out writes the grids, the overlay plot and a report; --json the same numbers", async () => {
    const out = join(dir, "out");
    const json = JSON.parse(await ok(["compare", a, b, "--grid", "7", "--out", out, "--json"]));
    expect(Object.keys(snapshotDir(out))).toEqual([
      "compare.csv",
      "plots/frontiers.svg",
      "plots/frontiers.vl.json",
      "report.html",
      "summary.json",
    ]);
    expect(json.winsByX).toEqual([
      { winner: "a", from: 0.001, to: 0.001 },
      { winner: "b", from: 0.0015, to: 0.004 },
    ]);
    const rows = parseCsv(readFileSync(join(out, "compare.csv"), "utf8"));
    expect(rows.length).toBe(14);
    expect(rows[1]).toMatchObject({
      grid: "equal timeS",
      at: "0.0015",
      a: "8",
      b: "7",
      lowest: "b",
    });
    const svg = readFileSync(join(out, "plots/frontiers.svg"), "utf8");
    expect(svg).toContain("timeS (ms)");
    expect(svg).toContain("gpuEnergyJ (J)");
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain(
      '<figure id="plot-frontiers">',
    );
  });

  it("runs scenario files as inputs", async () => {
    const text = await ok(["compare", ESTIMATE_EXAMPLE, a]);
    expect(text).toMatch(/over 2 frontiers: h100-prefill-clocks-caps, a/);
  });

  it("refuses one input, mismatched metrics and a missing folder with exit 2", async () => {
    expect(await badInput(["compare", a])).toMatch(/nothing to compare/);
    expect(await badInput(["compare"])).toMatch(/nothing to compare/);
    const s = result(dir, "s", "serving", [[0.008, 0.5]]);
    expect(await badInput(["compare", a, s])).toMatch(/must measure the same metrics/);
    expect(await badInput(["compare", a, join(dir, "missing")])).toMatch(/cannot read file/);
  });
});

describe("wattif compare --profiles", () => {
  const training = join(ROOT, "scenarios", "hypothetical-training.yaml");
  const dir = tempDir("wattif-compare-profiles-");

  it("runs one scenario on each profile (a name or a path), with the mechanisms beside", async () => {
    const path = join(ROOT, "hardware-profiles", "hypothetical-h100-2xhbm.yaml");
    const out = join(dir, "out");
    const args = ["compare", training, "--profiles", `h100-sxm,${path}`, "--out", out];
    const text = await ok(args);
    expect(text).toMatch(/over 2 frontiers: h100-sxm, hypothetical-h100-2xhbm/);
    expect(text).toMatch(/^what explains it, at the default setting \(training/m);
    expect(text).toMatch(/^iterationTimeS +\d+\.\d+ ms +\d+\.\d+ ms$/m);
    expect(text).toMatch(/^capBoundTimeShare +[\d.]+% +[\d.]+%$/m);
    // Same inputs, same bytes.
    expect(await ok(args)).toBe(text);
    const rows = parseCsv(readFileSync(join(out, "mechanisms.csv"), "utf8"));
    expect(rows.map((r) => r.name)).toEqual(["h100-sxm", "hypothetical-h100-2xhbm"]);
    const json = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    const [plain, wide] = json.mechanisms;
    expect(plain.hardware).toBe("h100-sxm");
    // The CSV writer keeps 6 significant digits.
    expect(Number(rows[0]?.iterationTimeS) / plain.iterationTimeS).toBeCloseTo(1, 5);
    // Twice the bandwidth: the memory-bound part of each op shrinks, the iteration too.
    expect(wide.iterationTimeS).toBeLessThan(plain.iterationTimeS);
    expect(
      plain.computeEnergyShare + plain.communicationEnergyShare + plain.blockingEnergyShare,
    ).toBeCloseTo(1, 9);
  });

  it("--set changes the scenario for every profile", async () => {
    const json = JSON.parse(
      await ok([
        "compare",
        training,
        "--profiles",
        "h100-sxm,hypothetical-h100-fastdvfs",
        "--set",
        "switchLatency=profile",
        "--json",
      ]),
    );
    expect(json.mechanisms.map((m: { switchLatencyS: number }) => m.switchLatencyS)).toEqual([
      0.01, 0.001,
    ]);
  });

  it("refuses a bad profile, a profile twice, two inputs and stray flags with exit 2", async () => {
    const bad = await badInput(["compare", training, "--profiles", "h100-sxm,h100-nope"]);
    expect(bad).toMatch(/--profiles: cannot load profile 'h100-nope'/);
    expect(await badInput(["compare", training, "--profiles", "h200,h200"])).toMatch(
      /'h200' is listed twice/,
    );
    expect(await badInput(["compare", training, training, "--profiles", "h200"])).toMatch(
      /give exactly one \(got 2\)/,
    );
    expect(await badInput(["compare", training, "--set", "microbatches=4"])).toMatch(
      /--set applies to the scenario of --profiles/,
    );
    expect(
      await badInput(["compare", training, "--profiles", "h200", "--set", "hardware=a100-sxm"]),
    ).toMatch(/sets 'hardware' itself/);
    expect(
      await badInput(["compare", training, "--profiles", "h200", "--set", "microbatches=0"]),
    ).toMatch(/--set microbatches/);
    const perseus = join(ROOT, "scenarios", "perseus-gpt3-a100.yaml");
    expect(await badInput(["compare", perseus, "--profiles", "h200"])).toMatch(
      /perseus-gpt3-a100\.yaml:\d+:\d+: .*not a measured stage profile/,
    );
  });
});
