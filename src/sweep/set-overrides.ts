/**
 * `--set path=value` on the command line: replace (or add) any field of a scenario before it is
 * loaded or expanded, e.g. `--set engine.maxNumSeqs=128` or `--set sweep.hardware=[h100-sxm,h200]`.
 * The value is read as YAML, so numbers stay numbers and `[a, b]` is a list.
 */
import { parse, type Document } from "yaml";
import { InputError } from "../input/input-error.js";
import { toSegments } from "../input/yaml-path.js";

export interface SetOverride {
  path: string;
  value: unknown;
}

export function parseSetOverride(text: string): SetOverride {
  const eq = text.indexOf("=");
  const path = eq < 0 ? "" : text.slice(0, eq).trim();
  if (eq < 0 || path === "" || toSegments(path).length === 0) {
    throw new InputError(`expected path=value, got '${text}'`, { code: "VALUE", path: "--set" });
  }
  if (toSegments(path)[0] === "kind") {
    throw new InputError("the scenario's kind cannot be set", { code: "VALUE", path: "--set" });
  }
  let value: unknown;
  try {
    value = parse(text.slice(eq + 1));
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new InputError(`cannot read the value of '${path}': ${why}`, {
      code: "VALUE",
      path: "--set",
    });
  }
  return { path, value: value ?? null };
}

/** Applies the overrides, in order, to a parsed scenario document. */
export function applySetOverrides(doc: Document.Parsed, sets: readonly SetOverride[]): void {
  for (const s of sets) doc.setIn(toSegments(s.path), doc.createNode(s.value));
}

/**
 * Errors about a field a `--set` gave have no place in the file: they name the flag instead
 * (`--set engine.maxNumSeqs: must be >= 1`). Others pass through.
 */
export function placeOnSets<T>(sets: readonly SetOverride[], body: () => T): T {
  if (sets.length === 0) return body();
  try {
    return body();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const all = "errors" in e ? (e.errors as InputError[]) : [e];
    const fromSet = (err: InputError) =>
      sets.find((s) => err.path === s.path || err.path?.startsWith(`${s.path}.`) === true);
    throw InputError.combine(
      all.map((err) => {
        const set = fromSet(err);
        return set === undefined
          ? err
          : new InputError(err.detail, { code: err.code, path: `--set ${err.path ?? set.path}` });
      }),
    );
  }
}
