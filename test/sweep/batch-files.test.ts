/**
 * A batch sweep's files from its points' rows: an axis named like a row field keeps its own
 * column (the row's value goes to result.<name>); rows breaking the SLO stay off the frontier
 * (kept in frontier.all.csv); the plot's frontier marks are frontier.csv's rows; report.html
 * holds the plot and the frontier inline.
 */
import { describe, expect, it } from "vitest";
import { batchFiles, type PointRecord } from "../../src/sweep/batch-files.js";
import { parseCsv } from "../cli/helpers.js";

const record = (index: number, growth: number[], levels: [number, number, number][]) =>
  ({
    index,
    values: { growth },
    result: {
      axes: { x: "costUsdPerDay", y: "facilityEnergyMWhPerDay" },
      rows: levels.map(([level, cost, mwh]) => ({
        row: { growth: level, costUsdPerDay: cost, facilityEnergyMWhPerDay: mwh },
        x: cost,
        y: mwh,
      })),
    },
  }) as PointRecord;

describe("batchFiles", () => {
  it("keeps a swept axis and a row field of the same name apart", async () => {
    const files = await batchFiles(
      { name: "plan-sweep", kind: "capacity", axes: ["growth"], plannedPoints: 2 },
      [
        record(1, [2], [[2, 300, 5]]),
        record(
          0,
          [1, 4],
          [
            [1, 100, 2],
            [4, 400, 9],
          ],
        ),
      ],
      [],
    );
    const lines = files["points.csv"]!.trim().split("\n");
    expect(lines[0]).toBe(
      "point,growth,result.growth,costUsdPerDay,facilityEnergyMWhPerDay,onFrontier",
    );
    // Point order, the axis as JSON, each row's own level beside it.
    expect(lines.slice(1)).toEqual([
      '0,"[1,4]",1,100,2,true',
      '0,"[1,4]",4,400,9,false',
      "1,[2],2,300,5,false",
    ]);
    expect(files["frontier.csv"]!.trim().split("\n").slice(1)).toEqual(['0,"[1,4]",1,100,2,true']);
  });

  it("keeps rows breaking the SLO off the frontier, and draws and reports it", async () => {
    // Three points of one serving row each: point 1 is fastest and cheapest but breaks the SLO.
    const serving = (index: number, itl: number, j: number, meetsSlo: boolean): PointRecord => ({
      index,
      values: { "engine.maxNumSeqs": 8 * (index + 1) },
      result: {
        axes: { x: "itlS.p50", y: "gpuEnergyPerOutputTokenJ" },
        rows: [
          {
            row: { meetsSlo, "itlS.p50": itl, gpuEnergyPerOutputTokenJ: j },
            x: itl,
            y: j,
          },
        ],
      },
    });
    const files = await batchFiles(
      { name: "slo-batch", kind: "serving", axes: ["engine.maxNumSeqs"], plannedPoints: 3 },
      [serving(0, 0.008, 0.5, true), serving(1, 0.006, 0.3, false), serving(2, 0.012, 0.4, true)],
      [],
    );
    const points = parseCsv(files["points.csv"]!);
    expect(points.map((r) => [r.point, r.onFrontier, r.onFrontierAll])).toEqual([
      ["0", "true", "false"],
      ["1", "false", "true"],
      ["2", "true", "false"],
    ]);
    const frontier = parseCsv(files["frontier.csv"]!);
    expect(frontier.map((r) => r.point)).toEqual(["0", "2"]);
    expect(parseCsv(files["frontier.all.csv"]!).map((r) => r.point)).toEqual(["1"]);
    const summary = JSON.parse(files["summary.json"]!);
    expect(summary).toMatchObject({
      rowsBreakingSlo: 1,
      frontierRows: 2,
      frontierRowsWithoutSlo: 1,
    });

    const svg = files["plots/frontier.svg"]!;
    expect(marks(svg, "frontier_marks")).toBe(frontier.length);
    expect(marks(svg, "points_marks")).toBe(3);
    expect(svg).toContain("itlS.p50 (ms)");
    expect(svg).toContain("gpuEnergyPerOutputTokenJ (mJ)");
    expect(svg).toContain("breaks SLO");
    const html = files["report.html"]!;
    expect(html).toContain(svg.trim());
    expect(html).toContain("frontier: point 0: engine.maxNumSeqs=8");
    expect(html).toContain("itlS.p50 8.000 ms, gpuEnergyPerOutputTokenJ 500.0 mJ");
    expect(html).not.toMatch(/(src|href)="http/);
  });
});

/** How many symbols the SVG draws in the named mark's group. */
function marks(svg: string, mark: string): number {
  const start = svg.indexOf(`role-mark ${mark}"`);
  expect(start).toBeGreaterThan(0);
  const group = svg.slice(start, svg.indexOf("</g>", start));
  return (group.match(/<path /g) ?? []).length;
}
