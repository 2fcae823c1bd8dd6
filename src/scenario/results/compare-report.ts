/**
 * `wattif compare`: frontiers of the same metrics from several results, overlaid in one plot,
 * and tables of the energy each reaches at equal time and the time each needs at equal energy,
 * with which one wins where. Files: compare.csv (both grids), summary.json, plots/frontiers.svg
 * with its spec, report.html.
 */
import {
  compareFrontiers,
  type FrontierComparison,
  type GridRow,
} from "../../frontier/compare-frontiers.js";
import { InputError } from "../../input/input-error.js";
import { toCsv } from "../../report/csv.js";
import { toJson } from "../../report/json.js";
import { linePlotSpec, renderSvg, reportHtml } from "../../report/plot/index.js";
import {
  baseUnitOf,
  formatQuantity,
  formatScaled,
  unitFor,
  type BaseUnit,
} from "../../report/quantity.js";
import { formatTable } from "../../report/table.js";
import type { ResultFrontier } from "./result-frontier.js";
import { mechanismColumns, type MechanismColumn } from "./compare-mechanisms.js";

export interface CompareOutcome {
  comparison: FrontierComparison;
  names: string[];
  text: string;
  json: unknown;
  files: Record<string, string>;
}

/** Names to tell the inputs apart: their scenario names, or their paths where those repeat. */
function distinctNames(frontiers: readonly ResultFrontier[]): string[] {
  const names = frontiers.map((f) => f.name);
  return names.map((n, i) =>
    names.indexOf(n) !== names.lastIndexOf(n) ? (frontiers[i] as ResultFrontier).source : n,
  );
}

function checkComparable(frontiers: readonly ResultFrontier[]): void {
  if (frontiers.length < 2) {
    throw new InputError(
      `nothing to compare: give two or more result folders or scenario files (got ${frontiers.length})`,
      { code: "VALUE" },
    );
  }
  const first = frontiers[0] as ResultFrontier;
  for (const f of frontiers.slice(1)) {
    if (f.xMetric !== first.xMetric || f.yMetric !== first.yMetric) {
      throw new InputError(
        `cannot compare ${f.yMetric} vs ${f.xMetric} with ${first.source}'s ${first.yMetric} vs ${first.xMetric}: the frontiers must measure the same metrics`,
        { code: "VALUE", file: f.source },
      );
    }
  }
}

/** The mechanism columns every input has (its kind's), in their order. */
function sharedMechanisms(frontiers: readonly ResultFrontier[]): readonly MechanismColumn[] {
  const kinds = new Set(frontiers.map((f) => f.kind));
  if (kinds.size !== 1) return [];
  // Columns no input has (older or hand-made summaries) are left out, not printed as dashes.
  return mechanismColumns(frontiers[0]?.kind ?? "").filter((c) =>
    frontiers.some((f) => f.mechanisms[c.key] !== null && f.mechanisms[c.key] !== undefined),
  );
}

/** A mechanism figure as printed: shares in %, counts whole, quantities in a scaled unit. */
function mechanismCell(v: number | null | undefined, c: MechanismColumn): string {
  if (v === null || v === undefined) return "-";
  if (c.format === "share") return `${(100 * v).toFixed(1)}%`;
  if (c.format === "count") return v.toFixed(0);
  if (c.format === "number") return Number(v.toPrecision(4)).toString();
  return formatQuantity(v, c.format);
}

/** One row per mechanism, one column per input; each cell in its own unit. */
function mechanismTable(
  frontiers: readonly ResultFrontier[],
  names: readonly string[],
  columns: readonly MechanismColumn[],
): string {
  const cell = mechanismCell;
  const rows = columns.map((c) => ({
    mechanism: c.key,
    ...Object.fromEntries(frontiers.map((f, i) => [`v${i}`, cell(f.mechanisms[c.key], c)])),
  }));
  return formatTable(rows, [
    { key: "mechanism", align: "left" },
    ...names.map((n, i) => ({ key: `v${i}`, header: n, align: "right" as const })),
  ]);
}

export async function compareResults(
  frontiers: readonly ResultFrontier[],
  gridPoints = 9,
): Promise<CompareOutcome> {
  checkComparable(frontiers);
  const names = distinctNames(frontiers);
  const first = frontiers[0] as ResultFrontier;
  const [xName, yName] = [first.xMetric, first.yMetric];
  const xBase: BaseUnit | undefined = baseUnitOf(xName);
  const yBase: BaseUnit | undefined = baseUnitOf(yName);
  const c = compareFrontiers(
    frontiers.map((f, i) => ({ name: names[i] as string, points: f.points })),
    gridPoints,
  );
  const fmt = (v: number, base: BaseUnit | undefined) =>
    base ? formatQuantity(v, base) : Number(v.toPrecision(4)).toString();
  const winnerName = (r: GridRow) => (r.winner === null ? "-" : (names[r.winner] as string));
  // Every input's column in one unit (picked for the largest value), so columns read side by side.
  const gridTable = (rows: GridRow[], atName: string, atBase?: BaseUnit, vBase?: BaseUnit) => {
    const all = rows.flatMap((r) => r.values.filter((v): v is number => v !== null));
    const unit = vBase ? unitFor(vBase, Math.max(0, ...all.map(Math.abs))) : undefined;
    return formatTable(
      rows.map((r) => ({
        at: r.at,
        ...Object.fromEntries(
          r.values.map((v, i) => [
            `v${i}`,
            v === null ? "-" : unit ? formatScaled(v, unit) : v,
          ]),
        ),
        winner: winnerName(r),
      })),
      [
        { key: "at", header: atName, ...(atBase ? { quantity: atBase } : {}) },
        ...names.map((n, i) => ({
          key: `v${i}`,
          header: unit ? `${n} (${unit.unit})` : n,
          align: "right" as const,
        })),
        { key: "winner", header: "lowest", align: "left" as const },
      ],
    );
  };
  const wins = c.winsByX.map(
    (w) =>
      `  ${names[w.winner]}: ${xName} ${fmt(w.from, xBase)}` +
      (w.to > w.from ? ` to ${fmt(w.to, xBase)}` : ""),
  );
  const mechColumns = sharedMechanisms(frontiers);
  const mechanisms = frontiers.map((f, i) => ({
    name: names[i] as string,
    ...(f.hardware !== undefined ? { hardware: f.hardware } : {}),
    ...Object.fromEntries(mechColumns.map((c) => [c.key, f.mechanisms[c.key] ?? null])),
  }));
  const mechText =
    mechColumns.length === 0
      ? []
      : [
          `what explains it, at the default setting (${first.kind}; shares of ${first.kind === "serving" ? "kernel time or GPU energy" : "GPU energy or compute time"}):`,
          mechanismTable(frontiers, names, mechColumns),
        ];
  const text = [
    `comparing ${yName} vs ${xName} over ${names.length} frontiers: ${names.join(", ")}`,
    "",
    `${yName} at equal ${xName} (along each frontier; - where it cannot be that fast):`,
    gridTable(c.atEqualX, xName, xBase, yBase),
    `${xName} at equal ${yName} (- where it cannot get that low):`,
    gridTable(c.atEqualY, yName, yBase, xBase),
    `lowest ${yName} at equal ${xName}:`,
    ...wins,
    ...(mechText.length > 0 ? ["", ...mechText] : []),
  ].join("\n");
  const json = {
    xMetric: xName,
    yMetric: yName,
    inputs: frontiers.map((f, i) => ({
      name: names[i],
      source: f.source,
      kind: f.kind,
      frontierPoints: f.points.length,
    })),
    atEqualX: c.atEqualX.map((r) => ({ ...r, winner: r.winner === null ? null : names[r.winner] })),
    atEqualY: c.atEqualY.map((r) => ({ ...r, winner: r.winner === null ? null : names[r.winner] })),
    winsByX: c.winsByX.map((w) => ({ ...w, winner: names[w.winner] })),
    mechanisms,
  };
  const csvRows = [
    ...c.atEqualX.map((r) => ({ grid: `equal ${xName}`, r })),
    ...c.atEqualY.map((r) => ({ grid: `equal ${yName}`, r })),
  ].map(({ grid, r }) => ({
    grid,
    at: r.at,
    ...Object.fromEntries(names.map((n, i) => [n, r.values[i]])),
    lowest: r.winner === null ? "" : names[r.winner],
  }));
  const spec = linePlotSpec({
    title: `${yName} vs ${xName}: frontiers`,
    x: { label: xName, ...(xBase ? { base: xBase } : {}) },
    y: { label: yName, ...(yBase ? { base: yBase } : {}) },
    series: frontiers.map((f, i) => ({
      name: names[i] as string,
      x: f.points.map((p) => p.x),
      y: f.points.map((p) => p.y),
    })),
    points: true,
  });
  const svg = await renderSvg(spec);
  const summaryRows: [string, string][] = [
    ["metrics", `${yName} vs ${xName}`],
    ...frontiers.map(
      (f, i): [string, string] => [
        names[i] as string,
        `${f.kind}, ${f.points.length} frontier points, from ${f.source}`,
      ],
    ),
    ...c.winsByX.map((w): [string, string] => [
      `lowest ${yName}`,
      `${names[w.winner]} for ${xName} ${fmt(w.from, xBase)}` +
        (w.to > w.from ? ` to ${fmt(w.to, xBase)}` : ""),
    ]),

    // The mechanisms, one row each: every input's figure at the default setting.
    ...mechColumns.map((col): [string, string] => [
      col.key,
      frontiers.map((f, i) => `${names[i]} ${mechanismCell(f.mechanisms[col.key], col)}`).join(", "),
    ]),
  ];
  const files = {
    "compare.csv": await toCsv(csvRows),
    ...(mechColumns.length > 0
      ? { "mechanisms.csv": await toCsv(mechanisms, ["name", ...mechColumns.map((c) => c.key)]) }
      : {}),
    "summary.json": toJson(json),
    "plots/frontiers.vl.json": toJson(spec),
    "plots/frontiers.svg": svg,
    "report.html": reportHtml({
      title: `Compare: ${names.join(" vs ")}`,
      summary: summaryRows,
      sections: [{ id: "plot-frontiers", title: "Frontiers overlaid", svg }],
      notes: [
        `Energy at equal time and time at equal energy are interpolated linearly along each frontier; see compare.csv.`,
      ],
    }),
  };
  return { comparison: c, names, text: text + "\n", json, files };
}
