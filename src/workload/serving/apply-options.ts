/**
 * Apply TraceOptions to a trace, in a fixed order: window (re-based so the window's start is
 * time 0), rate scale, limit, then the context check on what is left - so a too-long prompt
 * outside the window or past the limit does not stop a run that would never replay it.
 * A request is too long when prompt + output exceeds the context, as vLLM refuses a request
 * whose prompt plus max_tokens exceeds max_model_len.
 */
import { InputError } from "../../input/input-error.js";
import type { Request, Trace } from "./request.js";
import { checkTraceOptions, type TraceOptions } from "./trace-options.js";

function tooLongError(trace: Trace, r: Request, maxContextTokens: number): InputError {
  const total = r.inputTokens + r.outputTokens;
  const detail =
    `${r.line === undefined ? `request ${r.id}: ` : ""}prompt ${r.inputTokens} + output ` +
    `${r.outputTokens} = ${total} tokens exceed the model's context of ${maxContextTokens} ` +
    `tokens (set onTooLong: skip to drop such requests)`;
  return new InputError(detail, {
    code: "VALUE",
    ...(trace.source !== undefined ? { file: trace.source } : {}),
    ...(r.line !== undefined ? { line: r.line } : {}),
    path: trace.fields?.input ?? "inputTokens",
  });
}

/** A new trace; the input is not modified. Ids are renumbered 0..n-1. */
export function applyTraceOptions(trace: Trace, opts: TraceOptions): Trace {
  checkTraceOptions(opts);
  let reqs: Request[] = trace.requests;
  const where = trace.source !== undefined ? { file: trace.source } : {};

  if (opts.window !== undefined && reqs.length > 0) {
    const t0 = (reqs[0] as Request).arrivalS;
    const startS = opts.window.startS ?? 0;
    const endS = opts.window.endS ?? Infinity;
    const spanS = (reqs[reqs.length - 1] as Request).arrivalS - t0;
    reqs = reqs
      .filter((r) => r.arrivalS - t0 >= startS && r.arrivalS - t0 < endS)
      .map((r) => ({ ...r, arrivalS: r.arrivalS - t0 - startS }));
    if (reqs.length === 0) {
      throw new InputError(
        `no requests in the window [${startS}, ${endS}) s (the trace spans ${spanS.toFixed(3)} s)`,
        { ...where, path: "window", code: "VALUE" },
      );
    }
  }

  const scale = opts.rateScale;
  if (scale !== undefined && scale !== 1) {
    reqs = reqs.map((r) => ({ ...r, arrivalS: r.arrivalS / scale }));
    const lastS = reqs[reqs.length - 1]?.arrivalS ?? 0;
    if (!Number.isFinite(lastS)) {
      throw new InputError(`rate scale ${scale} pushes arrival times past the largest number`, {
        ...where,
        path: "rateScale",
        code: "VALUE",
      });
    }
  }

  if (opts.limit !== undefined && reqs.length > opts.limit) reqs = reqs.slice(0, opts.limit);

  let skipped = 0;
  const max = opts.maxContextTokens;
  if (max !== undefined) {
    const fits = (r: Request) => r.inputTokens + r.outputTokens <= max;
    if ((opts.onTooLong ?? "reject") === "reject") {
      // The first offending row in file order, which is what a user fixing the file looks for.
      let bad: Request | undefined;
      for (const r of reqs) {
        if (!fits(r) && (bad === undefined || (r.line ?? r.id) < (bad.line ?? bad.id))) bad = r;
      }
      if (bad !== undefined) throw tooLongError(trace, bad, max);
    } else {
      const kept = reqs.filter(fits);
      skipped = reqs.length - kept.length;
      reqs = kept;
      if (reqs.length === 0) {
        throw new InputError(
          `all ${skipped} requests exceed the model's context of ${max} tokens`,
          { ...where, path: "maxContextTokens", code: "VALUE" },
        );
      }
    }
  }

  return {
    ...trace,
    requests: reqs.map((r, id) => (r.id === id ? r : { ...r, id })),
    skippedTooLong: trace.skippedTooLong + skipped,
  };
}
