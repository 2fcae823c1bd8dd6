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
import { InputError } from "../../input/input-error.js";
import { toSegments } from "../../input/yaml-path.js";
import { scenarioOnProfile } from "../../scenario/scenario-on-profile.js";
import { parseSetOverride, placeOnSets } from "../../sweep/set-overrides.js";
import {
  readProfileFrontiers,
  readResultFrontier,
} from "../../scenario/results/result-frontier.js";
import { runCommand } from "../exit-codes.js";
import { checkedResult, log, printResult } from "../print.js";

interface CompareArgs {
  inputs?: string[];
  profiles?: string;
  set?: string[];
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
        .option("profiles", {
          type: "string",
          describe:
            "run the one scenario file given on each of these hardware profiles (comma-separated names or .yaml paths) instead of its own",
        })
        .option("set", {
          type: "string",
          array: true,
          describe:
            "with --profiles: override a field of the scenario first, --set path=value (value read as YAML)",
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
        if (argv.profiles !== undefined) {
          const profiles = parseProfiles(argv.profiles);
          const inputs = argv.inputs ?? [];
          if (inputs.length !== 1) {
            throw new InputError(
              `--profiles runs one scenario file on each profile: give exactly one (got ${inputs.length})`,
              { code: "VALUE", path: "--profiles" },
            );
          }
          const sets = (argv.set ?? []).map(parseSetOverride);
          if (sets.some((x) => toSegments(x.path)[0] === "hardware")) {
            throw new InputError("--profiles sets 'hardware' itself", {
              code: "VALUE",
              path: "--set",
            });
          }
          const settings = sets.map((x) => ({ path: toSegments(x.path), value: x.value }));
          const file = inputs[0] as string;
          const scenarios = placeOnSets(sets, () =>
            profiles.map((p) => scenarioOnProfile(file, p, settings)),
          );
          frontiers.push(...(await readProfileFrontiers(file, profiles, scenarios)));
        } else {
          if (argv.set !== undefined) {
            throw new InputError("--set applies to the scenario of --profiles", {
              code: "VALUE",
              path: "--set",
            });
          }
          for (const input of argv.inputs ?? []) frontiers.push(await readResultFrontier(input));
        }
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

/** `a,b,c` as a list: no empty entries, none twice. */
function parseProfiles(text: string): string[] {
  const list = text.split(",").map((p) => p.trim());
  if (list.some((p) => p === "")) {
    throw new InputError(`empty profile name in '${text}'`, { code: "VALUE", path: "--profiles" });
  }
  const twice = list.find((p, i) => list.indexOf(p) !== i);
  if (twice !== undefined) {
    throw new InputError(`profile '${twice}' is listed twice`, {
      code: "VALUE",
      path: "--profiles",
    });
  }
  return list;
}
