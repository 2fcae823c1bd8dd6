/**
 * A Markdown table of schema fields (one row per field path), escaped so that schema text never
 * breaks the table or turns into HTML or emphasis.
 */
import type { FieldRow } from "./schema-fields.js";

const HEADER = ["Field", "Type", "Unit", "Default", "Allowed", "Description"];

export function fieldTable(rows: readonly FieldRow[]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const body = rows.map((r) =>
    line(
      [
        `\`${r.path}\`${r.form === undefined ? "" : ` (${r.form})`}`,
        r.type,
        r.unit,
        r.default,
        r.allowed,
        r.description,
      ].map(cell),
    ),
  );
  return [line(HEADER), line(HEADER.map(() => "---")), ...body].join("\n");
}

/**
 * `|` must be escaped even inside code spans (GFM tables); outside them `<` would start HTML
 * (`results/<name>`) and `*` emphasis (`gpu*`).
 */
export function cell(text: string): string {
  return text
    .split("`")
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/<(?=[A-Za-z/!?])/g, "&lt;").replace(/\*/g, "\\*"),
    )
    .join("`")
    .replace(/\|/g, "\\|");
}
