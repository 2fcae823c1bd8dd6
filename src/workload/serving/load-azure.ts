/**
 * The Azure LLM inference trace 2023 (Azure Public Dataset; Patel et al., Splitwise, ISCA 2024)
 * as published: `TIMESTAMP,ContextTokens,GeneratedTokens`, UTC timestamps with 7 fractional
 * digits, CRLF lines. Arrivals are seconds since the earliest row, exact to 100 ns.
 * The published files have no zero-length prompts or outputs; such rows are errors here too.
 */
import { InputError } from "../../input/input-error.js";
import { parseAzureTimestamp, ticksBetween, TICKS_PER_S, type DayTick } from "./azure-timestamp.js";
import { TRACE_FIELDS, type Trace } from "./request.js";
import { traceFromRows } from "./sort-rows.js";
import { csvTraceRows } from "./trace-csv.js";
import { traceNameOf } from "./trace-text.js";

/** Parse Azure trace text; `file` is the name errors show. */
export function parseAzureTrace(text: string, file: string, name = traceNameOf(file)): Trace {
  const f = TRACE_FIELDS.azure;
  let origin: DayTick | undefined;
  // Arrivals in 100 ns ticks since the first row, exact (rebased to the earliest after sorting).
  const arrivalOf = (stamp: string | undefined, at: { file: string; line: number }): number => {
    if (stamp === undefined || stamp === "") {
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
    return arrival;
  };
  const rows = csvTraceRows(text, file, f, arrivalOf);
  return traceFromRows(rows, { name, file, fields: f, unitsPerS: TICKS_PER_S, rebase: true });
}
