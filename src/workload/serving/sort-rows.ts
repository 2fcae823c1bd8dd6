/**
 * Parsed rows into a Trace: sorted by arrival and numbered. Unsorted rows are sorted into place
 * (stable: equal timestamps keep file order) and counted, not rejected: real logs interleave
 * writers, and the order of arrival, not of logging, is what a replay needs.
 */
import { InputError } from "../../input/input-error.js";
import type { Request, Trace, TraceFields } from "./request.js";

export interface ParsedRow {
  /** Arrival in the file's own unit and origin (ticks, ms or s). */
  arrival: number;
  inputTokens: number;
  outputTokens: number;
  line: number;
}

export interface TraceFromRows {
  name: string;
  file: string;
  fields: TraceFields;
  /** File units per second: arrivalS = arrival / unitsPerS (a division, so 1e7 ticks stay exact). */
  unitsPerS: number;
  /** Shift arrivals so the earliest is at 0 (for timestamps with an arbitrary origin). */
  rebase: boolean;
}

/** Rows that arrive earlier than some row above them. */
export function countUnsorted(rows: readonly ParsedRow[]): number {
  let count = 0;
  let latest = -Infinity;
  for (const r of rows) {
    if (r.arrival < latest) count++;
    else latest = r.arrival;
  }
  return count;
}

export function traceFromRows(rows: ParsedRow[], how: TraceFromRows): Trace {
  if (rows.length === 0) {
    // Placed just below the header, where the first row belongs.
    throw new InputError("no requests: the file has a header but no rows", {
      file: how.file,
      line: 2,
      col: 1,
      code: "VALUE",
    });
  }
  const unsortedRows = countUnsorted(rows);
  // Array.prototype.sort is stable (ES2019), so ties keep file order.
  const sorted = unsortedRows > 0 ? [...rows].sort((a, b) => a.arrival - b.arrival) : rows;
  const origin = how.rebase ? (sorted[0] as ParsedRow).arrival : 0;
  const requests: Request[] = sorted.map((r, id) => ({
    id,
    arrivalS: (r.arrival - origin) / how.unitsPerS,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    line: r.line,
  }));
  return {
    name: how.name,
    requests,
    source: how.file,
    fields: how.fields,
    skippedTooLong: 0,
    unsortedRows,
  };
}
