/**
 * CSV rows as header-keyed records (fast-csv): measurement CSVs and stage profiles,
 * and numeric cells checked with an InputError naming the file, line and column.
 */
import { parseString } from "fast-csv";
import { InputError } from "./input-error.js";

export type Row = Record<string, string>;

export function parseCsvRows(text: string, file: string): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const rows: Row[] = [];
    parseString(text, { headers: true, trim: true, strictColumnHandling: true })
      .on("error", (e: Error) => reject(new InputError(e.message, { file, code: "VALUE" })))
      .on("data-invalid", (_row: unknown, rowNumber: number) =>
        reject(
          new InputError("row has a different number of columns than the header", {
            file,
            line: rowNumber + 1,
            code: "VALUE",
          }),
        ),
      )
      .on("data", (row: Row) => rows.push(row))
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
      path: column,
      code: "VALUE",
    });
  }
  return value;
}
