/**
 * `wattif run` on a batch sweep: pick this process's shard, then print the plan (--dry-run) or
 * run it on the worker pool and print its frontier. Exit 3 when some points failed (the others
 * finished; the failures are listed on stderr and in failures.json).
 */
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { badValue } from "../../input/input-error.js";
import { formatTable, markRow } from "../../report/table.js";
import { toJson } from "../../report/json.js";
import { formatMetric } from "../../report/quantity.js";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { canonicalJson } from "../../sweep/canonical-json.js";
import { describePoint } from "../../sweep/describe-point.js";
import type { SweepPlan } from "../../sweep/plan-sweep.js";
import { pointCache } from "../../sweep/point-cache.js";
import { runPoint } from "../../sweep/run-point.js";
import { pointsOf, runSweep, sweepOutDir } from "../../sweep/run-sweep.js";
import { shardOf, type Shard } from "../../sweep/shard.js";
import { EXIT_POINTS_FAILED } from "../exit-codes.js";
import { log, printResult } from "../print.js";
import type { RunArgs } from "./run.js";

/** Frontier rows shown on the terminal (all are in frontier.csv). */
const SHOWN = 20;

export async function runBatch(plan: SweepPlan, argv: RunArgs): Promise<void> {
  const workers = argv.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) {
    throw badValue("--workers", `must be a whole number of at least 1, got ${workers}`);
  }
  const shard = shardOf(argv.shard, argv.shardCount, process.env);
  const opts = { out: argv.out, workers, force: argv.force === true, shard };
  if (argv.dryRun) {
    await dryRun(plan, opts);
    return;
  }
  if (shard !== undefined) log(`shard ${shard.index}/${shard.count} (${shard.source})`);
  const report = await runSweep(plan, { ...opts, progress: process.stderr.isTTY === true });
  const summary = JSON.parse(readFileSync(join(report.outDir, "summary.json"), "utf8")) as Summary;
  printResult(argv.json ? toJson(summary) : formatBatch(summary));
  log(
    `${report.points} points: ${report.computed} run on ${Math.min(workers, Math.max(1, report.computed))} worker(s), ${report.cached} from the cache`,
  );
  log(
    `wrote ${report.files.map((f) => relative(report.outDir, f)).join(", ")} to ${report.outDir}/`,
  );
  if (report.failures.length > 0) {
    log(`${report.failures.length} point(s) failed (the others finished; see failures.json):`);
    for (const f of report.failures)
      log(`  point ${f.index} (${describePoint(plan.axes, f.values)}): ${f.error}`);
    process.exitCode = EXIT_POINTS_FAILED;
  }
}

interface Summary {
  scenario: string;
  axes: string[];
  frontierAxes: { x: string; y: string } | null;
  points: number;
  pointsDone: number;
  rows: number;
  rowsBreakingSlo?: number;
  frontierRows: number;
  frontier: ({ point: number; x: number; y: number } & Record<string, unknown>)[];
}

function formatBatch(s: Summary): string {
  if (s.frontierAxes === null) {
    return `${s.scenario}: none of ${s.points} sweep points over ${s.axes.join(", ")} finished\n`;
  }
  const x = s.frontierAxes.x;
  const y = s.frontierAxes.y;
  const shown = s.frontier.slice(0, SHOWN);
  const lines = [
    `${s.scenario}: ${s.pointsDone} of ${s.points} sweep points over ${s.axes.join(", ")}; ${s.rows} rows` +
      (s.rowsBreakingSlo ? ` (${s.rowsBreakingSlo} break the SLO, kept off the frontier)` : "") +
      `, ${s.frontierRows} on the frontier of ${y} vs ${x}`,
    "",
    formatTable(
      shown.map((f) => markRow({ ...f, x: formatMetric(x, f.x), y: formatMetric(y, f.y) }, "*")),
      [
        { key: "point" },
        ...s.axes.map((a) => ({ key: a })),
        { key: "x", header: x },
        { key: "y", header: y },
      ],
    ),
  ];
  if (s.frontier.length > SHOWN)
    lines.push(`... and ${s.frontier.length - SHOWN} more in frontier.csv`);
  return lines.join("\n") + "\n";
}

/** A sample point faster than this (s) is followed by a second, timed warm. */
const QUICK_POINT_S = 2;

/** The points this run would compute, and how long that should take, from one point run now. */
async function dryRun(
  plan: SweepPlan,
  opts: { out?: string; workers: number; force: boolean; shard?: Shard },
) {
  const mine = pointsOf(plan, opts.shard);
  const cache = pointCache(sweepOutDir(plan, opts));
  const cached = new Set(
    mine.filter((p) => !opts.force && cache.get(p.key) !== undefined).map((p) => p.index),
  );
  process.stdout.write(
    formatTable(
      mine.map((p) => ({
        point: p.index,
        ...Object.fromEntries(
          plan.axes.map((a) => [
            a,
            typeof p.values[a] === "object" ? canonicalJson(p.values[a]) : p.values[a],
          ]),
        ),
        cached: cached.has(p.index) ? "yes" : "no",
      })),
      [{ key: "point" }, ...plan.axes.map((a) => ({ key: a })), { key: "cached" }],
    ),
  );
  const todo = mine.filter((p) => !cached.has(p.index));
  const scope = opts.shard ? `shard ${opts.shard.index}/${opts.shard.count}: ` : "";
  let line = `${scope}${mine.length} of ${plan.points.length} points, ${cached.size} cached, ${todo.length} to run`;
  const sample = todo[0];
  if (sample !== undefined) {
    const timeS = async (p: (typeof todo)[number]) => {
      const t0 = performance.now();
      await runPoint({ index: p.index, file: plan.file, doc: p.doc });
      return (performance.now() - t0) / 1e3;
    };
    let perPointS = await timeS(sample);
    let timed = `point ${sample.index} took ${perPointS.toPrecision(2)} s here`;
    // A first point pays for compiling and filling cost tables once (up to 3x a light point's
    // time): when it was quick, a second one gives the time the rest will take.
    const next = todo[1];
    if (next !== undefined && perPointS < QUICK_POINT_S) {
      perPointS = await timeS(next);
      timed = `point ${next.index} took ${perPointS.toPrecision(2)} s here, after point ${sample.index}`;
    }
    const w = Math.min(opts.workers, todo.length);
    const totalS = perPointS * Math.ceil(todo.length / w);
    line += `; about ${totalS.toPrecision(2)} s on ${w} worker(s) (${timed})`;
  }
  printResult(`${line}\n`);
}
