/**
 * Zeus' trace files (data/zeus, see its README): the train trace, one row per (dataset, network,
 * batch size, optimizer, seed, validation target) with the epoch the target was reached at (`nan`:
 * never), and one power trace per GPU, one row per (dataset, network, batch size, optimizer, power
 * limit) with the time per epoch (s) and average GPU power (W) measured there. A bad cell is an
 * InputError at file:line:col naming its column.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRows, type Row } from "../../input/csv-rows.js";
import { displayPath } from "../../input/file-paths.js";
import { InputError } from "../../input/input-error.js";
import { readTextFile } from "../../input/read-text-file.js";

export interface TrainRow {
  dataset: string;
  network: string;
  optimizer: string;
  batchSize: number;
  run: number;
  targetMetric: number;
  /** Epoch at which the target was reached; null when the run never reached it. */
  targetEpoch: number | null;
  /** Where the row is, for messages. */
  file: string;
  line: number;
}

export interface PowerRow {
  dataset: string;
  network: string;
  optimizer: string;
  batchSize: number;
  powerLimitW: number;
  timePerEpochS: number;
  averagePowerW: number;
  file: string;
  line: number;
}

export const TRAIN_FILE = "summary_train.csv";
const POWER_FILE = /^summary_power_([A-Za-z0-9_-]+)\.csv$/;

export function powerFileName(gpu: string): string {
  return `summary_power_${gpu}.csv`;
}

/** GPUs with a power trace in `dir` (summary_power_<gpu>.csv), sorted; [] when unreadable. */
export function zeusGpus(dir: string): string[] {
  try {
    return readdirSync(dir)
      .map((f) => POWER_FILE.exec(f)?.[1])
      .filter((g): g is string => g !== undefined)
      .sort();
  } catch {
    return [];
  }
}

const TRAIN_COLUMNS = ["dataset", "network", "batch_size", "optimizer", "run", "target_metric"];
const POWER_COLUMNS = ["dataset", "network", "batch_size", "optimizer", "power_limit"];

/**
 * Read (not parse) the trace files a run over `gpus` reads, so whoever records file reads (a
 * sweep point's cache key) covers their content, and an unreadable file is found at load time.
 */
export function noteTraceFiles(dir: string, gpus: readonly string[]): void {
  for (const name of [TRAIN_FILE, ...gpus.map(powerFileName)]) {
    const path = join(dir, name);
    readTextFile(path, displayPath(path));
  }
}

export async function readTrainTrace(dir: string): Promise<TrainRow[]> {
  const path = join(dir, TRAIN_FILE);
  return parseTrainTrace(readTextFile(path, displayPath(path)), displayPath(path));
}

export async function readPowerTrace(dir: string, gpu: string): Promise<PowerRow[]> {
  const path = join(dir, powerFileName(gpu));
  return parsePowerTrace(readTextFile(path, displayPath(path)), displayPath(path));
}

export async function parseTrainTrace(text: string, file: string): Promise<TrainRow[]> {
  const cells = await cellReader(text, file, [...TRAIN_COLUMNS, "target_epoch"]);
  return cells.rows.map((_, i) => {
    const c = cells.at(i);
    const epoch = c.raw("target_epoch");
    return {
      dataset: c.name("dataset"),
      network: c.name("network"),
      optimizer: c.name("optimizer"),
      batchSize: c.integer("batch_size"),
      run: c.integer("run"),
      targetMetric: c.number("target_metric", false),
      targetEpoch: epoch.toLowerCase() === "nan" ? null : c.integer("target_epoch"),
      file,
      line: c.line,
    };
  });
}

export async function parsePowerTrace(text: string, file: string): Promise<PowerRow[]> {
  const cells = await cellReader(text, file, [...POWER_COLUMNS, "time_per_epoch", "average_power"]);
  return cells.rows.map((_, i) => {
    const c = cells.at(i);
    return {
      dataset: c.name("dataset"),
      network: c.name("network"),
      optimizer: c.name("optimizer"),
      batchSize: c.integer("batch_size"),
      powerLimitW: c.number("power_limit", true),
      timePerEpochS: c.number("time_per_epoch", true),
      averagePowerW: c.number("average_power", true),
      file,
      line: c.line,
    };
  });
}

/** Typed access to the cells of row i, each error placed at its file, line and column. */
async function cellReader(text: string, file: string, columns: readonly string[]) {
  const rows = await parseCsvRows(text, file);
  const header = Object.keys(rows[0] ?? {});
  const absent = columns.filter((c) => !header.includes(c));
  if (rows.length === 0 || absent.length > 0) {
    throw new InputError(
      `want columns ${columns.join(",")}; missing ${absent.join(",") || "rows"}`,
      { file, line: 1, col: 1, code: "SCHEMA" },
    );
  }
  const lines = text.split(/\r?\n/);
  // 1-based line of each data row: the header is line 1 and blank lines are not rows.
  const dataLines: number[] = [];
  lines.forEach((l, k) => {
    if (k > 0 && l.trim() !== "") dataLines.push(k + 1);
  });
  const at = (i: number) => {
    const row = rows[i] as Row;
    const line = dataLines[i] ?? i + 2;
    const fail = (column: string, detail: string) =>
      new InputError(detail, {
        file,
        line,
        col: columnOf(lines[line - 1] ?? "", header.indexOf(column)),
        path: column,
        code: "VALUE",
      });
    const raw = (column: string) => row[column] ?? "";
    const number = (column: string, positive: boolean) => {
      const value = Number(raw(column));
      if (raw(column) === "" || !Number.isFinite(value) || value < 0 || (positive && value === 0))
        throw fail(column, `expected a number ${positive ? ">" : ">="} 0, got '${raw(column)}'`);
      return value;
    };
    return {
      line,
      raw,
      number,
      integer: (column: string) => {
        const value = Number(raw(column));
        if (!Number.isSafeInteger(value) || value < 1)
          throw fail(column, `expected an integer >= 1, got '${raw(column)}'`);
        return value;
      },
      name: (column: string) => {
        if (raw(column) === "") throw fail(column, "expected a name, got an empty cell");
        return raw(column);
      },
    };
  };
  return { rows, at };
}

/** 1-based character column where cell `index` starts (unknown when the line has quotes). */
function columnOf(line: string, index: number): number | undefined {
  if (index < 0 || line.includes('"')) return undefined;
  const cells = line.split(",");
  if (index >= cells.length) return undefined;
  return 1 + cells.slice(0, index).reduce((n, c) => n + c.length + 1, 0);
}
