/**
 * No NaN or infinity ever reaches a result file or the terminal. Every number wattif writes is a
 * finite physical quantity; a missing one is null (JSON) or an empty cell (CSV), never NaN. So a
 * non-finite number at a writer is a bug in wattif: it is refused with an internal error (exit 1)
 * naming the field, and nothing is written.
 */

/** A non-finite number met by a writer: an internal error (exit 1), never bad input. */
export class NonFiniteOutputError extends Error {
  constructor(where: string, value: number) {
    super(`${where} is ${String(value)}, which wattif never writes (nothing was written)`);
    this.name = "NonFiniteOutputError";
  }
}

/** `value` itself when finite; otherwise throws naming `where` (e.g. `points.csv: energyJ, row 3`). */
export function finiteOrThrow(value: number, where: string): number {
  if (!Number.isFinite(value)) throw new NonFiniteOutputError(where, value);
  return value;
}

/** Path (`a.b[2].c`) of the first non-finite number inside `value`, or undefined when none is. */
export function nonFinitePath(value: unknown, path = ""): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path || "(value)";
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nonFinitePath(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (ArrayBuffer.isView(value)) {
    const items = value as unknown as ArrayLike<number>;
    for (let i = 0; i < items.length; i++) {
      if (typeof items[i] === "number" && !Number.isFinite(items[i])) return `${path}[${i}]`;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    const found = nonFinitePath(v, path === "" ? key : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Throws (see above) when `value` holds a non-finite number anywhere; `what` names the output. */
export function assertFiniteTree(value: unknown, what: string): void {
  const path = nonFinitePath(value);
  if (path === undefined) return;
  const at = path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value);
  throw new NonFiniteOutputError(`${what}: field ${path}`, typeof at === "number" ? at : NaN);
}

/** A word NaN or Infinity in text (not inside a longer word such as a model name). */
const NON_FINITE_WORD = /(?<![\w.])[-+]?(?:NaN|Infinity)(?![\w.])/;

/**
 * Throws when terminal text shows NaN or Infinity (a number printed through a template rather
 * than a table); the error quotes the line, which names the field. `verbatim` lists the user's
 * own strings the text may quote (a scenario named "NaN", a description mentioning Infinity):
 * they are not numbers wattif printed, so they are blanked before the check.
 */
export function assertFiniteText(
  text: string,
  what: string,
  verbatim: readonly string[] = [],
): void {
  let checked = text;
  for (const s of verbatim) {
    if (NON_FINITE_WORD.test(s)) checked = checked.split(s).join(" ".repeat(s.length));
  }
  const m = NON_FINITE_WORD.exec(checked);
  if (m === null) return;
  const start = text.lastIndexOf("\n", m.index) + 1;
  const end = text.indexOf("\n", m.index);
  const line = text.slice(start, end === -1 ? undefined : end).trim();
  throw new NonFiniteOutputError(`${what}: the line "${line}"`, Number(m[0]));
}
