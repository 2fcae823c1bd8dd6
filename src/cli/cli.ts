/**
 * The `wattif` command line as a function: thin yargs commands over the library. Results go to
 * stdout, logs and errors to stderr; the exit code (0 ok, 1 internal error, 2 bad input, 3 sweep points failed) is
 * returned, never passed to `process.exit`, so the CLI can also run inside another process
 * (`runCli`, the tests).
 */
import yargs from "yargs";
import { compareCommand } from "./commands/compare.js";
import { estimateCommand } from "./commands/estimate.js";
import { fitCommand } from "./commands/fit.js";
import { frontierCommand } from "./commands/frontier.js";
import { planCommand } from "./commands/plan.js";
import { mergeCommand } from "./commands/merge.js";
import { profilesCommand } from "./commands/profiles.js";
import { runCommandSpec } from "./commands/run.js";
import { validateCommand } from "./commands/validate.js";
import { EXIT_BAD_INPUT, EXIT_OK, reportError, setDebug } from "./exit-codes.js";

export interface CliOptions {
  /** Terminal width for help text (default 100; at most 110 is used). */
  columns?: number;
}

/** A usage error found by yargs (unknown flag, missing value, failed check): bad input. */
class UsageError extends Error {}

/**
 * Run `wattif ...argv` (arguments after the script name) and return its exit code. Commands set
 * `process.exitCode` when they fail (see `runCommand`); it is read here and put back as it was.
 */
export async function cli(argv: readonly string[], opts: CliOptions = {}): Promise<number> {
  let parser = yargs([...argv])
    .scriptName("wattif")
    .usage("$0 <command> [options]\n\nWhat-if simulator for the time and energy of AI systems.")
    .strict()
    .recommendCommands()
    .help()
    .alias("h", "help")
    .version()
    .option("debug", {
      type: "boolean",
      global: true,
      describe: "print the stack of an internal error",
    })
    .middleware((args) => setDebug(args.debug === true))
    .wrap(Math.min(110, opts.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      // Usage errors (unknown flags, missing values) are bad input; anything else is a bug.
      if (error && !message) throw error;
      throw new UsageError(message ?? error?.message);
    });
  for (const add of [
    runCommandSpec,
    estimateCommand,
    frontierCommand,
    planCommand,
    mergeCommand,
    compareCommand,
    fitCommand,
    profilesCommand,
    validateCommand,
  ]) {
    parser = add(parser) as typeof parser;
  }
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    // With a callback yargs prints nothing itself: help and version text come back as `output`.
    let output = "";
    await parser.parseAsync([...argv], {}, (_err, _args, text) => {
      output = text;
    });
    if (output) process.stdout.write(`${output}\n`);
    return Number(process.exitCode ?? EXIT_OK);
  } catch (e) {
    if (!(e instanceof UsageError)) return reportError(e);
    process.stderr.write(`wattif: ${e.message}\n\nRun 'wattif --help' for usage.\n`);
    return EXIT_BAD_INPUT;
  } finally {
    process.exitCode = before;
    setDebug(false);
  }
}
