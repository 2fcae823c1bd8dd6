#!/usr/bin/env node
/**
 * The `wattif` command line: thin yargs commands over the library. Results go to stdout, logs and
 * errors to stderr; exit 0 ok, 1 internal error, 2 bad input.
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { estimateCommand } from "./commands/estimate.js";
import { fitCommand } from "./commands/fit.js";
import { frontierCommand } from "./commands/frontier.js";
import { profilesCommand } from "./commands/profiles.js";
import { runCommandSpec } from "./commands/run.js";
import { validateCommand } from "./commands/validate.js";
import { EXIT_BAD_INPUT, setDebug } from "./exit-codes.js";

export async function main(argv: string[]): Promise<void> {
  let cli = yargs(argv)
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
    .middleware((argv) => setDebug(argv.debug === true))
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error, y) => {
      // Usage errors (unknown flags, missing values) are bad input: say what is wrong, exit 2.
      if (error && !message) throw error;
      process.stderr.write(
        `wattif: ${message ?? error?.message}\n\nRun 'wattif --help' for usage.\n`,
      );
      void y;
      process.exit(EXIT_BAD_INPUT);
    });
  for (const add of [
    runCommandSpec,
    estimateCommand,
    frontierCommand,
    fitCommand,
    profilesCommand,
    validateCommand,
  ]) {
    cli = add(cli) as typeof cli;
  }
  await cli.parseAsync();
}

await main(hideBin(process.argv));
