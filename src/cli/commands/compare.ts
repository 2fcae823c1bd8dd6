/**
 * `wattif compare <result-or-scenario...>`: the frontiers of several results (folders written by
 * `wattif run`, or scenario files run here) overlaid, with energy at equal time, time at equal
 * energy and which wins where; `--out` writes compare.csv, summary.json, the plot and report.html.
 */
import type { Argv } from "yargs";
import { writeResultSet } from "../../report/atomic-write.js";
import { checkOutputDir } from "../../report/check-output-dir.js";
import { toJson } from "../../report/json.js";
import { compareResults } from "../../scenario/results/compare-report.js";
import { readResultFrontier } from "../../scenario/results/result-frontier.js";
import { runCommand } from "../exit-codes.js";
import { checkedResult, log, printResult } from "../print.js";

interface CompareArgs {
  inputs?: string[];
  out?: string;
  grid: number;
  json?: boolean;
}

export function compareCommand(y: Argv) {
  return y.command<CompareArgs>(
    "compare [inputs..]",
    "overlay the frontiers of several results or scenarios: energy at equal time, and back",
    (a) =>
      a
        .positional("inputs", {
          type: "string",
          array: true,
          describe: "result folders (with summary.json, frontier.csv) or scenario files",
        })
        .option("out", {
          type: "string",
          describe: "write compare.csv, summary.json, plots/ and report.html here",
        })
        .option("grid", { type: "number", default: 9, describe: "grid values per table" })
        .option("json", { type: "boolean", describe: "print the comparison as JSON" })
        .check((argv) => {
          const g = argv.grid;
          if (!Number.isInteger(g) || g < 2)
            throw new Error(`--grid must be an integer >= 2, got ${g}`);
          return true;
        }),
    (argv) =>
      runCommand(async () => {
        if (argv.out !== undefined) checkOutputDir(argv.out);
        const frontiers = [];
        for (const input of argv.inputs ?? []) frontiers.push(await readResultFrontier(input));
        const outcome = await compareResults(frontiers, argv.grid);
        const printed = checkedResult(argv.json ? toJson(outcome.json) : outcome.text);
        if (argv.out !== undefined) {
          writeResultSet(argv.out, outcome.files);
          log(`wrote ${Object.keys(outcome.files).join(", ")} to ${argv.out}/`);
        }
        printResult(printed);
      }),
  );
}
