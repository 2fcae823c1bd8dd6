/**
 * The generic axes of a scenario's `sweep:` map: any key that is not one of the kind's own sweep
 * fields (estimate: freqMHz, powerCapW; serving: freqMHz, powerCapW, maxNumSeqs, tp, replicas)
 * is a field path of the scenario (`hardware`, `engine.maxNumSeqs`, `parallelism.tp`) with a list
 * of values or an inclusive `{from, to, step}`. Beside them: `zip` (axes that move together),
 * `where` (filters) and `exclude` (points left out). Each value keeps its YAML node, so a point's
 * problems are reported at the sweep entry that set them.
 */
import { isMap, isScalar, isSeq, Scalar, type Node } from "yaml";
import { InputError } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";
import { expandRange } from "../scenario/expand-range.js";
import { compileWhere, type Predicate } from "./where-expression.js";

/** The sweep fields each kind handles itself, inside one run (kept in every point's document). */
export const KIND_SWEEP_FIELDS: Readonly<Record<string, readonly string[]>> = {
  estimate: ["freqMHz", "powerCapW"],
  serving: ["freqMHz", "powerCapW", "maxNumSeqs", "tp", "replicas"],
};

/** Keys of `sweep:` that are not axes. */
const CONTROL_KEYS = ["zip", "where", "exclude"] as const;

export interface AxisValue {
  value: unknown;
  /** The YAML node the value came from (with its position in the scenario file). */
  node: Node;
}

export interface Axis {
  path: string;
  values: AxisValue[];
}

export interface SweepSpec {
  /** Generic axes in the order written. */
  axes: Axis[];
  /** Factors of the cartesian product: one axis, or a zipped group moving together. */
  factors: Axis[][];
  where: { text: string; test: Predicate; at: (string | number)[] }[];
  exclude: { match: Record<string, unknown>; at: (string | number)[] }[];
  /** Keys of `sweep:` that are the kind's own (left for its loader). */
  kindKeys: string[];
}

/** Most points one sweep may expand to (guards against a runaway product). */
export const MAX_SWEEP_POINTS = 100_000;

const FORBIDDEN_ROOTS = new Set(["kind", "sweep"]);

export function sweepSpec(loaded: LoadedYaml, kind: string): SweepSpec {
  const spec: SweepSpec = { axes: [], factors: [], where: [], exclude: [], kindKeys: [] };
  const sweep = loaded.doc.get("sweep", true);
  if (!isMap(sweep)) return spec;
  const own = KIND_SWEEP_FIELDS[kind] ?? [];
  const problems: InputError[] = [];
  for (const pair of sweep.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (own.includes(key)) {
      spec.kindKeys.push(key);
      continue;
    }
    if ((CONTROL_KEYS as readonly string[]).includes(key)) continue;
    const at = ["sweep", key];
    if (FORBIDDEN_ROOTS.has(key.split(/[.[]/)[0] ?? "")) {
      problems.push(loaded.errorAt(at, `'${key}' cannot be swept`, "SCHEMA"));
      continue;
    }
    try {
      spec.axes.push({ path: key, values: axisValues(pair.value as Node | null, loaded, at) });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(e);
    }
  }
  const value = loaded.value as { sweep?: Record<string, unknown> };
  const control = value.sweep ?? {};
  const zipped = zipGroups(control.zip, spec.axes, loaded, problems);
  for (const axis of spec.axes) {
    const group = zipped.find((g) => g.includes(axis));
    if (group === undefined) spec.factors.push([axis]);
    else if (group[0] === axis) spec.factors.push(group);
  }
  const where = control.where;
  const texts = where === undefined ? [] : Array.isArray(where) ? where : [where];
  texts.forEach((text, i) => {
    const at = Array.isArray(where) ? ["sweep", "where", i] : ["sweep", "where"];
    if (typeof text !== "string") {
      problems.push(loaded.errorAt(at, "must be an expression (a string)", "SCHEMA"));
      return;
    }
    try {
      spec.where.push({ text, test: compileWhere(text), at });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(loaded.errorAt(at, e.detail, "SCHEMA"));
    }
  });
  const exclude = control.exclude;
  if (exclude !== undefined) {
    if (!Array.isArray(exclude)) {
      problems.push(loaded.errorAt(["sweep", "exclude"], "must be a list of maps", "SCHEMA"));
    } else {
      exclude.forEach((m, i) => {
        const at = ["sweep", "exclude", i];
        if (m === null || typeof m !== "object" || Array.isArray(m)) {
          problems.push(loaded.errorAt(at, "must be a map of axis: value", "SCHEMA"));
          return;
        }
        for (const k of Object.keys(m as object)) {
          if (!spec.axes.some((a) => a.path === k))
            problems.push(loaded.errorAt([...at, k], `'${k}' is not a sweep axis`, "SCHEMA"));
        }
        spec.exclude.push({ match: m as Record<string, unknown>, at });
      });
    }
  }
  if (problems.length > 0) throw InputError.combine(problems);
  return spec;
}

function axisValues(node: Node | null, loaded: LoadedYaml, at: (string | number)[]): AxisValue[] {
  if (isSeq(node)) {
    if (node.items.length === 0) throw loaded.errorAt(at, "needs at least one value", "SCHEMA");
    return node.items.map((item) => ({
      value: (item as Node).toJS(loaded.doc),
      node: item as Node,
    }));
  }
  if (isMap(node)) {
    const r = node.toJS(loaded.doc) as Record<string, unknown>;
    const keys = Object.keys(r).sort().join(",");
    const ok =
      keys === "from,step,to" &&
      [r.from, r.to, r.step].every((v) => typeof v === "number" && Number.isFinite(v)) &&
      (r.step as number) > 0;
    if (!ok) {
      throw loaded.errorAt(at, "must be a list of values or {from, to, step} (step > 0)", "SCHEMA");
    }
    const spec = r as { from: number; to: number; step: number };
    if (Math.abs(spec.to - spec.from) / spec.step >= MAX_SWEEP_POINTS) {
      throw loaded.errorAt(at, `more than ${MAX_SWEEP_POINTS} values`);
    }
    return expandRange(spec, []).map((v) => {
      const scalar = new Scalar(v);
      // Each generated value points at the range it came from.
      scalar.range = node.range;
      return { value: v, node: scalar };
    });
  }
  throw loaded.errorAt(at, "must be a list of values or {from, to, step}", "SCHEMA");
}

function zipGroups(
  zip: unknown,
  axes: Axis[],
  loaded: LoadedYaml,
  problems: InputError[],
): Axis[][] {
  if (zip === undefined) return [];
  const fail = (at: (string | number)[], why: string) => {
    problems.push(loaded.errorAt(at, why, "SCHEMA"));
    return [];
  };
  if (!Array.isArray(zip)) return fail(["sweep", "zip"], "must be a list of lists of axis names");
  const used = new Set<string>();
  const groups: Axis[][] = [];
  zip.forEach((names, i) => {
    const at = ["sweep", "zip", i];
    if (!Array.isArray(names) || names.length < 2 || !names.every((n) => typeof n === "string")) {
      fail(at, "must list two or more axis names");
      return;
    }
    const group: Axis[] = [];
    for (const [j, name] of (names as string[]).entries()) {
      const axis = axes.find((a) => a.path === name);
      if (axis === undefined) fail([...at, j], `'${name}' is not a sweep axis`);
      else if (used.has(name)) fail([...at, j], `'${name}' is zipped twice`);
      else {
        used.add(name);
        group.push(axis);
      }
    }
    if (group.length !== names.length) return;
    const n = group[0]!.values.length;
    if (group.some((a) => a.values.length !== n)) {
      fail(
        at,
        `zipped axes need as many values each (${group.map((a) => a.values.length).join(" vs ")})`,
      );
      return;
    }
    // The group moves at the place of its first axis in the written order.
    groups.push(group.sort((a, b) => axes.indexOf(a) - axes.indexOf(b)));
  });
  return groups;
}
