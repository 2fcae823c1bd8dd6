/**
 * `wattif run` on a batch sweep and `wattif merge`: the same files from one worker (in this
 * process), two child processes, and three shards merged; the cache on a re-run and --force;
 * partial failures (exit 3); incomplete merges and bad sweep values (exit 2). Simulations are
 * counted through the WATTIF_SIMULATION_LOG hook (a line per simulated point, from any process).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectBadInput, expectOk, parseCsv, wattif, type CliResult } from "./helpers.js";
import { partlyFailingSweep, servingSweep, counted, files } from "./sweep-fixtures.js";

describe("a batch sweep over hardware and engine knobs", () => {
  const [dir, file] = servingSweep();
  let one: CliResult;
  let oneSimulated: number[];
  let two: CliResult;
  let twoSimulated: number[];
  beforeAll(async () => {
    [one, oneSimulated] = await counted(["run", file, "--workers", "1", "--out", "one"], dir);
    [two, twoSimulated] = await counted(["run", file, "--workers", "2", "--out", "two"], dir);
  });

  it("runs every point once, with 1 worker and with 2", () => {
    expectOk(one, []);
    expectOk(two, []);
    expect(oneSimulated).toEqual([0, 1, 2, 3, 4, 5]);
    expect(twoSimulated).toEqual([0, 1, 2, 3, 4, 5]);
    expect(one.stdout).toMatch(
      /^hw-compare: 6 of 6 sweep points over hardware, engine.maxNumSeqs; 12 rows/,
    );
  });

  it("gives byte-identical files with 1 and 2 workers, and both workers ran points", () => {
    expect(files(join(dir, "two"))).toEqual(files(join(dir, "one")));
    expect(two.stdout).toBe(one.stdout);
    const lines = readFileSync(join(dir, "two", "points.jsonl"), "utf8")
      .trim()
      .split("\n");
    const workers = new Set(lines.map((l) => (JSON.parse(l) as { worker: number }).worker));
    expect(lines).toHaveLength(6);
    // The CLI's process (in-process here) and one child.
    expect(workers.size).toBe(2);
    expect(workers.has(process.pid)).toBe(true);
  });

  it("writes one row per operating point, in point order, with the axes and the kind's knobs", () => {
    const rows = parseCsv(readFileSync(join(dir, "one", "points.csv"), "utf8"));
    expect(rows.map((r) => [r.point, r.hardware, r["engine.maxNumSeqs"], r.freqMHz])).toEqual([
      ["0", "h100-sxm", "4", "1980"],
      ["0", "h100-sxm", "4", "1200"],
      ["1", "h100-sxm", "16", "1980"],
      ["1", "h100-sxm", "16", "1200"],
      ["2", "h100-sxm", "64", "1980"],
      ["2", "h100-sxm", "64", "1200"],
      ["3", "hypothetical-h100-2xhbm", "4", "1980"],
      ["3", "hypothetical-h100-2xhbm", "4", "1200"],
      ["4", "hypothetical-h100-2xhbm", "16", "1980"],
      ["4", "hypothetical-h100-2xhbm", "16", "1200"],
      ["5", "hypothetical-h100-2xhbm", "64", "1980"],
      ["5", "hypothetical-h100-2xhbm", "64", "1200"],
    ]);
    const frontier = parseCsv(readFileSync(join(dir, "one", "frontier.csv"), "utf8"));
    expect(frontier.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.onFrontier === "true")).toHaveLength(frontier.length);
  });

  it("gives the same files as three shards merged", async () => {
    for (const k of [0, 1, 2]) {
      const r = await wattif(
        ["run", file, "--workers", "1", "--shard", `${k}/3`, "--out", `s${k}`],
        dir,
      );
      expectOk(r, []);
      expect(r.stderr).toMatch(new RegExp(`^shard ${k}/3 \\(--shard\\)`));
      const plan = JSON.parse(readFileSync(join(dir, `s${k}`, "plan.json"), "utf8")) as {
        shard: unknown;
        points: unknown[];
      };
      expect(plan.shard).toEqual({ index: k, count: 3 });
      expect(plan.points).toHaveLength(6);
    }
    expectOk(await wattif(["merge", "s0", "s1", "s2", "--out", "merged"], dir), []);
    expect(files(join(dir, "merged"))).toEqual(files(join(dir, "one")));
  });

  it("names the missing points of an incomplete merge, exits 2 and writes nothing", async () => {
    const stderr = expectBadInput(await wattif(["merge", "s0", "s1", "--out", "partial"], dir), []);
    expect(stderr).toBe(
      "wattif: merge: 2 of 6 planned points are missing: 2 (hardware=h100-sxm, engine.maxNumSeqs=64); " +
        "5 (hardware=hypothetical-h100-2xhbm, engine.maxNumSeqs=64)\n",
    );
    expect(existsSync(join(dir, "partial"))).toBe(false);
    const twice = expectBadInput(
      await wattif(["merge", "s0", "s1", "s2", "s1", "--out", "partial"], dir),
      [],
    );
    expect(twice).toMatch(/point 1 is in both s1 and s1/);
  });

  it("reuses every finished point on a re-run, and recomputes them with --force", async () => {
    const before = files(join(dir, "two"));
    const [again, simulated] = await counted(["run", file, "--out", "two", "--workers", "2"], dir);
    expectOk(again, []);
    expect(simulated).toEqual([]);
    expect(again.stderr).toMatch(/6 points: 0 run on 1 worker\(s\), 6 from the cache/);
    expect(files(join(dir, "two"))).toEqual(before);
    const [forced, all] = await counted(
      ["run", file, "--out", "two", "--workers", "2", "--force"],
      dir,
    );
    expectOk(forced, []);
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    expect(files(join(dir, "two"))).toEqual(before);
  });

  it("recomputes a point whose input changed (--set is part of the point's key)", async () => {
    const [r, simulated] = await counted(
      ["run", file, "--out", "two", "--workers", "1", "--set", "trace.synthetic.count=30"],
      dir,
    );
    expectOk(r, []);
    expect(simulated).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("--dry-run lists the points and whether each is cached, and runs nothing into the folder", async () => {
    const r = await wattif(["run", file, "--out", "one", "--dry-run", "--shard", "1/3"], dir);
    const stdout = expectOk(r, []);
    expect(stdout).toMatch(/^point\s+hardware\s+engine.maxNumSeqs\s+cached$/m);
    expect(stdout).toMatch(/^\s+1\s+h100-sxm\s+16\s+yes$/m);
    expect(stdout).toMatch(/^\s+4\s+hypothetical-h100-2xhbm\s+16\s+yes$/m);
    expect(stdout).toMatch(/shard 1\/3: 2 of 6 points, 2 cached, 0 to run\n$/);
    // Where nothing is cached it times a quick first point, then a second one warm.
    const fresh = expectOk(
      await wattif(["run", file, "--out", "fresh", "--dry-run", "--workers", "2"], dir),
      [],
    );
    expect(fresh).toMatch(
      /6 of 6 points, 0 cached, 6 to run; about [\d.e+]+ s on 2 worker\(s\) \(point 1 took [\d.e+-]+ s here, after point 0\)\n$/,
    );
    expect(existsSync(join(dir, "fresh"))).toBe(false);
  });
});

describe("a batch sweep whose points partly fail", () => {
  it("finishes the other points, lists the failure on stderr and in failures.json, exits 3", async () => {
    const [dir, file] = partlyFailingSweep();
    const r = await wattif(["run", file, "--workers", "2", "--out", "out"], dir);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/1 point\(s\) failed/);
    expect(r.stderr).toMatch(/point 1 \(workload\.layers=99\): .*layers/);
    const failures = JSON.parse(readFileSync(join(dir, "out", "failures.json"), "utf8")) as {
      point: number;
    }[];
    expect(failures.map((f) => f.point)).toEqual([1]);
    const points = parseCsv(readFileSync(join(dir, "out", "points.csv"), "utf8"));
    expect([...new Set(points.map((p) => p.point))]).toEqual(["0", "2"]);
    const merged = await wattif(["merge", "out", "--out", "m"], dir);
    expect(expectBadInput(merged, [])).toMatch(
      /1 of 3 planned points are missing: 1 \(workload.layers=99\)/,
    );
  });
});

describe("a batch sweep whose points all fail", () => {
  it("says none finished, writes the failures and a report without a plot, exits 3", async () => {
    const [dir, file] = partlyFailingSweep();
    writeFileSync(file, readFileSync(file, "utf8").replace("[2, 99, 4]", "[99, 98]"));
    const r = await wattif(["run", file, "--workers", "2", "--out", "out"], dir);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("partly-failing: none of 2 sweep points over workload.layers finished\n");
    const failures = JSON.parse(readFileSync(join(dir, "out", "failures.json"), "utf8")) as {
      point: number;
    }[];
    expect(failures.map((f) => f.point)).toEqual([0, 1]);
    expect(readFileSync(join(dir, "out", "report.html"), "utf8")).toContain(
      "Not drawn: no point finished with finite costs.",
    );
    expect(existsSync(join(dir, "out", "plots"))).toBe(false);
  });
});

describe("bad input in a batch sweep", () => {
  it("exits 2 with file:line:col before any point runs", async () => {
    const [dir, file] = partlyFailingSweep();
    writeFileSync(file, readFileSync(file, "utf8").replace("[2, 99, 4]", "[2, 0, 4]"));
    const [r, simulated] = await counted(["run", file, "--out", "out"], dir);
    expect(expectBadInput(r, [])).toBe(`wattif: ${file}:6:24: workload.layers: must be >= 1\n`);
    expect(simulated).toEqual([]);
    expect(existsSync(join(dir, "out"))).toBe(false);
    expect(expectBadInput(await wattif(["run", file, "--set", "oops"], dir), [])).toMatch(
      /--set: expected path=value/,
    );
  });
});
