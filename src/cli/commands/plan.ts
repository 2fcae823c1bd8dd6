/**
 * `wattif plan <capacity.yaml>`: capacity planning. Serving: for each demand level and candidate
 * deployment, the fewest replicas that meet the SLOs (found by replaying the trace), the fleet's
 * power, energy, cost and CO2 per day, and the recommendation. Training: the fewest GPUs that
 * train on the token budget by the deadline (found by replaying the job's step), with days, MWh,
 * cost, CO2 and facility power at each operating point. Written like `run` writes results.
 * An infeasible plan is a verdict (exit 0); a file that is not a capacity scenario is bad input.
 */
import type { Argv } from "yargs";
import { InputError } from "../../input/input-error.js";
import { writeResultSet } from "../../report/atomic-write.js";
import { checkOutputDir } from "../../report/check-output-dir.js";
import { toJson } from "../../report/json.js";
import { loadScenario } from "../../scenario/load-scenario.js";
import { userStrings } from "../../scenario/scenario-header.js";
import { runScenario } from "../../scenario/run-scenario.js";
import { reportFiles } from "../../scenario/results/report-files.js";
import { runCommand } from "../exit-codes.js";
import { checkedResult, log, printResult } from "../print.js";

interface PlanArgs {
  file: string;
  out?: string;
  json?: boolean;
}

export function planCommand(y: Argv) {
  return y.command<PlanArgs>(
    "plan <file>",
    "capacity plan: fewest replicas meeting the SLOs (serving) or fewest GPUs meeting a deadline (training), with power, MWh, cost and CO2",
    (a) =>
      a
        .positional("file", { type: "string", demandOption: true, describe: "kind: capacity" })
        .option("out", {
          type: "string",
          describe: "output folder (default: the scenario's output.dir)",
        })
        .option("json", { type: "boolean", describe: "print the summary as JSON" }),
    (argv) =>
      runCommand(async () => {
        const scenario = loadScenario(argv.file);
        if (scenario.kind !== "capacity")
          throw new InputError(
            `plan takes a 'kind: capacity' scenario, not '${scenario.kind}' (run it with 'wattif run')`,
            { code: "VALUE", file: argv.file, path: "kind" },
          );
        const dir = argv.out ?? scenario.outputDir;
        checkOutputDir(dir);
        const outcome = await runScenario(scenario);
        const report = await reportFiles(outcome);
        const own = userStrings(scenario);
        const printed = checkedResult(argv.json ? toJson(outcome.json) : outcome.text, own);
        writeResultSet(dir, { ...outcome.files, ...report });
        printResult(printed, own);
        log(
          `wrote ${[...Object.keys(outcome.files), ...Object.keys(report)].join(", ")} to ${dir}/`,
        );
      }),
  );
}
