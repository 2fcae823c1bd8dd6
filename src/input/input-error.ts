/**
 * Errors in user input (YAML files, scenario fields, profile names) with the position they point
 * at. The CLI prints `format()` to stderr and exits 2; nothing else about them is special.
 */

/** What kind of input problem this is. */
export type InputErrorCode =
  "YAML_SYNTAX" | "SCHEMA" | "UNKNOWN_PROFILE" | "EXTENDS_CYCLE" | "FILE" | "VALUE";

export interface InputErrorInit {
  code: InputErrorCode;
  /** File the error is in, as the user should see it (relative to the working directory). */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  col?: number;
  /** Field path, e.g. `power.idleW` or `interconnect[0].latencyS`. */
  path?: string;
}

/** `file:line:col: path: message`, leaving out the parts that are unknown. */
export function formatInputError(detail: string, init: Omit<InputErrorInit, "code">): string {
  const parts: string[] = [];
  let where = init.file ?? "";
  if (init.line !== undefined) {
    where += `${where === "" ? "line " : ":"}${init.line}`;
    if (init.col !== undefined) where += `:${init.col}`;
  }
  if (where !== "") parts.push(where);
  if (init.path !== undefined && init.path !== "") parts.push(init.path);
  parts.push(detail);
  return parts.join(": ");
}

export class InputError extends Error {
  readonly code: InputErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly path?: string;
  /** The message without position and path. `message` holds the formatted line. */
  readonly detail: string;

  constructor(detail: string, init: InputErrorInit) {
    super(formatInputError(detail, init));
    this.name = "InputError";
    this.detail = detail;
    this.code = init.code;
    if (init.file !== undefined) this.file = init.file;
    if (init.line !== undefined) this.line = init.line;
    if (init.col !== undefined) this.col = init.col;
    if (init.path !== undefined) this.path = init.path;
  }

  /** `file:line:col: path: message`; several errors give one line each. */
  format(): string {
    return formatInputError(this.detail, this);
  }

  /** The single error, or an InputErrors holding all of them (sorted by file and position). */
  static combine(errors: readonly InputError[]): InputError {
    const flat = errors.flatMap((e) => (e instanceof InputErrors ? e.errors : [e]));
    if (flat.length === 0) throw new RangeError("InputError.combine needs at least one error");
    if (flat.length === 1) return flat[0] as InputError;
    return new InputErrors(flat);
  }
}

/** Problems listed by one InputErrors message; the rest are counted. */
const MAX_LISTED = 100;

/** Several problems in one input, reported together, one per line. */
export class InputErrors extends InputError {
  readonly errors: readonly InputError[];

  constructor(errors: readonly InputError[]) {
    const sorted = [...errors].sort(compareErrors);
    const first = sorted[0];
    if (first === undefined) throw new RangeError("InputErrors needs at least one error");
    super(first.detail, first);
    this.name = "InputErrors";
    this.errors = sorted;
    this.message = this.format();
  }

  /** One line per problem, the first MAX_LISTED of them (a file of 100k bad keys stays readable). */
  override format(): string {
    const shown = this.errors.slice(0, MAX_LISTED).map((e) => e.format());
    const more = this.errors.length - shown.length;
    if (more > 0) shown.push(`... and ${more} more problem(s)`);
    return shown.join("\n");
  }
}

function compareErrors(a: InputError, b: InputError): number {
  const fa = a.file ?? "";
  const fb = b.file ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}

/**
 * A value that cannot be used (a flag, a scenario field, an option of a library call), named by
 * its field path: bad input like any other (exit 2). Scenario loaders place it on that field's
 * YAML line. Anything else thrown for a value is a bug and exits 1.
 */
export function badValue(path: string, detail: string): InputError {
  return new InputError(detail, { code: "VALUE", path });
}
