/**
 * A finished result's frontier as (x, y) points with the metrics they measure, read from a
 * result folder (summary.json + frontier.csv, as `wattif run` writes them) or from a scenario
 * file, run here. Serving frontiers are the scenario's latency and energy metrics (SLO-meeting
 * points only); estimate and training frontiers are time (timeS) and GPU energy (gpuEnergyJ).
 */
import { statSync } from "node:fs";
import { basename, join } from "node:path";
import type { XY } from "../../frontier/index.js";
import { numberCell, parseCsvRows } from "../../input/csv-rows.js";
import { InputError } from "../../input/input-error.js";
import { readTextFile } from "../../input/read-text-file.js";
import { loadScenario, type Scenario } from "../load-scenario.js";
import { runScenario } from "../run-scenario.js";
import { mechanismsOf, type Mechanisms } from "./compare-mechanisms.js";

export interface ResultFrontier {
  name: string;
  /** The folder or scenario file it came from. */
  source: string;
  kind: string;
  /** Columns of frontier.csv the points are read from (SI base units in their names). */
  xMetric: string;
  yMetric: string;
  points: XY[];
  /** The hardware profile it ran on (when its summary says). */
  hardware?: string;
  /** What explains its frontier (compare-mechanisms.ts), at the default setting. */
  mechanisms: Mechanisms;
}

interface SummaryShape {
  scenario?: string;
  kind?: string;
  hardware?: string;
  schedule?: string;
  frontierMetrics?: { energy: string; latency: string };
}

/** The frontier in `frontierCsv`, on the axes its summary says. */
export async function frontierOfResult(
  source: string,
  summaryJson: string,
  frontierCsv: string,
  csvName: string,
): Promise<ResultFrontier> {
  let summary: SummaryShape;
  try {
    summary = JSON.parse(summaryJson) as SummaryShape;
  } catch (e) {
    throw new InputError(`summary.json is not JSON: ${(e as Error).message}`, {
      code: "FILE",
      file: join(source, "summary.json"),
    });
  }
  const kind = summary.kind ?? (summary.schedule !== undefined ? "training" : "unknown");
  const [xMetric, yMetric] =
    kind === "serving" && summary.frontierMetrics
      ? [summary.frontierMetrics.latency, summary.frontierMetrics.energy]
      : kind === "estimate" || kind === "training"
        ? ["timeS", "gpuEnergyJ"]
        : [undefined, undefined];
  if (xMetric === undefined || yMetric === undefined) {
    throw new InputError("not a wattif result: its summary.json names no frontier metrics", {
      code: "VALUE",
      file: join(source, "summary.json"),
    });
  }
  const rows = await parseCsvRows(frontierCsv, csvName);
  const points = rows.map((r, i) => ({
    x: numberCell(r, xMetric, csvName, i + 2),
    y: numberCell(r, yMetric, csvName, i + 2),
  }));
  if (points.length === 0) {
    throw new InputError("its frontier is empty (a run without a sweep, or no point met the SLO): nothing to compare", {
      code: "VALUE",
      file: csvName,
    });
  }
  return {
    name: summary.scenario ?? basename(source),
    source,
    kind,
    xMetric,
    yMetric,
    points: points.sort((a, b) => a.x - b.x),
    ...(typeof summary.hardware === "string" ? { hardware: summary.hardware } : {}),
    mechanisms: mechanismsOf(kind, summary),
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A result folder's frontier, or a scenario file's (run now, nothing written). */
export async function readResultFrontier(path: string): Promise<ResultFrontier> {
  if (isDirectory(path)) {
    const csv = join(path, "frontier.csv");
    return frontierOfResult(
      path,
      readTextFile(join(path, "summary.json")),
      readTextFile(csv),
      csv,
    );
  }
  const outcome = await runScenario(loadScenario(path));
  const files = outcome.files;
  return frontierOfResult(
    path,
    files["summary.json"] ?? "{}",
    files["frontier.csv"] ?? "",
    `${path} (frontier.csv)`,
  );
}

/**
 * One scenario file run on each of `profiles` (names or paths) in place of its own hardware,
 * named by the profiles' names: the same workload over several parts. `scenarios` are the
 * loaded runs (scenarioOnProfile), loaded first so that bad input stops everything before any
 * run.
 */
export async function readProfileFrontiers(
  file: string,
  profiles: readonly string[],
  scenarios: readonly Scenario[],
): Promise<ResultFrontier[]> {
  const out: ResultFrontier[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    const outcome = await runScenario(scenario);
    const f = await frontierOfResult(
      file,
      outcome.files["summary.json"] ?? "{}",
      outcome.files["frontier.csv"] ?? "",
      `${file} on ${profiles[i]} (frontier.csv)`,
    );
    out.push({
      ...f,
      name: f.hardware ?? (profiles[i] as string),
      source: `${file} on ${profiles[i]}`,
    });
  }
  return out;
}
