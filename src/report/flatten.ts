/**
 * Flattens nested plain objects and arrays into one level with dotted keys
 * (`{ ttftS: { p50: 1 } }` -> `{ "ttftS.p50": 1 }`), for CSV rows and table columns.
 */

/** True for `{...}` literals and `Object.create(null)`, the only objects flatten descends into. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * One-level copy of `obj` with nested plain objects and arrays expanded into dotted keys, in
 * depth-first insertion order. Array elements get their index as key (`a.0`, `a.1`). Empty nested
 * objects and arrays contribute no key. Anything else (numbers, strings, Dates, Maps, ...) is a leaf
 * and kept as is. Throws a TypeError on a cycle.
 */
export function flatten(obj: Record<string, unknown>, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  walk(obj, prefix, out, new Set());
  return out;
}

function walk(
  node: Record<string, unknown> | readonly unknown[],
  prefix: string,
  out: Record<string, unknown>,
  ancestors: Set<object>,
): void {
  if (ancestors.has(node)) throw new TypeError(`flatten: cycle at "${prefix}"`);
  ancestors.add(node);
  const entries: [string, unknown][] = Array.isArray(node)
    ? node.map((v, i): [string, unknown] => [String(i), v])
    : Object.entries(node);
  for (const [key, value] of entries) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (Array.isArray(value) || isPlainObject(value)) walk(value, path, out, ancestors);
    else out[path] = value;
  }
  ancestors.delete(node);
}
