export type { Request, Trace, TraceFields } from "./request.js";
export { parseAzureTrace } from "./load-azure.js";
export { parseMooncakeTrace } from "./load-mooncake.js";
export { parsePlainCsvTrace } from "./load-plain-csv.js";
export {
  inferTraceFormat,
  loadTrace,
  parseTrace,
  TRACE_FORMATS,
  type TraceFileSpec,
  type TraceFormat,
} from "./load-trace.js";
export {
  checkTraceOptions,
  type OnTooLong,
  type TraceOptions,
  type TraceWindow,
} from "./trace-options.js";
export { applyTraceOptions } from "./apply-options.js";
export { traceStats, type TokenStats, type TraceStats } from "./trace-stats.js";
export { MAX_SYNTHETIC_REQUESTS, syntheticTrace, type SyntheticSpec } from "./synthetic.js";
export type { ArrivalSpec } from "./synthetic-arrivals.js";
export type { LengthDist, LengthsSpec } from "./synthetic-lengths.js";
export {
  loadLengthHistogram,
  parseLengthHistogram,
  type HistogramBin,
} from "./length-histogram.js";
