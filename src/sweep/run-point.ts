/**
 * Run one sweep point from its resolved document, in whatever process holds it (a pool child or
 * the CLI's own with one worker): load it with its kind's loader, run it, and return its rows as
 * plain JSON. A failure is returned, not thrown, so the other points go on.
 */
import { appendFileSync } from "node:fs";
import { InputError } from "../input/input-error.js";
import { parseYamlText } from "../input/load-yaml.js";
import { SimulationError } from "../core/simulation-error.js";
import { scenarioFrom } from "../scenario/load-scenario.js";
import { scenarioRows, type ScenarioRows } from "../scenario/scenario-rows.js";

export interface PointJob {
  index: number;
  /** The scenario file (relative paths inside the document are relative to it). */
  file: string;
  doc: unknown;
}

export type PointOutcome =
  | { index: number; ok: true; result: ScenarioRows }
  | { index: number; ok: false; error: string; badInput: boolean };

/**
 * Test hook: with WATTIF_SIMULATION_LOG=<file>, every point simulated (not read from the cache)
 * appends its index as one line when it starts, so a test can count simulations across processes.
 */
export const SIMULATION_LOG_ENV = "WATTIF_SIMULATION_LOG";

export async function runPoint(job: PointJob): Promise<PointOutcome> {
  const log = process.env[SIMULATION_LOG_ENV];
  if (log) appendFileSync(log, `${job.index}\n`);
  try {
    const loaded = parseYamlText(JSON.stringify(job.doc), job.file);
    const rows = await scenarioRows(scenarioFrom(loaded));
    // Through JSON as a child's answer and the cache go, so every path gives the same numbers.
    return { index: job.index, ok: true, result: JSON.parse(JSON.stringify(rows)) as ScenarioRows };
  } catch (e) {
    const cause = e instanceof SimulationError && e.cause instanceof InputError ? e.cause : e;
    if (cause instanceof InputError) {
      return { index: job.index, ok: false, error: cause.format(), badInput: true };
    }
    const message = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    return { index: job.index, ok: false, error: `internal error: ${message}`, badInput: false };
  }
}
