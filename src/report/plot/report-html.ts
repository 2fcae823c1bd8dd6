/**
 * A self-contained report page: the summary as a table and each plot's SVG inline, with no
 * scripts, stylesheets or images from elsewhere, so it opens offline and can be mailed as is.
 */

export interface ReportSection {
  /** Element id of the figure, e.g. `plot-frontier`. */
  id: string;
  title: string;
  svg: string;
  note?: string;
}

export interface ReportPage {
  title: string;
  subtitle?: string;
  /** Summary rows: label and value, both plain text. */
  summary: readonly (readonly [string, string])[];
  sections: readonly ReportSection[];
  /** Plain-text notes after the plots (e.g. plots skipped and why). */
  notes?: readonly string[];
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

const STYLE = `body{font-family:sans-serif;margin:2em;color:#1b1b1b;max-width:980px}
table{border-collapse:collapse;margin:1em 0}td,th{padding:2px 10px;border-bottom:1px solid #ddd;text-align:left}
td.v{font-variant-numeric:tabular-nums}figure{margin:2em 0}figcaption{font-weight:bold;margin-bottom:.5em}
p.note{color:#555}`;

export function reportHtml(page: ReportPage): string {
  const e = escapeHtml;
  const rows = page.summary
    .map(([k, v]) => `<tr><th>${e(k)}</th><td class="v">${e(v)}</td></tr>`)
    .join("\n");
  const figures = page.sections
    .map(
      (s) =>
        `<figure id="${e(s.id)}">\n<figcaption>${e(s.title)}</figcaption>\n${s.svg.trim()}\n` +
        (s.note ? `<p class="note">${e(s.note)}</p>\n` : "") +
        `</figure>`,
    )
    .join("\n");
  const notes = (page.notes ?? []).map((n) => `<p class="note">${e(n)}</p>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${e(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e(page.title)}</h1>
${page.subtitle ? `<p>${e(page.subtitle)}</p>\n` : ""}<table id="summary">
${rows}
</table>
${figures}
${notes}
</body>
</html>
`;
}
