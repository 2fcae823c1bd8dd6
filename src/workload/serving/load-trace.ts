/**
 * One entry point for trace files: pick the loader by `format` or infer it (a `.jsonl` file or a
 * first line starting with `{` is Mooncake; a CSV header naming TIMESTAMP is Azure, one naming
 * arrival_s the plain format), then apply the trace options.
 */
import { InputError } from "../../input/input-error.js";
import { applyTraceOptions } from "./apply-options.js";
import { parseAzureTrace } from "./load-azure.js";
import { parseMooncakeTrace } from "./load-mooncake.js";
import { parsePlainCsvTrace } from "./load-plain-csv.js";
import type { Trace } from "./request.js";
import type { TraceOptions } from "./trace-options.js";
import { nonBlankLines } from "./trace-text.js";
import { readTextFile } from "../../input/read-text-file.js";

export type TraceFormat = "azure" | "mooncake" | "csv";

export const TRACE_FORMATS: readonly TraceFormat[] = ["azure", "mooncake", "csv"];

export interface TraceFileSpec extends TraceOptions {
  /** Path to read; also the name errors show. */
  file: string;
  /** Inferred from the extension and first line when absent. */
  format?: TraceFormat;
  /** Default: the file name without extension. */
  name?: string;
}

/** The format of `text` (read from `file`), or an InputError saying what was expected. */
export function inferTraceFormat(file: string, text: string): TraceFormat {
  const first = nonBlankLines(text.slice(0, 4096))[0];
  if (/\.jsonl$/i.test(file) || first?.text.trimStart().startsWith("{")) return "mooncake";
  const header = (first?.text ?? "")
    .toLowerCase()
    .split(",")
    .map((c) => c.trim().replace(/^"|"$/g, ""));
  if (header.includes("timestamp")) return "azure";
  if (header.includes("arrival_s")) return "csv";
  throw new InputError(
    "cannot tell the trace format: expected a CSV header 'TIMESTAMP,ContextTokens,GeneratedTokens' " +
      "(Azure) or 'arrival_s,input_tokens,output_tokens', or Mooncake JSON lines; or set format",
    { file, line: first?.line ?? 1, code: "VALUE" },
  );
}

/** Parse trace text in a known format, without options. */
export function parseTrace(text: string, file: string, format: TraceFormat, name?: string): Trace {
  switch (format) {
    case "azure":
      return parseAzureTrace(text, file, name);
    case "mooncake":
      return parseMooncakeTrace(text, file, name);
    case "csv":
      return parsePlainCsvTrace(text, file, name);
    default:
      throw new InputError(
        `unknown trace format '${String(format)}' (one of ${TRACE_FORMATS.join(", ")})`,
        { file, path: "format", code: "VALUE" },
      );
  }
}

/** Read, parse and apply options (window, rateScale, limit, context check, in that order). */
export function loadTrace(spec: TraceFileSpec): Trace {
  const text = readTextFile(spec.file);
  const format = spec.format ?? inferTraceFormat(spec.file, text);
  return applyTraceOptions(parseTrace(text, spec.file, format, spec.name), spec);
}
