/**
 * Batch sweeps of the kinds that search inside one run: `kind: zeus` (each point a whole oracle and
 * online replay, its rows the batch size x power limit grid) and `kind: capacity` (each point a
 * whole plan, its rows demand level x candidate). Same files from 1 and 2 workers and from merged
 * shards; the cache key follows the Zeus trace's content; deployments that miss the SLOs never
 * reach the frontier; bad values exit 2 at their sweep entry. Simulations are counted through
 * the WATTIF_SIMULATION_LOG hook.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectBadInput, expectOk, parseCsv, wattif, type CliResult } from "./helpers.js";
import { capacitySweep, zeusSweep, counted, files } from "./sweep-fixtures.js";

describe("a batch sweep of a Zeus scenario (eta x seed)", () => {
  const [dir, file] = zeusSweep();
  let one: CliResult;
  let two: CliResult;
  beforeAll(async () => {
    one = await wattif(["run", file, "--workers", "1", "--out", "one"], dir);
    two = await wattif(["run", file, "--workers", "2", "--out", "two"], dir);
  });

  it("runs every point as a whole Zeus run: the grid's rows, one optimum per point", () => {
    expect(expectOk(one, [])).toMatch(
      /^zeus-sweep: 4 of 4 sweep points over eta, seed; \d+ rows, \d+ on the frontier of energyJ vs timeS/,
    );
    const rows = parseCsv(readFileSync(join(dir, "one", "points.csv"), "utf8"));
    const perPoint = [0, 1, 2, 3].map((p) => rows.filter((r) => r.point === String(p)));
    // The same grid at every point: eta and the seed move the pick and the replay, not the grid.
    expect(perPoint.every((g) => g.length === perPoint[0]!.length)).toBe(true);
    expect(perPoint[0]!.length).toBeGreaterThan(10);
    for (const g of perPoint) expect(g.filter((r) => r.optimal === "true")).toHaveLength(1);
    expect(perPoint.map((g) => [g[0]!.eta, g[0]!.seed])).toEqual([
      ["0.25", "1"],
      ["0.25", "2"],
      ["0.75", "1"],
      ["0.75", "2"],
    ]);
    // costJ = eta x energyJ + (1 - eta) x maxPowerW x timeS: a higher eta weighs energy more.
    const a40MaxW = 300;
    for (const r of rows) {
      const eta = Number(r.eta);
      const cost = eta * Number(r.energyJ) + (1 - eta) * a40MaxW * Number(r.timeS);
      expect(Number(r.costJ)).toBeCloseTo(cost, -1);
    }
    // The seed changes the online replay's regret, not the oracle's grid.
    expect(perPoint[0]![0]!["replayCumulativeRegret.costJ"]).not.toBe(
      perPoint[1]![0]!["replayCumulativeRegret.costJ"],
    );
    const frontier = parseCsv(readFileSync(join(dir, "one", "frontier.csv"), "utf8"));
    expect(rows.filter((r) => r.onFrontier === "true")).toHaveLength(frontier.length);
  });

  it("gives byte-identical files with 1 and 2 workers, and both workers ran points", () => {
    expectOk(two, []);
    expect(files(join(dir, "two"))).toEqual(files(join(dir, "one")));
    const lines = readFileSync(join(dir, "two", "points.jsonl"), "utf8")
      .trim()
      .split("\n");
    const workers = new Set(lines.map((l) => (JSON.parse(l) as { worker: number }).worker));
    expect(workers.size).toBe(2);
  });

  it("reuses the cache, and recomputes every point when the trace's content changes", async () => {
    const [again, none] = await counted(["run", file, "--workers", "1", "--out", "one"], dir);
    expectOk(again, []);
    expect(none).toEqual([]);
    const power = join(dir, "trace", "summary_power_a40.csv");
    const text = readFileSync(power, "utf8");
    const lines = text.split("\n");
    // One measured average power moves (the last cell of the first data row): same size class.
    lines[1] = lines[1]!.replace(/,([0-9.]+)$/, (_, w: string) => `,${(Number(w) + 1).toFixed(4)}`);
    expect(lines.join("\n")).not.toBe(text);
    writeFileSync(power, lines.join("\n"));
    const [changed, all] = await counted(["run", file, "--workers", "1", "--out", "one"], dir);
    expectOk(changed, []);
    expect(all).toEqual([0, 1, 2, 3]);
  });
});

describe("a batch sweep of a capacity plan (PUE x p90 TTFT target)", () => {
  const [dir, file] = capacitySweep();
  let one: CliResult;
  beforeAll(async () => {
    one = await wattif(["run", file, "--workers", "1", "--out", "one"], dir);
  });

  it("runs every point as a whole plan; deployments missing the SLOs stay off the frontier", () => {
    expect(expectOk(one, [])).toMatch(
      /^capacity-sweep: 4 of 4 sweep points over datacenter.pue, slo.ttftP90S; 8 rows, \d+ on the frontier of facilityEnergyMWhPerDay vs costUsdPerDay/,
    );
    const rows = parseCsv(readFileSync(join(dir, "one", "points.csv"), "utf8"));
    expect(rows.map((r) => [r.point, r["datacenter.pue"], r["slo.ttftP90S"], r.candidate])).toEqual(
      [
        ["0", "1.1", "0.5", "h100"],
        ["0", "1.1", "0.5", "h100-cap450"],
        ["1", "1.1", "0.001", "h100"],
        ["1", "1.1", "0.001", "h100-cap450"],
        ["2", "1.5", "0.5", "h100"],
        ["2", "1.5", "0.5", "h100-cap450"],
        ["3", "1.5", "0.001", "h100"],
        ["3", "1.5", "0.001", "h100-cap450"],
      ],
    );
    // A 1 ms p90 TTFT is out of reach: infeasible, no recommendation, never on the frontier.
    for (const r of rows.filter((x) => x["slo.ttftP90S"] === "0.001")) {
      expect(r.feasible).toBe("false");
      expect(r.recommended).toBe("false");
      expect(r.onFrontier).toBe("false");
    }
    const feasible = rows.filter((x) => x["slo.ttftP90S"] === "0.5");
    expect(feasible.every((r) => r.feasible === "true")).toBe(true);
    // The PUE scales the facility's energy of the same IT power: 1.5 / 1.1 at each candidate.
    for (const [lo, hi] of [
      [feasible[0]!, feasible[2]!],
      [feasible[1]!, feasible[3]!],
    ] as const) {
      expect(lo.avgItPowerW).toBe(hi.avgItPowerW);
      const ratio = Number(hi.facilityEnergyMWhPerDay) / Number(lo.facilityEnergyMWhPerDay);
      expect(ratio).toBeCloseTo(1.5 / 1.1, 4);
    }
    const frontier = parseCsv(readFileSync(join(dir, "one", "frontier.csv"), "utf8"));
    expect(frontier.length).toBeGreaterThan(0);
    expect(frontier.every((r) => r.feasible === "true")).toBe(true);
  });

  it("gives the same files as two shards merged", async () => {
    for (const k of [0, 1])
      expectOk(
        await wattif(["run", file, "--workers", "1", "--shard", `${k}/2`, "--out", `s${k}`], dir),
        [],
      );
    expectOk(await wattif(["merge", "s0", "s1", "--out", "merged"], dir), []);
    expect(files(join(dir, "merged"))).toEqual(files(join(dir, "one")));
  });
});

describe("bad values in a Zeus or capacity sweep", () => {
  it("exit 2 at the sweep entry that set them, before any point runs", async () => {
    const [zdir, zfile] = zeusSweep();
    writeFileSync(
      zfile,
      readFileSync(zfile, "utf8").replace("  seed: [1, 2]", "  gpus: [[a40], [h900]]"),
    );
    const [z, zsim] = await counted(["run", zfile, "--out", "out"], zdir);
    expect(expectBadInput(z, [])).toBe(
      `wattif: ${zfile}:8:18: gpus[0]: unknown GPU 'h900' (the traces have: a40)\n`,
    );
    expect(zsim).toEqual([]);
    const [cdir, cfile] = capacitySweep();
    writeFileSync(cfile, readFileSync(cfile, "utf8").replace("[1.1, 1.5]", "[1.1, 5]"));
    const [c, csim] = await counted(["run", cfile, "--out", "out"], cdir);
    expect(expectBadInput(c, [])).toBe(`wattif: ${cfile}:18:25: datacenter.pue: must be <= 3\n`);
    expect(csim).toEqual([]);
    expect(existsSync(join(cdir, "out"))).toBe(false);
  });
});
