/**
 * How the CLI ends: 0 ok, 1 internal error, 2 bad input (usage, schema, file, value), 3 some
 * sweep points failed. Bad input prints one clear line per problem and never a stack trace.
 */
import { SimulationError } from "../core/simulation-error.js";
import { InputError } from "../input/input-error.js";

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_POINTS_FAILED = 3;

/** Turn a thrown error into a message on stderr and the exit code it stands for. */
export function reportError(e: unknown): number {
  // Bad input met inside a simulation (a request checked when it arrives) is still bad input.
  if (
    e instanceof SimulationError &&
    (e.cause instanceof InputError || e.cause instanceof RangeError)
  ) {
    return reportError(e.cause);
  }
  if (e instanceof InputError) {
    process.stderr.write(`wattif: ${e.format()}\n`);
    return EXIT_BAD_INPUT;
  }
  if (e instanceof RangeError) {
    // The library throws RangeError for impossible values (negative batch, clock off the grid).
    process.stderr.write(`wattif: ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`wattif: internal error: ${message}\n`);
  if (process.env.WATTIF_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
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
