/**
 * The CSV subset trace files use: one record per line, comma-separated cells, an optional pair
 * of double quotes around a cell, a header line naming the columns. Cells hold numbers and
 * timestamps, so quoted commas and multi-line cells are not needed (and not supported).
 */
import { InputError } from "../../input/input-error.js";
import { tokenField } from "./field-values.js";
import type { TraceFields } from "./request.js";
import type { ParsedRow } from "./sort-rows.js";
import { nonBlankLines, type TextLine } from "./trace-text.js";

export interface CsvRow {
  line: number;
  cells: string[];
  /** 1-based column where each cell starts, for messages (line:col). */
  cols: number[];
  /** 1-based column just past the line's end: where a missing cell belongs. */
  endCol: number;
}

export interface CsvTable {
  /** Header cells as written (trimmed, unquoted). */
  header: string[];
  headerLine: number;
  rows: CsvRow[];
}

function colsOf(t: TextLine): number[] {
  const cols: number[] = [];
  let at = 1;
  for (const raw of t.text.split(",")) {
    cols.push(at + (raw.length - raw.trimStart().length));
    at += raw.length + 1;
  }
  return cols;
}

function cellsOf(t: TextLine): string[] {
  return t.text.split(",").map((c) => {
    const s = c.trim();
    return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).trim() : s;
  });
}

/** Split text into header and rows; a file with no lines at all is an error. */
export function parseCsvTable(text: string, file: string): CsvTable {
  const lines = nonBlankLines(text);
  const first = lines[0];
  if (first === undefined) throw new InputError("the file is empty", { file, code: "VALUE" });
  return {
    header: cellsOf(first),
    headerLine: first.line,
    rows: lines.slice(1).map((t) => ({
      line: t.line,
      cells: cellsOf(t),
      cols: colsOf(t),
      endCol: t.text.length + 1,
    })),
  };
}

/**
 * Index of each wanted column (matched case-insensitively); a missing one is an error on the
 * header line naming it. Extra columns are allowed and ignored.
 */
export function columnIndices(table: CsvTable, wanted: readonly string[], file: string): number[] {
  const lower = table.header.map((h) => h.toLowerCase());
  return wanted.map((name) => {
    const i = lower.indexOf(name.toLowerCase());
    if (i < 0) {
      throw new InputError(
        `missing column (the header must name ${wanted.join(",")}; got '${table.header.join(",")}')`,
        { file, line: table.headerLine, path: name, code: "VALUE" },
      );
    }
    return i;
  });
}

/** Rows must have as many cells as the header: a short or long row is a damaged line. */
export function checkCellCount(table: CsvTable, row: CsvRow, file: string): void {
  const want = table.header.length;
  if (row.cells.length === want) return;
  const missing = table.header[row.cells.length];
  throw new InputError(
    `row has ${row.cells.length} cells but the header has ${want}` +
      (missing !== undefined ? " (missing value)" : ""),
    {
      file,
      line: row.line,
      col: row.cells.length < want ? row.endCol : (row.cols[want] ?? row.endCol),
      code: "VALUE",
      ...(missing !== undefined ? { path: missing } : {}),
    },
  );
}

/**
 * The rows of a trace CSV with an arrival, an input-token and an output-token column (named by
 * `fields`). `arrivalOf` reads an arrival cell in the caller's unit; token counts are checked here.
 */
export function csvTraceRows(
  text: string,
  file: string,
  fields: TraceFields,
  arrivalOf: (cell: string | undefined, at: { file: string; line: number; col?: number }) => number,
): ParsedRow[] {
  const table = parseCsvTable(text, file);
  const [ai, ii, oi] = columnIndices(table, [fields.arrival, fields.input, fields.output], file);
  return table.rows.map((row) => {
    checkCellCount(table, row, file);
    const at = (i: number) => ({ file, line: row.line, col: row.cols[i] ?? row.endCol });
    return {
      arrival: arrivalOf(row.cells[ai as number], at(ai as number)),
      inputTokens: tokenField(row.cells[ii as number], fields.input, at(ii as number), "input"),
      outputTokens: tokenField(row.cells[oi as number], fields.output, at(oi as number), "output"),
      line: row.line,
    };
  });
}
