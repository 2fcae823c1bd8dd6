/** One inference request of a trace, and a trace as the serving replay consumes it. */
export interface Request {
  /** 0..n-1 in arrival order. */
  id: number;
  /** Arrival time (s) from the trace's start. */
  arrivalS: number;
  /** Prompt length (at least 1). */
  inputTokens: number;
  /** Tokens to generate (at least 1). */
  outputTokens: number;
  /** 1-based line of the row in the source file, for error messages; absent when synthetic. */
  line?: number;
}

/** Names of a file format's fields, so errors about a request can point at its column. */
export interface TraceFields {
  arrival: string;
  input: string;
  output: string;
}

/** The column (or JSON key) names of each trace format, as its publisher writes them. */
export const TRACE_FIELDS = {
  azure: { arrival: "TIMESTAMP", input: "ContextTokens", output: "GeneratedTokens" },
  mooncake: { arrival: "timestamp", input: "input_length", output: "output_length" },
  csv: { arrival: "arrival_s", input: "input_tokens", output: "output_tokens" },
} as const satisfies Record<string, TraceFields>;

export interface Trace {
  name: string;
  /** Sorted by arrivalS; ids 0..n-1 in that order. */
  requests: Request[];
  /** The file it was read from, as the user should see it; absent when synthetic. */
  source?: string;
  /** Column names of the source format (absent when synthetic). */
  fields?: TraceFields;
  /** Requests dropped because prompt + output exceeded the model's context (onTooLong: skip). */
  skippedTooLong: number;
  /**
   * Rows that arrived earlier than some row above them in the file. Loaders sort such rows into
   * place (stable, so equal timestamps keep file order) rather than reject the file.
   */
  unsortedRows: number;
}
