/**
 * JSON text for results: pretty (2 spaces), keys in insertion order, a trailing newline.
 */
import { assertFiniteTree } from "./finite-check.js";

/**
 * `value` as pretty JSON plus "\n". Keys keep insertion order (so equal inputs give equal bytes);
 * undefined and functions at the top level become null. Bigints are written as decimal strings,
 * since JSON numbers cannot hold them exactly. A NaN or infinity anywhere is a bug (a missing
 * number is null): it throws, naming the field (finite-check.ts), and nothing is written.
 */
export function toJson(value: unknown): string {
  assertFiniteTree(value, "JSON output");
  const text = JSON.stringify(value, replacer, 2) as string | undefined;
  return `${text ?? "null"}\n`;
}

/**
 * `value` as one line of JSON Lines (compact, plus "\n"), checked as `toJson` is; `what` names
 * the file in the error (e.g. `points.jsonl`).
 */
export function toJsonLine(value: unknown, what: string): string {
  assertFiniteTree(value, what);
  return `${JSON.stringify(value, replacer) ?? "null"}\n`;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  return value;
}
