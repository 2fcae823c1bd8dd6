/**
 * Deterministic text for one cell value, shared by the CSV writer and the terminal table.
 */
import { finiteOrThrow } from "./finite-check.js";

/**
 * A number as text: integers exactly (`12345678`), others rounded to 6 significant digits and
 * printed in JavaScript's shortest form (`0.1 + 0.2` -> `0.3`, `1e-7` -> `1e-7`). `-0` prints `0`.
 * NaN and infinities are never printed: they throw (a bug; see finite-check.ts).
 */
export function formatNumber(x: number): string {
  finiteOrThrow(x, "a number to print");
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

/**
 * A cell value as text: numbers via formatNumber, booleans `true`/`false`, undefined and null empty,
 * Dates as ISO 8601, bigints in decimal, everything else via String().
 */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
