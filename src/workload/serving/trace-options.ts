/**
 * What a scenario may ask of a loaded (or synthetic) trace, applied by `applyTraceOptions` in
 * this order: time window, rate scaling, request limit, context-length check.
 */
import { InputError } from "../../input/input-error.js";

/** A prompt too long for the model: fail naming its line (default), or drop it and count it. */
export type OnTooLong = "reject" | "skip";

export interface TraceWindow {
  /** Start (s) after the trace's first arrival, inclusive. Default 0. */
  startS?: number;
  /** End (s) after the first arrival, exclusive. Default: the end of the trace. */
  endS?: number;
}

export interface TraceOptions {
  /** Keep requests in [startS, endS) after the first arrival; time 0 becomes startS. */
  window?: TraceWindow;
  /** Arrival times are divided by this: 2 replays the trace at twice its rate. */
  rateScale?: number;
  /** Keep at most this many requests (the earliest). */
  limit?: number;
  /** The model's context: prompt + output tokens must fit in it. */
  maxContextTokens?: number;
  onTooLong?: OnTooLong;
}

function fail(detail: string, path: string): never {
  throw new InputError(detail, { path, code: "VALUE" });
}

function finiteAtLeast(value: number | undefined, min: number, path: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= min)) {
    fail(`must be a finite number >= ${min}, got ${value}`, path);
  }
}

function positiveInteger(value: number | undefined, path: string): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) {
    fail(`must be a whole number >= 1, got ${value}`, path);
  }
}

/** Throws an InputError (with the option's path) for a meaningless value. */
export function checkTraceOptions(o: TraceOptions): void {
  const w = o.window;
  if (w !== undefined) {
    finiteAtLeast(w.startS, 0, "window.startS");
    if (w.endS !== undefined && !(w.endS > (w.startS ?? 0) && w.endS <= Infinity)) {
      fail(`must be greater than window.startS (${w.startS ?? 0}), got ${w.endS}`, "window.endS");
    }
  }
  if (o.rateScale !== undefined && !(Number.isFinite(o.rateScale) && o.rateScale > 0)) {
    fail(`must be a finite number > 0, got ${o.rateScale}`, "rateScale");
  }
  positiveInteger(o.limit, "limit");
  positiveInteger(o.maxContextTokens, "maxContextTokens");
  const on = o.onTooLong;
  if (on !== undefined && on !== "reject" && on !== "skip") {
    fail(`must be 'reject' or 'skip', got '${String(on)}'`, "onTooLong");
  }
}
