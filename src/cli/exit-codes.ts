/**
 * How the CLI ends: 0 ok, 1 internal error, 2 bad input (usage, schema, file, value), 3 some
 * points of a batch sweep failed (the others finished). Only an InputError is bad input: it prints one clear line per problem and
 * never a stack trace. Anything else (a RangeError included) is a bug in wattif: one line saying
 * so, and the stack only with --debug (or WATTIF_DEBUG=1).
 */
import { SimulationError } from "../core/simulation-error.js";
import { InputError } from "../input/input-error.js";

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
/** A batch sweep finished, but some of its points failed (listed on stderr and in failures.json). */
export const EXIT_POINTS_FAILED = 3;

let debug = false;

/** Print stacks of internal errors (the global --debug flag). */
export function setDebug(on: boolean): void {
  debug = on;
}

/** Turn a thrown error into a message on stderr and the exit code it stands for. */
export function reportError(e: unknown): number {
  // Bad input met inside a simulation (a request checked when it arrives) is still bad input.
  if (e instanceof SimulationError && e.cause instanceof InputError) return reportError(e.cause);
  if (e instanceof InputError) {
    process.stderr.write(`wattif: ${e.format()}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = (e instanceof Error ? e.message : String(e)).split("\n")[0];
  const showStack = debug || Boolean(process.env.WATTIF_DEBUG);
  process.stderr.write(
    `wattif: internal error (a bug in wattif, please report it): ${message}` +
      (showStack ? "\n" : " (run with --debug for the stack)\n"),
  );
  if (showStack && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return EXIT_INTERNAL;
}

/** Run a command body and set the exit code from how it ended. */
export async function runCommand(body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } catch (e) {
    process.exitCode = reportError(e);
  }
}
