/**
 * A published histogram of token lengths as a length distribution: a CSV with the columns
 * `bin_low_tokens,bin_high_tokens,requests` (ML.ENERGY's output-length histograms), one row per
 * bin. A draw picks a bin in proportion to its count, then a length uniformly inside it.
 */
import { InputError } from "../../input/input-error.js";
import { readTextFile } from "../../input/read-text-file.js";
import { checkCellCount, columnIndices, parseCsvTable } from "./trace-csv.js";

export interface HistogramBin {
  lowTokens: number;
  highTokens: number;
  count: number;
}

export const HISTOGRAM_COLUMNS = ["bin_low_tokens", "bin_high_tokens", "requests"] as const;

export function parseLengthHistogram(text: string, file: string): HistogramBin[] {
  const table = parseCsvTable(text, file);
  const cols = columnIndices(table, HISTOGRAM_COLUMNS, file);
  const bins = table.rows.map((row) => {
    checkCellCount(table, row, file);
    const [low, high, count] = cols.map((c, k) => {
      const text = row.cells[c] ?? "";
      const v = Number(text);
      if (text === "" || !Number.isFinite(v) || v < 0)
        throw new InputError(`expected a number >= 0, got '${text}'`, {
          file,
          line: row.line,
          path: HISTOGRAM_COLUMNS[k],
          code: "VALUE",
        });
      return v;
    }) as [number, number, number];
    if (!(high >= low))
      throw new InputError(`bin_high_tokens ${high} is below bin_low_tokens ${low}`, {
        file,
        line: row.line,
        code: "VALUE",
      });
    return { lowTokens: low, highTokens: high, count };
  });
  if (!bins.some((b) => b.count > 0))
    throw new InputError("the histogram has no requests", { file, code: "VALUE" });
  return bins;
}

export function loadLengthHistogram(file: string): HistogramBin[] {
  return parseLengthHistogram(readTextFile(file), file);
}
