/**
 * A batch sweep's files from its points' rows: an axis named like a row field keeps its own
 * column (the row's value goes to result.<name>), and the frontier marks match frontier.csv.
 */
import { describe, expect, it } from "vitest";
import { batchFiles, type PointRecord } from "../../src/sweep/batch-files.js";

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
});
