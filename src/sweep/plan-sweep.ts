/**
 * Plan a scenario run: apply `--set` overrides, and when its `sweep:` has generic axes, expand
 * them and load every point with its kind's loader now, before anything runs (all bad input is
 * found and reported together, exit 2), giving each point its cache key. A scenario without
 * generic axes stays one run of its kind (`single`).
 */
import { createHash } from "node:crypto";
import { InputError } from "../input/input-error.js";
import { recordFileReads } from "../input/file-reads.js";
import { loadedFromDocument, loadYamlFile, type LoadedYaml } from "../input/load-yaml.js";
import { scenarioFrom, type Scenario } from "../scenario/load-scenario.js";
import {
  manifestProfiles,
  resultManifest,
  type ResultManifest,
} from "../scenario/results/manifest.js";
import { expandSweep } from "./expand-sweep.js";
import { pointKey } from "./point-key.js";
import { applySetOverrides, placeOnSets, type SetOverride } from "./set-overrides.js";
import { sweepSpec } from "./sweep-axes.js";

export interface PlannedPoint {
  index: number;
  key: string;
  /** Axis path -> value. */
  values: Record<string, unknown>;
  /** The resolved single-run document a worker loads. */
  doc: unknown;
}

export interface SweepPlan {
  file: string;
  name: string;
  kind: string;
  outputDir: string;
  axes: string[];
  points: PlannedPoint[];
  /** Hash of the axes and every point's key: shards of one plan carry the same. */
  planHash: string;
  /** manifest.json: what the sweep was made from (every profile any point runs on). */
  manifest: BatchManifest;
}

export type BatchManifest = ResultManifest & {
  /** The sweep's axes and point count (plan.json has the points, their keys and the hash). */
  sweep: { axes: string[]; points: number };
};

export type PlannedRun = { batch: false; scenario: Scenario } | { batch: true; plan: SweepPlan };

export function planRun(file: string, sets: readonly SetOverride[] = []): PlannedRun {
  return placeOnSets(sets, () => plan(file, sets));
}

function plan(file: string, sets: readonly SetOverride[]): PlannedRun {
  let loaded: LoadedYaml = loadYamlFile(file);
  if (sets.length > 0) {
    applySetOverrides(loaded.doc, sets);
    loaded = loadedFromDocument(loaded.doc, loaded.lineCounter, loaded.file);
  }
  const value = loaded.value as Record<string, unknown> | null;
  const kind = value !== null && typeof value === "object" ? value.kind : undefined;
  // The kind loader reports a missing or unknown kind (and a non-map document) itself.
  if (typeof kind !== "string") return { batch: false, scenario: scenarioFrom(loaded) };
  const spec = sweepSpec(loaded, kind);
  if (spec.axes.length === 0) return { batch: false, scenario: scenarioFrom(loaded) };
  const problems = new Map<string, InputError>();
  const points: PlannedPoint[] = [];
  let first: Scenario | undefined;
  const profiles = new Map<string, ResultManifest["profiles"][number]>();
  for (const p of expandSweep(loaded, spec)) {
    try {
      const { value: scenario, fileHashes } = recordFileReads(() => scenarioFrom(p.loaded));
      first ??= scenario;
      for (const pr of manifestProfiles(scenario))
        profiles.set(`${pr.role}\u0000${pr.name}\u0000${pr.sha256}`, pr);
      points.push({
        index: p.index,
        key: pointKey(p.loaded.value, fileHashes),
        values: p.values,
        doc: p.loaded.value,
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // Many points share one bad entry: report each problem once.
      for (const err of e instanceof InputError && "errors" in e ? (e.errors as InputError[]) : [e])
        problems.set(err.format(), err);
    }
  }
  if (problems.size > 0) throw InputError.combine([...problems.values()]);
  const axes = spec.axes.map((a) => a.path);
  const planHash = createHash("sha256")
    .update(JSON.stringify({ axes, keys: points.map((p) => p.key) }))
    .digest("hex");
  return {
    batch: true,
    plan: {
      file,
      name: first!.name,
      kind,
      outputDir: first!.outputDir,
      axes,
      points,
      planHash,
      manifest: {
        ...resultManifest(first!),
        profiles: [...profiles.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, pr]) => pr),
        sweep: { axes, points: points.length },
      },
    },
  };
}
