/**
 * Checked numeric fields of a trace row, from CSV text or JSON values. A bad value is an
 * InputError (code VALUE) naming the file, line and field. Number() alone is too lenient
 * ('' -> 0, '0x1f' -> 31, ' ' -> 0), so text must look like a decimal number first.
 */
import { InputError } from "../../input/input-error.js";

/** Where a value came from. */
export interface At {
  file: string;
  line: number;
  /** 1-based column of the cell, where the input has one (CSV rows). */
  col?: number;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function fail(detail: string, field: string, at: At): never {
  throw new InputError(detail, { ...at, path: field, code: "VALUE" });
}

function show(raw: unknown): string {
  return typeof raw === "string" ? `'${raw}'` : (JSON.stringify(raw) ?? String(raw));
}

/** A finite number >= 0 from a cell or a JSON value. */
export function nonNegativeField(raw: unknown, field: string, at: At): number {
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
    fail("missing value", field, at);
  }
  let value: number;
  if (typeof raw === "number") value = raw;
  else if (typeof raw === "string" && DECIMAL.test(raw.trim())) value = Number(raw.trim());
  else fail(`expected a number, got ${show(raw)}`, field, at);
  if (!Number.isFinite(value)) fail(`expected a finite number, got ${show(raw)}`, field, at);
  if (value < 0) fail(`must not be negative, got ${show(raw)}`, field, at);
  return value;
}

/**
 * A token count: a whole number >= 1. A prompt needs at least one token to prefill, and a
 * request must generate at least one token (its first token ends the prefill).
 */
export function tokenField(raw: unknown, field: string, at: At, role: "input" | "output"): number {
  const value = nonNegativeField(raw, field, at);
  if (!Number.isSafeInteger(value))
    fail(`expected a whole number of tokens, got ${show(raw)}`, field, at);
  if (value === 0) {
    fail(
      role === "output"
        ? "zero output tokens: a request must generate at least one token"
        : "zero prompt tokens: a request needs at least one prompt token",
      field,
      at,
    );
  }
  return value;
}
