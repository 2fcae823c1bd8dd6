/**
 * CSV text from result rows: nested objects flattened to dotted columns, values formatted
 * deterministically, RFC 4180 quoting by fast-csv, `\n` line endings and a final newline.
 */
import { writeToString } from "fast-csv";
import { finiteOrThrow } from "./finite-check.js";
import { flatten } from "./flatten.js";
import { formatValue } from "./format-value.js";

/**
 * Column names of `rows` after flattening: the union of their keys in first-seen order.
 */
export function csvColumns(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(flatten(row))) seen.add(key);
  return [...seen];
}

/**
 * CSV of `rows` with a header line. Columns are `columns` when given (in that order; a row's other
 * keys are dropped and a missing key is an empty cell), otherwise csvColumns(rows). Numbers go
 * through formatNumber, booleans print `true`/`false`, undefined and null print empty. Returns ""
 * when there are no columns. A NaN or infinity throws, naming its column and row (finite-check.ts).
 */
export async function toCsv(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
): Promise<string> {
  const headers = columns !== undefined ? [...columns] : csvColumns(rows);
  if (headers.length === 0) return "";
  const cells = rows.map((row, i) => {
    const flat = flatten(row);
    return headers.map((key) => {
      const v = flat[key];
      if (typeof v === "number") finiteOrThrow(v, `CSV column ${key}, row ${i + 1}`);
      return formatValue(v);
    });
  });
  return writeToString(cells, {
    headers,
    alwaysWriteHeaders: true,
    rowDelimiter: "\n",
    includeEndRowDelimiter: true,
  });
}
