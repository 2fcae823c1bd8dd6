/**
 * `wattif merge`: join the folders of a sharded sweep into the files one unsharded run writes.
 * Every folder must hold the same plan (same hash), and every planned point must have finished
 * in exactly one of them; otherwise nothing is written and the missing (or doubled) points are
 * named, as bad input.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../input/input-error.js";
import { writeResultSet } from "../report/atomic-write.js";
import { checkOutputDir } from "../report/check-output-dir.js";
import { toJson, toJsonLine } from "../report/json.js";
import { batchFiles, type PointRecord } from "./batch-files.js";
import { describePoint } from "./describe-point.js";
import { MANIFEST_FILE, PLAN_FILE, readPlanFile, type PlanFile } from "./plan-file.js";
import { POINTS_LOG, readPointsLog } from "./points-log.js";

export interface MergeReport {
  points: number;
  files: string[];
}

/** At most this many missing points are listed one by one. */
const LISTED = 20;

export async function mergeShards(dirs: readonly string[], out: string): Promise<MergeReport> {
  checkOutputDir(out);
  const plans = dirs.map((d) => ({ dir: d, plan: readPlanFile(d) }));
  const first = plans[0]!.plan;
  const others = plans.filter((p) => p.plan.planHash !== first.planHash);
  if (others.length > 0) {
    throw new InputError(
      `holds another plan than ${dirs[0]} (a different scenario, --set, or wattif version)`,
      { code: "VALUE", file: join(others[0]!.dir, PLAN_FILE) },
    );
  }
  const found = new Map<number, { dir: string; record: PointRecord }>();
  const doubled: string[] = [];
  const keys = new Map(first.points.map((p) => [p.index, p]));
  for (const { dir } of plans) {
    const seen = new Set<number>();
    for (const line of readPointsLog(join(dir, POINTS_LOG))) {
      const planned = keys.get(line.point);
      if (!line.ok || planned === undefined || planned.key !== line.key || seen.has(line.point))
        continue;
      seen.add(line.point);
      const earlier = found.get(line.point);
      if (earlier !== undefined) {
        doubled.push(`point ${line.point} is in both ${earlier.dir} and ${dir}`);
        continue;
      }
      found.set(line.point, {
        dir,
        record: { index: line.point, values: planned.values, result: line.result },
      });
    }
  }
  const missing = first.points.filter((p) => !found.has(p.index));
  if (missing.length > 0 || doubled.length > 0) {
    throw InputError.combine([
      ...(missing.length > 0 ? [missingError(missing, first)] : []),
      ...doubled.map((d) => new InputError(d, { code: "VALUE", path: "merge" })),
    ]);
  }
  const meta = {
    name: first.scenario,
    kind: first.kind,
    axes: first.axes,
    plannedPoints: first.points.length,
  };
  const records = [...found.values()].map((f) => f.record);
  const files = await batchFiles(meta, records, []);
  const written = writeResultSet(out, {
    ...files,
    [PLAN_FILE]: toJson({ ...first, shard: null } satisfies PlanFile),
    ...manifestOf(dirs[0]!),
    [POINTS_LOG]: records
      .sort((a, b) => a.index - b.index)
      .map((r) =>
        toJsonLine(
          {
            point: r.index,
            key: keys.get(r.index)!.key,
            ok: true,
            cached: true,
            result: r.result,
          },
          POINTS_LOG,
        ),
      )
      .join(""),
  });
  return { points: records.length, files: written };
}

/** The first shard's manifest.json (the plan's, so every shard holds the same), if it has one. */
function manifestOf(dir: string): Record<string, string> {
  const file = join(dir, MANIFEST_FILE);
  return existsSync(file) ? { [MANIFEST_FILE]: readFileSync(file, "utf8") } : {};
}

function missingError(missing: PlanFile["points"], plan: PlanFile): InputError {
  const listed = missing
    .slice(0, LISTED)
    .map((p) => `${p.index} (${describePoint(plan.axes, p.values)})`);
  const more = missing.length > LISTED ? `, and ${missing.length - LISTED} more` : "";
  return new InputError(
    `${missing.length} of ${plan.points.length} planned points are missing: ${listed.join("; ")}${more}`,
    { code: "VALUE", path: "merge" },
  );
}
