/**
 * The plain trace CSV: a header `arrival_s,input_tokens,output_tokens` (any order, extra columns
 * ignored), then one request per row. Arrivals are kept as written (not rebased), so a file may
 * start with a deliberate idle gap.
 */
import { nonNegativeField } from "./field-values.js";
import { TRACE_FIELDS, type Trace } from "./request.js";
import { traceFromRows } from "./sort-rows.js";
import { csvTraceRows } from "./trace-csv.js";
import { traceNameOf } from "./trace-text.js";

export function parsePlainCsvTrace(text: string, file: string, name = traceNameOf(file)): Trace {
  const f = TRACE_FIELDS.csv;
  const rows = csvTraceRows(text, file, f, (cell, at) => nonNegativeField(cell, f.arrival, at));
  return traceFromRows(rows, { name, file, fields: f, unitsPerS: 1, rebase: false });
}
