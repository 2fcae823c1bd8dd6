/**
 * points.jsonl of a batch sweep: one line per point as it finishes (completion order, with its
 * index and key), each appended with a single write of the whole line, so a sweep killed at any
 * moment leaves every finished point on disk. Merge reads it back; the CSV files are written in
 * point order at the end.
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { toJsonLine } from "../report/json.js";
import type { ScenarioRows } from "../scenario/scenario-rows.js";

export const POINTS_LOG = "points.jsonl";

export type PointLine =
  | { point: number; key: string; ok: true; cached: boolean; worker?: number; result: ScenarioRows }
  | { point: number; key: string; ok: false; error: string };

export interface PointsLog {
  append(line: PointLine): void;
  close(): void;
}

/** Starts the log afresh (a re-run lists its cached points first) and returns its writer. */
export function openPointsLog(path: string): PointsLog {
  const fd = openSync(path, "w");
  return {
    append: (line) => {
      writeSync(fd, toJsonLine(line, POINTS_LOG));
    },
    close: () => closeSync(fd),
  };
}

/** The lines of a log; a torn last line (a write cut short by a power cut) is skipped. */
export function readPointsLog(path: string): PointLine[] {
  const out: PointLine[] = [];
  for (const text of readFileSync(path, "utf8").split("\n")) {
    if (text === "") continue;
    try {
      out.push(JSON.parse(text) as PointLine);
    } catch {
      // Not a whole line: that point is simply not in the log.
    }
  }
  return out;
}
