/**
 * `extends`: deep-merge a child profile over its base. Structural maps (compute, power,
 * timing.efficiency.gemm, ...) merge key by key; everything else - a quantity, a clock grid, a
 * list, `powerLimit: none` - is one figure and the child's value replaces the base's whole, so
 * an overridden figure always restates its own provenance.
 */
import { profileSchema } from "./profile-schema.js";

type Json = Record<string, unknown>;

/** Dotted paths ("" for the root) of the maps that merge key by key, read off a schema. */
export function structuralPaths(schema: object): Set<string> {
  const root = schema as Json;
  const defs = (root["$defs"] ?? {}) as Json;
  const out = new Set<string>();
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== "object") return;
    let s = node as Json;
    const ref = s["$ref"];
    if (typeof ref === "string" && ref.startsWith("#/$defs/")) {
      s = (defs[ref.slice("#/$defs/".length)] ?? {}) as Json;
    }
    const props = s["properties"];
    if (props !== null && typeof props === "object" && !("source" in props)) {
      out.add(path);
      for (const [k, v] of Object.entries(props as Json)) walk(v, path === "" ? k : `${path}.${k}`);
    }
    if (s["then"] !== undefined) walk(s["then"], path);
  };
  walk(root, "");
  return out;
}

const PROFILE_STRUCTURAL = structuralPaths(profileSchema);

function isPlainMap(v: unknown): v is Json {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The child merged over the base; neither input is modified. */
export function mergeExtends(
  base: unknown,
  child: unknown,
  structural: ReadonlySet<string> = PROFILE_STRUCTURAL,
): unknown {
  const merge = (b: unknown, c: unknown, path: string): unknown => {
    if (!isPlainMap(b) || !isPlainMap(c) || !structural.has(path)) return c;
    const out: Json = { ...b };
    for (const [k, v] of Object.entries(c)) {
      const value = Object.hasOwn(b, k) ? merge(b[k], v, path === "" ? k : `${path}.${k}`) : v;
      // defineProperty: a key named "__proto__" stays a plain (and then rejected) field
      Object.defineProperty(out, k, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return merge(base, child, "");
}
