/**
 * Plain-text aligned tables for the terminal: a header line, a rule of dashes, one line per row,
 * and an optional leading mark column (`*` for frontier points, `<- default`, ...).
 */
import { finiteOrThrow } from "./finite-check.js";
import { formatNumber, formatValue } from "./format-value.js";
import { formatScaled, unitFor, type BaseUnit, type ScaledUnit } from "./quantity.js";

export interface TableColumn {
  /** Row key; a dotted key (`ttftS.p50`) also reaches into nested objects. */
  key: string;
  /** Header text; defaults to `key`. */
  header?: string;
  /** Unit shown in the header as `header (unit)`. */
  unit?: string;
  /** Fixed digits after the point for numbers; default: formatNumber (6 significant digits). */
  digits?: number;
  /**
   * Values in this base unit (J, s, W), shown in one unit picked for the column's largest value
   * (kJ, MJ, ms, ...) with 4 significant digits; the header names it. Overrides `unit`/`digits`.
   */
  quantity?: BaseUnit;
  /** Default: right when every non-empty cell of the column is a number, else left. */
  align?: "left" | "right";
}

/** Key of the optional per-row mark printed in the leading column. */
export const MARK_KEY = "_mark";

/** A copy of `row` carrying `mark` in the leading mark column. */
export function markRow<T extends Record<string, unknown>>(
  row: T,
  mark: string,
): T & { _mark: string } {
  return { ...row, [MARK_KEY]: mark };
}

const GAP = "  ";

/**
 * `rows` as an aligned table, one line per row, each line ending in "\n" and without trailing
 * spaces. When any row has a string `_mark`, a leading unlabelled column shows it.
 */
export function formatTable(
  rows: readonly Record<string, unknown>[],
  columns: readonly TableColumn[],
): string {
  const values = rows.map((row, i) =>
    columns.map((c) => {
      const v = lookup(row, c.key);
      if (typeof v === "number")
        finiteOrThrow(v, `table column ${c.header ?? c.key}, row ${i + 1}`);
      return v;
    }),
  );
  const scaled = columns.map((c, j) =>
    c.quantity ? columnUnit(c.quantity, values, j) : undefined,
  );
  const headers = columns.map((c, j) => {
    const unit = scaled[j]?.unit ?? c.unit;
    return unit ? `${c.header ?? c.key} (${unit})` : (c.header ?? c.key);
  });
  const cells = values.map((line) =>
    line.map((v, j) => {
      const unit = scaled[j];
      return unit && typeof v === "number"
        ? formatScaled(v, unit)
        : formatCell(v, columns[j]?.digits);
    }),
  );
  const aligns = columns.map((c, j) => c.align ?? (isNumericColumn(values, j) ? "right" : "left"));
  const widths = headers.map((h, j) =>
    cells.reduce((w, line) => Math.max(w, at(line, j).length), h.length),
  );

  const marks = rows.map((row) => {
    const mark = row[MARK_KEY];
    return typeof mark === "string" ? mark : "";
  });
  const markWidth = marks.reduce((w, m) => Math.max(w, m.length), 0);

  const render = (texts: readonly string[], mark: string): string => {
    const parts = texts.map((t, j) => pad(t, at(widths, j), at(aligns, j)));
    if (markWidth > 0) parts.unshift(pad(mark, markWidth, "left"));
    return `${parts.join(GAP).trimEnd()}\n`;
  };

  const rule = widths.map((w) => "-".repeat(w));
  let out = render(headers, "") + render(rule, "");
  cells.forEach((line, i) => {
    out += render(line, at(marks, i));
  });
  return out;
}

function at<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined) throw new RangeError(`formatTable: index ${i} out of range`);
  return v;
}

/** `row[key]` when present, else the value at the dotted path `key`. */
function lookup(row: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(row, key)) return row[key];
  let node: unknown = row;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function formatCell(value: unknown, digits: number | undefined): string {
  if (typeof value !== "number") return formatValue(value);
  if (digits === undefined) return formatNumber(value);
  const text = value.toFixed(digits);
  // A value that rounds to zero prints without a sign ("-0.00" -> "0.00").
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** The unit for column j: the one that suits its largest finite magnitude. */
function columnUnit(base: BaseUnit, values: readonly unknown[][], j: number): ScaledUnit {
  let largest = 0;
  for (const line of values) {
    const v = line[j];
    if (typeof v === "number" && Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  }
  return unitFor(base, largest);
}

function isNumericColumn(values: readonly unknown[][], j: number): boolean {
  let any = false;
  for (const line of values) {
    const v = line[j];
    if (v === undefined || v === null) continue;
    if (typeof v !== "number") return false;
    any = true;
  }
  return any;
}

function pad(text: string, width: number, align: "left" | "right"): string {
  return align === "right" ? text.padStart(width) : text.padEnd(width);
}
