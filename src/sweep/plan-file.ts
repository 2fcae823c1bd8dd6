/**
 * plan.json beside a batch sweep's results: every planned point (index, cache key, axis values),
 * the plan's hash and which shard this folder holds. Merge checks shards against it.
 */
import { join } from "node:path";
import { InputError } from "../input/input-error.js";
import { readTextFile } from "../input/read-text-file.js";
import type { SweepPlan } from "./plan-sweep.js";
import type { Shard } from "./shard.js";

export const PLAN_FILE = "plan.json";
/** What the sweep was made from (plan-sweep.ts BatchManifest); merge copies the first shard's. */
export const MANIFEST_FILE = "manifest.json";

export interface PlanFile {
  format: "wattif-sweep-plan/1";
  scenario: string;
  kind: string;
  axes: string[];
  planHash: string;
  shard: { index: number; count: number } | null;
  points: { index: number; key: string; values: Record<string, unknown> }[];
}

export function planFile(plan: SweepPlan, shard: Shard | undefined): PlanFile {
  return {
    format: "wattif-sweep-plan/1",
    scenario: plan.name,
    kind: plan.kind,
    axes: plan.axes,
    planHash: plan.planHash,
    shard: shard === undefined ? null : { index: shard.index, count: shard.count },
    points: plan.points.map((p) => ({ index: p.index, key: p.key, values: p.values })),
  };
}

export function readPlanFile(dir: string): PlanFile {
  const file = join(dir, PLAN_FILE);
  const text = readTextFile(file);
  let plan: PlanFile;
  try {
    plan = JSON.parse(text) as PlanFile;
  } catch {
    throw new InputError("not JSON", { code: "FILE", file });
  }
  if (plan?.format !== "wattif-sweep-plan/1" || !Array.isArray(plan.points)) {
    throw new InputError("not a wattif sweep plan", { code: "FILE", file });
  }
  return plan;
}
