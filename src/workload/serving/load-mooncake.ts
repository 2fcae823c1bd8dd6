/**
 * Mooncake traces (kvcache-ai/Mooncake): JSON Lines, one request per line,
 * `{"timestamp": <ms>, "input_length": n, "output_length": n, "hash_ids": [...]}`.
 * Unknown fields (hash_ids and any others) are ignored. Arrivals are seconds since the earliest
 * request, since timestamps may be offsets or wall-clock milliseconds.
 */
import { InputError } from "../../input/input-error.js";
import { nonNegativeField, tokenField } from "./field-values.js";
import { TRACE_FIELDS, type Trace } from "./request.js";
import { traceFromRows, type ParsedRow } from "./sort-rows.js";
import { nonBlankLines, traceNameOf } from "./trace-text.js";

export function parseMooncakeTrace(text: string, file: string, name = traceNameOf(file)): Trace {
  const f = TRACE_FIELDS.mooncake;
  const lines = nonBlankLines(text);
  if (lines.length === 0) throw new InputError("the file is empty", { file, code: "VALUE" });
  const rows: ParsedRow[] = lines.map(({ line, text: t }) => {
    const at = { file, line };
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (e) {
      throw new InputError(`not valid JSON: ${(e as Error).message}`, { ...at, code: "VALUE" });
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new InputError("expected one JSON object per line", { ...at, code: "VALUE" });
    }
    const obj = value as Record<string, unknown>;
    return {
      arrival: nonNegativeField(obj[f.arrival], f.arrival, at),
      inputTokens: tokenField(obj[f.input], f.input, at, "input"),
      outputTokens: tokenField(obj[f.output], f.output, at, "output"),
      line,
    };
  });
  return traceFromRows(rows, { name, file, fields: f, unitsPerS: 1000, rebase: true });
}
