/**
 * Every example scenario (scenarios/*.yaml) at full size: how long it takes to load and run, and
 * whether its summary still matches its golden (test/golden/<name>.summary.json). The test
 * suite runs cut-down copies of the slow ones against their own small goldens; this is where the
 * full-size runs are checked. With `update`, the goldens are rewritten instead (say why in the
 * commit).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packagePath } from "../input/project-paths.js";
import { toJson } from "../report/json.js";
import { loadScenario } from "../scenario/load-scenario.js";
import { runScenario } from "../scenario/run-scenario.js";
import { summaryDifferences } from "./summary-differences.js";

export type GoldenVerdict = "matches" | "DIFFERS" | "missing" | "written";

export interface ScenarioBenchRow {
  file: string;
  scenario: string;
  loadS: number;
  runS: number;
  golden: GoldenVerdict;
  /** The first differences from the golden (up to 10), for DIFFERS. */
  differences: string[];
  differenceCount: number;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

export async function benchScenarios(
  opts: { update?: boolean; log?: (line: string) => void } = {},
): Promise<ScenarioBenchRow[]> {
  const dir = packagePath("scenarios/");
  const goldenDir = packagePath("test/golden/");
  const rows: ScenarioBenchRow[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    opts.log?.(`  ${file} ...`);
    const t0 = process.hrtime.bigint();
    const scenario = loadScenario(join(dir, file));
    const loadS = seconds(t0);
    const t1 = process.hrtime.bigint();
    const outcome = await runScenario(scenario);
    const runS = seconds(t1);
    const summary = JSON.parse(toJson(outcome.summary)) as unknown;
    const goldenFile = join(goldenDir, `${outcome.name}.summary.json`);
    let golden: GoldenVerdict;
    let differences: string[] = [];
    if (opts.update) {
      writeFileSync(goldenFile, toJson(summary));
      golden = "written";
    } else if (!existsSync(goldenFile)) {
      golden = "missing";
    } else {
      differences = summaryDifferences(summary, JSON.parse(readFileSync(goldenFile, "utf8")));
      golden = differences.length === 0 ? "matches" : "DIFFERS";
    }
    rows.push({
      file,
      scenario: outcome.name,
      loadS,
      runS,
      golden,
      differences: differences.slice(0, 10),
      differenceCount: differences.length,
    });
  }
  return rows;
}
