/**
 * `wattif run [scenario.yaml]`: run a scenario (the built-in quickstart when none is given),
 * print the frontier, and write points.csv, frontier.csv, summary.json, manifest.json, the plots
 * and report.html to its output folder. A scenario whose `sweep:` has generic axes runs as a batch
 * sweep (see run-batch.ts).
 */
import { availableParallelism } from "node:os";
import { packagePath } from "../../input/project-paths.js";
import type { Argv } from "yargs";
import { writeResultSet } from "../../report/atomic-write.js";
import { checkOutputDir } from "../../report/check-output-dir.js";
import { toJson } from "../../report/json.js";
import { runScenario } from "../../scenario/run-scenario.js";
import { withPowerResolution } from "../../scenario/with-power-resolution.js";
import { planRun } from "../../sweep/plan-sweep.js";
import { parseSetOverride } from "../../sweep/set-overrides.js";
import { reportFiles } from "../../scenario/results/report-files.js";
import { runCommand } from "../exit-codes.js";
import { userStrings } from "../../scenario/scenario-header.js";
import { withScenarioPositions } from "../../scenario/scenario-positions.js";
import { checkFlagLimits } from "../flag-limits.js";
import { checkedResult, log, printResult } from "../print.js";
import { runBatch } from "./run-batch.js";

/** The quickstart scenario shipped with wattif (next to `src/` and `dist/`). */
export function quickstartFile(): string {
  return packagePath("scenarios/quickstart.yaml");
}

export interface RunArgs {
  scenario?: string;
  out?: string;
  json?: boolean;
  powerResolution?: number;
  set?: string[];
  workers?: number;
  force?: boolean;
  dryRun?: boolean;
  shard?: string;
  shardCount?: number;
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
        })
        .option("set", {
          type: "string",
          array: true,
          describe: "override a scenario field: --set path=value (value read as YAML)",
        })
        .option("workers", {
          type: "number",
          describe: `batch sweeps: processes running points, this one and N-1 children (default: ${availableParallelism()}, the CPU count)`,
        })
        .option("force", { type: "boolean", describe: "batch sweeps: recompute cached points" })
        .option("dry-run", {
          type: "boolean",
          describe: "batch sweeps: print the points and an estimate of the run time",
        })
        .option("shard", {
          type: "string",
          describe:
            "batch sweeps: run shard i of n (i/n); default from Slurm, Kubernetes, AWS or Google Batch array variables",
        })
        .option("shard-count", {
          type: "number",
          describe: "number of shards, with JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX",
        }),
    (argv) =>
      runCommand(async () => {
        checkFlagLimits(argv);
        const file = argv.scenario ?? quickstartFile();
        const planned = planRun(file, (argv.set ?? []).map(parseSetOverride));
        if (planned.batch) {
          await runBatch(planned.plan, argv);
          return;
        }
        if (argv.dryRun) {
          process.stdout.write(`${planned.scenario.name}: one run (no generic sweep axes)\n`);
          return;
        }
        // An unusable output folder is found before the simulation, not after it.
        const dir = argv.out ?? planned.scenario.outputDir;
        checkOutputDir(dir);
        const outcome = await withScenarioPositions(planned.scenario.file, () =>
          runScenario(withPowerResolution(planned.scenario, argv.powerResolution)),
        );
        const report = await reportFiles(outcome);
        const own = userStrings(planned.scenario);
        const printed = checkedResult(argv.json ? toJson(outcome.json) : outcome.text, own);
        writeResultSet(dir, { ...outcome.files, ...report });
        printResult(printed, own);
        const svgs = Object.keys(report).filter((f) => f.endsWith(".svg")).length;
        const extras = ["manifest.json", "report.html", ...(svgs > 0 ? [`${svgs} plot(s)`] : [])];
        log(`wrote ${[...Object.keys(outcome.files), ...extras].join(", ")} to ${dir}/`);
      }),
  );
}
