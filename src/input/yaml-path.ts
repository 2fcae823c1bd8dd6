/**
 * Field paths inside a YAML document: parse and print them (`power.idleW`, `interconnect[0].name`)
 * and find the line and column of the node a path names.
 */
import {
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
} from "yaml";

export type PathSegment = string | number;
export type PathLike = string | readonly PathSegment[];

/** `["interconnect", 0, "name"]` -> `interconnect[0].name`. */
export function pathToString(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

/** `interconnect[0].name` -> `["interconnect", 0, "name"]`; arrays of segments pass through. */
export function toSegments(path: PathLike): readonly PathSegment[] {
  if (typeof path !== "string") return path;
  const segs: PathSegment[] = [];
  for (const part of path.split(".")) {
    if (part === "") continue;
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null) {
      segs.push(part);
      continue;
    }
    if (m[1] !== undefined && m[1] !== "") segs.push(m[1]);
    for (const idx of (m[2] ?? "").matchAll(/\[(\d+)\]/g)) segs.push(Number(idx[1]));
  }
  return segs;
}

/** A JSON pointer (ajv's `instancePath`, e.g. `/interconnect/0/name`) -> segments. */
export function pointerToSegments(pointer: string, value: unknown): PathSegment[] {
  if (pointer === "") return [];
  const segs: PathSegment[] = [];
  let cur: unknown = value;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(cur) && /^\d+$/.test(key)) {
      segs.push(Number(key));
      cur = cur[Number(key)];
    } else {
      segs.push(key);
      cur =
        cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return segs;
}

export interface NodePosition {
  line: number;
  col: number;
  /** True when the whole path exists; otherwise the position is of its deepest existing part. */
  found: boolean;
}

/**
 * Line and column of the node at `path`. Scalars and flow collections (`{value: 1, ...}`) point
 * at the value; block maps and lists, empty values, and `key: true` point at the key naming them.
 */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: PathLike,
  opts: { key?: boolean } = {},
): NodePosition {
  const segs = toSegments(path);
  let node: unknown = doc.contents;
  let keyNode: unknown = undefined;
  let found = true;
  for (const seg of segs) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: { key: unknown; value: unknown } | undefined;
    if (isMap(node)) {
      const pair = pairByKey(node).get(String(seg));
      if (pair !== undefined) next = { key: pair.key, value: pair.value };
    } else if (isSeq(node)) {
      const idx = typeof seg === "number" ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
      if (idx >= 0 && idx < node.items.length) next = { key: undefined, value: node.items[idx] };
    }
    if (next === undefined) {
      found = false;
      break;
    }
    keyNode = next.key;
    node = next.value;
  }
  const useKey =
    keyNode !== undefined &&
    (opts.key === true ||
      node === null ||
      node === undefined ||
      (isCollection(node) && node.flow !== true) ||
      (isScalar(node) && node.value === null && node.source === ""));
  const offset = rangeStart(useKey ? keyNode : node) ?? rangeStart(keyNode);
  if (offset === undefined) return { line: 1, col: 1, found };
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col, found };
}

type MapPair = { key: unknown; value: unknown };

/**
 * A map's pairs by key text, built once per map node: positioning one error per key of a map
 * with 100k unknown keys would otherwise scan the map once per key (quadratic). The first pair
 * of a key wins, as a scan would find it. Pairs are kept as objects, so a value replaced in place
 * (a sweep point's entry) is seen; keys are never renamed in place.
 */
const pairIndex = new WeakMap<object, { count: number; byKey: Map<string, MapPair> }>();

function pairByKey(node: { items: readonly MapPair[] }): Map<string, MapPair> {
  let index = pairIndex.get(node);
  // A pair added or removed since (a --set of a new field, the sweep removed) rebuilds it.
  if (index === undefined || index.count !== node.items.length) {
    const byKey = new Map<string, MapPair>();
    for (const p of node.items) {
      const k = keyText(p.key);
      if (!byKey.has(k)) byKey.set(k, p);
    }
    pairIndex.set(node, (index = { count: node.items.length, byKey }));
  }
  return index.byKey;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function rangeStart(node: unknown): number | undefined {
  if (node === null || typeof node !== "object") return undefined;
  const range = (node as { range?: readonly number[] | null }).range;
  return range?.[0];
}
