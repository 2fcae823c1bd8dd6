/**
 * `wattif run [scenario.yaml]`: run a scenario (the built-in quickstart when none is given),
 * print the frontier, and write points.csv, frontier.csv and summary.json to its output folder.
 */
import { packagePath } from "../../input/project-paths.js";
import type { Argv } from "yargs";
import { writeResultSet } from "../../report/atomic-write.js";
import { toJson } from "../../report/json.js";
import { loadScenario } from "../../scenario/load-scenario.js";
import { runScenario } from "../../scenario/run-scenario.js";
import { withPowerResolution } from "../../scenario/with-power-resolution.js";
import { runCommand } from "../exit-codes.js";
import { log } from "../print.js";

/** The quickstart scenario shipped with wattif (next to `src/` and `dist/`). */
export function quickstartFile(): string {
  return packagePath("scenarios/quickstart.yaml");
}

interface RunArgs {
  scenario?: string;
  out?: string;
  json?: boolean;
  powerResolution?: number;
}

export function runCommandSpec(y: Argv) {
  return y.command<RunArgs>(
    ["run [scenario]", "$0"],
    "run a scenario YAML (default: the built-in quickstart)",
    (a) =>
      a
        .positional("scenario", { type: "string", describe: "scenario file" })
        .option("out", {
          type: "string",
          describe: "output folder (default: the scenario's output.dir)",
        })
        .option("json", { type: "boolean", describe: "print the result as JSON" })
        .option("power-resolution", {
          type: "number",
          describe: "training jobs: bin width of the job's power series (s)",
        }),
    (argv) =>
      runCommand(async () => {
        const file = argv.scenario ?? quickstartFile();
        const scenario = withPowerResolution(loadScenario(file), argv.powerResolution);
        const outcome = await runScenario(scenario);
        const dir = argv.out ?? outcome.outputDir;
        writeResultSet(dir, outcome.files);
        process.stdout.write(argv.json ? toJson(outcome.json) : outcome.text);
        log(`wrote ${Object.keys(outcome.files).join(", ")} to ${dir}/`);
      }),
  );
}
