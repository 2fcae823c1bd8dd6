/**
 * The plain trace CSV: a header `arrival_s,input_tokens,output_tokens` (any order, extra columns
 * ignored), then one request per row. Arrivals are kept as written (not rebased), so a file may
 * start with a deliberate idle gap.
 */
import { nonNegativeField, tokenField } from "./field-values.js";
import type { Trace, TraceFields } from "./request.js";
import { traceFromRows, type ParsedRow } from "./sort-rows.js";
import { checkCellCount, columnIndices, parseCsvTable } from "./trace-csv.js";
import { traceNameOf } from "./trace-text.js";

export const PLAIN_CSV_FIELDS: TraceFields = {
  arrival: "arrival_s",
  input: "input_tokens",
  output: "output_tokens",
};

export function parsePlainCsvTrace(text: string, file: string, name = traceNameOf(file)): Trace {
  const table = parseCsvTable(text, file);
  const f = PLAIN_CSV_FIELDS;
  const [ai, ii, oi] = columnIndices(table, [f.arrival, f.input, f.output], file) as [
    number,
    number,
    number,
  ];
  const rows: ParsedRow[] = table.rows.map((row) => {
    checkCellCount(table, row, file);
    const at = { file, line: row.line };
    return {
      arrival: nonNegativeField(row.cells[ai], f.arrival, at),
      inputTokens: tokenField(row.cells[ii], f.input, at, "input"),
      outputTokens: tokenField(row.cells[oi], f.output, at, "output"),
      line: row.line,
    };
  });
  return traceFromRows(rows, { name, file, fields: f, unitsPerS: 1, rebase: false });
}
