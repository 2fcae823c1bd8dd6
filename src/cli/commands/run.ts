/**
 * `wattif run [scenario.yaml]`: run a scenario (the built-in quickstart when none is given),
 * print the frontier, and write points.csv, frontier.csv, summary.json, manifest.json, the plots
 * and report.html to its output folder.
 */
import { packagePath } from "../../input/project-paths.js";
import type { Argv } from "yargs";
import { writeResultSet } from "../../report/atomic-write.js";
import { toJson } from "../../report/json.js";
import { loadScenario } from "../../scenario/load-scenario.js";
import { runScenario } from "../../scenario/run-scenario.js";
import { reportFiles } from "../../scenario/results/report-files.js";
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
        .option("json", { type: "boolean", describe: "print the result as JSON" }),
    (argv) =>
      runCommand(async () => {
        const file = argv.scenario ?? quickstartFile();
        const outcome = await runScenario(loadScenario(file));
        const dir = argv.out ?? outcome.outputDir;
        const report = await reportFiles(outcome);
        writeResultSet(dir, { ...outcome.files, ...report });
        process.stdout.write(argv.json ? toJson(outcome.json) : outcome.text);
        const svgs = Object.keys(report).filter((f) => f.endsWith(".svg")).length;
        const extras = ["manifest.json", "report.html", ...(svgs > 0 ? [`${svgs} plot(s)`] : [])];
        log(`wrote ${[...Object.keys(outcome.files), ...extras].join(", ")} to ${dir}/`);
      }),
  );
}
