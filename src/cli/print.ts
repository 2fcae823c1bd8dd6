/**
 * Small stdout helpers for human-readable output (results go to stdout, logs to stderr). Results
 * never show NaN or Infinity: that would be a bug, refused before anything is printed.
 */
import { assertFiniteText } from "../report/finite-check.js";

/**
 * `text` (a result to print) after checking it is all finite: before its files are written.
 * `verbatim`: the user's strings it may quote (see assertFiniteText).
 */
export function checkedResult(text: string, verbatim: readonly string[] = []): string {
  assertFiniteText(text, "the printed result", verbatim);
  return text;
}

/** Prints result text (a table, a summary, JSON) to stdout, after checking it is all finite. */
export function printResult(text: string, verbatim: readonly string[] = []): void {
  process.stdout.write(checkedResult(text, verbatim));
}

export function printKeyValues(rows: readonly (readonly [string, string | number])[]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  printResult(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}\n`).join(""));
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
