/**
 * Run a planned batch sweep (or this shard's part of it) into its output folder: reuse cached
 * points (unless forced), run the rest on the worker pool, append each finished point to the
 * cache (`<out>/.cache/`, kept across runs, so a killed run resumes) and to points.jsonl at once,
 * and at the end write plan.json, manifest.json, points.jsonl and the batch files (points.csv,
 * frontier.csv, summary.json, failures.json, the plot and report.html) as one result set (atomic-write.ts), in point order. While it runs, points.jsonl
 * grows in a work folder beside the output (`.<out>.<pid>.<thread>.<n>.work`), so the output
 * folder holds the previous run's whole set until the new one replaces it; a killed run's work
 * folder is removed by the next write there.
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeResultSet } from "../report/atomic-write.js";
import { checkOutputDir } from "../report/check-output-dir.js";
import { newSwapId, swapPath } from "../report/result-folder-names.js";
import { toJson } from "../report/json.js";
import { batchFiles, type PointFailure, type PointRecord } from "./batch-files.js";
import { MANIFEST_FILE, planFile, PLAN_FILE } from "./plan-file.js";
import type { PlannedPoint, SweepPlan } from "./plan-sweep.js";
import { pointCache } from "./point-cache.js";
import { openPointsLog, POINTS_LOG } from "./points-log.js";
import { sweepProgress } from "./progress.js";
import { runOnPool } from "./worker-pool.js";
import { inShard, type Shard } from "./shard.js";

export interface SweepRunOptions {
  /** Output folder; default the scenario's, or `<it>/shard-<i>-of-<n>` for a shard. */
  out?: string;
  workers: number;
  /** Recompute every point, cached or not. */
  force?: boolean;
  shard?: Shard;
  /** Show the progress bar (the CLI: when stderr is a terminal). */
  progress?: boolean;
}

export interface SweepRunReport {
  outDir: string;
  /** Points of this run (this shard's). */
  points: number;
  computed: number;
  cached: number;
  failures: PointFailure[];
  /** Which worker (process id) finished each computed point. */
  workers: number[];
  files: string[];
}

export function sweepOutDir(plan: SweepPlan, opts: Pick<SweepRunOptions, "out" | "shard">): string {
  if (opts.out !== undefined) return opts.out;
  const s = opts.shard;
  return s === undefined ? plan.outputDir : join(plan.outputDir, `shard-${s.index}-of-${s.count}`);
}

export function pointsOf(plan: SweepPlan, shard: Shard | undefined): PlannedPoint[] {
  return plan.points.filter((p) => inShard(p.index, shard));
}

export async function runSweep(plan: SweepPlan, opts: SweepRunOptions): Promise<SweepRunReport> {
  const outDir = sweepOutDir(plan, opts);
  const work = swapPath(checkOutputDir(outDir), newSwapId(), "work");
  mkdirSync(work, { recursive: true });
  try {
    return await runInto(plan, opts, outDir, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function runInto(
  plan: SweepPlan,
  opts: SweepRunOptions,
  outDir: string,
  work: string,
): Promise<SweepRunReport> {
  const mine = pointsOf(plan, opts.shard);
  const cache = pointCache(outDir);
  const log = openPointsLog(join(work, POINTS_LOG));
  const records: PointRecord[] = [];
  const failures: PointFailure[] = [];
  const todo: PlannedPoint[] = [];
  const byIndex = new Map(mine.map((p) => [p.index, p]));
  const workers = new Set<number>();
  try {
    for (const p of mine) {
      const hit = opts.force ? undefined : cache.get(p.key);
      if (hit === undefined) {
        todo.push(p);
        continue;
      }
      records.push({ index: p.index, values: p.values, result: hit });
      log.append({ point: p.index, key: p.key, ok: true, cached: true, result: hit });
    }
    const progress = sweepProgress(mine.length, records.length, opts.progress === true);
    try {
      await runOnPool(
        todo.map((p) => ({ index: p.index, file: plan.file, doc: p.doc })),
        opts.workers,
        (o) => {
          const p = byIndex.get(o.index)!;
          if (o.ok) {
            cache.put(p.key, o.result);
            records.push({ index: p.index, values: p.values, result: o.result });
            log.append({
              point: p.index,
              key: p.key,
              ok: true,
              cached: false,
              worker: o.worker,
              result: o.result,
            });
            workers.add(o.worker);
          } else {
            failures.push({ index: p.index, values: p.values, error: o.error });
            log.append({ point: p.index, key: p.key, ok: false, error: o.error });
          }
          progress.tick(failures.length);
        },
      );
    } finally {
      progress.stop();
    }
  } finally {
    log.close();
  }
  const meta = {
    name: plan.name,
    kind: plan.kind,
    axes: plan.axes,
    plannedPoints: plan.points.length,
  };
  const files = writeResultSet(outDir, {
    [PLAN_FILE]: toJson(planFile(plan, opts.shard)),
    [MANIFEST_FILE]: toJson(plan.manifest),
    [POINTS_LOG]: readFileSync(join(work, POINTS_LOG), "utf8"),
    ...(await batchFiles(meta, records, failures)),
  });
  return {
    outDir,
    points: mine.length,
    computed: todo.length,
    cached: mine.length - todo.length,
    failures: failures.sort((a, b) => a.index - b.index),
    workers: [...workers],
    files,
  };
}
