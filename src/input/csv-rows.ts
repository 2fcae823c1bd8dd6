/**
 * CSV rows as header-keyed records (fast-csv): measurement CSVs and stage profiles,
 * and numeric cells checked with an InputError naming the file, line and column.
 */
import { parseString } from "fast-csv";
import { InputError } from "./input-error.js";

export type Row = Record<string, string>;

/** Each parsed row's 1-based column per header name, for messages (fast-csv keeps no raw text). */
const CELL_COLS = new WeakMap<Row, Record<string, number>>();

/** The 1-based column where `row`'s cell `column` starts, when known. */
export function cellCol(row: Row, column: string): number | undefined {
  return CELL_COLS.get(row)?.[column];
}

/** 1-based start column of each cell of a CSV line (commas inside double quotes kept). */
function cellStarts(line: string): number[] {
  const starts: number[] = [];
  let at = 0;
  let quoted = false;
  for (let i = 0; i <= line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if ((ch === "," && !quoted) || i === line.length) {
      const cell = line.slice(at, i);
      starts.push(at + 1 + (cell.length - cell.trimStart().length));
      at = i + 1;
    }
  }
  return starts;
}

export function parseCsvRows(text: string, file: string): Promise<Row[]> {
  // Row n (1-based, after the header) is line n + 1 of the file, as every caller numbers it.
  const lines = text.split(/\r?\n/);
  const headerCells = cellStarts(lines[0] ?? "").length;
  const names = (lines[0] ?? "").split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
  return new Promise((resolve, reject) => {
    const rows: Row[] = [];
    parseString(text, { headers: true, trim: true, strictColumnHandling: true })
      .on("error", (e: Error) => reject(new InputError(e.message, { file, code: "VALUE" })))
      .on("data-invalid", (_row: unknown, rowNumber: number) => {
        const raw = lines[rowNumber] ?? "";
        const starts = cellStarts(raw);
        // Too many cells: the first extra one; too few: just past the line, where one is missing.
        const col = starts.length > headerCells ? starts[headerCells] : raw.length + 1;
        reject(
          new InputError(
            `row has ${starts.length} cell(s), the header ${headerCells}: a different number of columns`,
            { file, line: rowNumber + 1, col, code: "VALUE" },
          ),
        );
      })
      .on("data", (row: Row) => {
        const starts = cellStarts(lines[rows.length + 1] ?? "");
        const cols: Record<string, number> = {};
        names.forEach((name, i) => {
          if (starts[i] !== undefined) cols[name] = starts[i];
        });
        CELL_COLS.set(row, cols);
        rows.push(row);
      })
      .on("end", () => resolve(rows));
  });
}

/** A finite number >= 0 (> 0 for clocks and times). */
export function numberCell(
  row: Row,
  column: string,
  file: string,
  line: number,
  positive = false,
): number {
  const text = row[column] ?? "";
  const value = Number(text);
  if (text === "" || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new InputError(`expected a number ${positive ? ">" : ">="} 0, got '${text}'`, {
      file,
      line,
      col: cellCol(row, column),
      path: column,
      code: "VALUE",
    });
  }
  return value;
}
