/**
 * Expand a scenario's generic sweep into one single-run document per point, in a fixed order:
 * the cartesian product of the axes as written (the first axis outermost, zipped axes moving
 * together), less the points a `where` rejects or an `exclude` names. Each point's document is
 * the scenario's own with the swept fields replaced by the sweep entries' YAML nodes, so its kind
 * loader reports a bad value at the line of the sweep entry that set it.
 */
import type { Document } from "yaml";
import { InputError } from "../input/input-error.js";
import { loadedFromDocument, type LoadedYaml } from "../input/load-yaml.js";
import { toSegments } from "../input/yaml-path.js";
import { canonicalJson } from "./canonical-json.js";
import { MAX_SWEEP_POINTS, type Axis, type SweepSpec } from "./sweep-axes.js";

export interface ExpandedPoint {
  /** Position in the sweep, counting only the points kept. */
  index: number;
  /** Axis path -> the value this point takes, in axis order. */
  values: Record<string, unknown>;
  /** The point's single-run document, with positions in the scenario file. */
  loaded: LoadedYaml;
}

/**
 * The points one by one. A point's `loaded` is valid until the next is drawn: every point is
 * the same working copy of the document with the axis values set in turn (a fresh copy per
 * point was a third of planning's time).
 */
export function* expandSweep(loaded: LoadedYaml, spec: SweepSpec): Generator<ExpandedPoint> {
  const total = spec.factors.reduce((n, f) => n * (f[0]?.values.length ?? 1), 1);
  if (total > MAX_SWEEP_POINTS) {
    throw loaded.errorAt(["sweep"], `${total} points is too many (at most ${MAX_SWEEP_POINTS})`);
  }
  const excluded = spec.exclude.map((e) => ({
    entries: Object.entries(e.match).map(([k, v]) => [k, canonicalJson(v)] as const),
  }));
  const work = loaded.doc.clone() as Document.Parsed;
  dropGenericSweep(work, spec);
  const paths = spec.axes.map((axis) => toSegments(axis.path));
  let kept = 0;
  const problems = new Map<string, InputError>();
  for (let combo = 0; combo < total; combo++) {
    const picks = picksOf(combo, spec.factors);
    const values: Record<string, unknown> = {};
    for (const axis of spec.axes) values[axis.path] = axis.values[picks.get(axis)!]!.value;
    if (excluded.some((e) => e.entries.every(([k, v]) => canonicalJson(values[k]) === v))) continue;
    // Each axis sets every point, so the last point's value is always replaced.
    spec.axes.forEach((axis, i) => work.setIn(paths[i]!, axis.values[picks.get(axis)!]!.node));
    const point = loadedFromDocument(work, loaded.lineCounter, loaded.file);
    const lookup = (name: string) => valueAt(point.value, name);
    let keep = true;
    for (const w of spec.where) {
      try {
        keep = w.test(lookup);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        const err = loaded.errorAt(w.at, e.detail, "VALUE");
        problems.set(err.message, err);
        keep = false;
      }
      if (!keep) break;
    }
    if (keep) yield { index: kept++, values, loaded: point };
  }
  if (problems.size > 0) throw InputError.combine([...problems.values()]);
  if (kept === 0) {
    throw loaded.errorAt(["sweep"], "no point is left after 'where' and 'exclude'");
  }
}

/** Which value of each axis combination number `combo` takes (the last factor moves fastest). */
function picksOf(combo: number, factors: Axis[][]): Map<Axis, number> {
  const picks = new Map<Axis, number>();
  let rest = combo;
  for (let f = factors.length - 1; f >= 0; f--) {
    const factor = factors[f]!;
    const n = factor[0]!.values.length;
    const k = rest % n;
    rest = Math.floor(rest / n);
    for (const axis of factor) picks.set(axis, k);
  }
  return picks;
}

/** A point keeps only the kind's own sweep fields (or no `sweep:` at all). */
function dropGenericSweep(doc: Document.Parsed, spec: SweepSpec): void {
  if (spec.kindKeys.length === 0) {
    doc.delete("sweep");
    return;
  }
  const sweep = doc.get("sweep") as { items: { key: unknown }[] } | undefined;
  const keys = (sweep?.items ?? []).map((p) =>
    String((p.key as { value?: unknown }).value ?? p.key),
  );
  for (const key of keys) if (!spec.kindKeys.includes(key)) doc.deleteIn(["sweep", key]);
}

/** The value at a dotted path of a plain document (undefined when absent). */
export function valueAt(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const seg of toSegments(path)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
