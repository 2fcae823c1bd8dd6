/**
 * The Azure LLM inference trace 2023 (Azure Public Dataset; Patel et al., Splitwise, ISCA 2024)
 * as published: `TIMESTAMP,ContextTokens,GeneratedTokens`, UTC timestamps with 7 fractional
 * digits, CRLF lines. Arrivals are seconds since the earliest row, exact to 100 ns.
 * The published files have no zero-length prompts or outputs; such rows are errors here too.
 */
import { InputError } from "../../input/input-error.js";
import { parseAzureTimestamp, ticksBetween, TICKS_PER_S, type DayTick } from "./azure-timestamp.js";
import { tokenField } from "./field-values.js";
import type { Trace, TraceFields } from "./request.js";
import { traceFromRows, type ParsedRow } from "./sort-rows.js";
import { checkCellCount, columnIndices, parseCsvTable } from "./trace-csv.js";
import { traceNameOf } from "./trace-text.js";

export const AZURE_FIELDS: TraceFields = {
  arrival: "TIMESTAMP",
  input: "ContextTokens",
  output: "GeneratedTokens",
};

/** Parse Azure trace text; `file` is the name errors show. */
export function parseAzureTrace(text: string, file: string, name = traceNameOf(file)): Trace {
  const table = parseCsvTable(text, file);
  const f = AZURE_FIELDS;
  const [ti, ii, oi] = columnIndices(table, [f.arrival, f.input, f.output], file) as [
    number,
    number,
    number,
  ];
  let origin: DayTick | undefined;
  const rows: ParsedRow[] = table.rows.map((row) => {
    checkCellCount(table, row, file);
    const at = { file, line: row.line };
    const stamp = row.cells[ti] ?? "";
    if (stamp === "") {
      throw new InputError("missing value", { ...at, path: f.arrival, code: "VALUE" });
    }
    const t = parseAzureTimestamp(stamp);
    if (t === undefined) {
      throw new InputError(
        `expected a timestamp like '2023-11-16 18:15:46.6805900' (UTC), got '${stamp}'`,
        { ...at, path: f.arrival, code: "VALUE" },
      );
    }
    origin ??= t;
    const arrival = ticksBetween(origin, t);
    if (!Number.isSafeInteger(arrival)) {
      throw new InputError("timestamps span more than 28 years", {
        ...at,
        path: f.arrival,
        code: "VALUE",
      });
    }
    return {
      arrival,
      inputTokens: tokenField(row.cells[ii], f.input, at, "input"),
      outputTokens: tokenField(row.cells[oi], f.output, at, "output"),
      line: row.line,
    };
  });
  return traceFromRows(rows, { name, file, fields: f, unitsPerS: TICKS_PER_S, rebase: true });
}
