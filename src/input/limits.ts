/**
 * The physical range of every number a user gives (scenario fields, profile figures, CLI flags),
 * in one table so schemas and flags agree. Each range holds every real system with a wide
 * margin and stops values whose arithmetic or allocations would overflow (1e308 caps, 1e9
 * microbatches, 1e-320 efficiencies): they are bad input (exit 2) with the range in the message,
 * found before any work starts. The reasons are stated per entry.
 */
import { badValue } from "./input-error.js";

export interface Limit {
  minimum?: number;
  exclusiveMinimum?: number;
  maximum: number;
  integer?: boolean;
}

const int = (minimum: number, maximum: number): Limit => ({ minimum, maximum, integer: true });

export const LIMITS = {
  /** Microbatches per iteration: real pipelines run tens to a few thousand; each is a DAG op. */
  microbatches: int(1, 100_000),
  /** Pipeline stages (pp): layers of the largest models are ~100-200; 4096 leaves room. */
  stages: int(1, 4096),
  /** Tensor-parallel degree: within a node or a rack (8-72 GPUs); 1024 leaves room. */
  tp: int(1, 1024),
  /** Data-parallel pipelines / replicas / GPUs of a job: the largest clusters have ~1e5 GPUs. */
  gpus: int(1, 10_000_000),
  /** Sequences per batch or step: 1e7 is far past any accelerator memory. */
  batch: int(1, 10_000_000),
  /** Tokens of one sequence or context: 1e8 is past any model's context window (~1e7). */
  seqTokens: int(1, 100_000_000),
  /** Tokens or steps of a whole job: 1e16 tokens is ~1000x today's largest training runs. */
  jobTokens: int(1, 1e16),
  steps: int(1, 1e9),
  /** Model chunks per stage (interleaved / virtual pipeline): one per layer at most. */
  chunks: int(1, 1024),
  /** Serving replicas behind one router: as the cluster loader's check (65536). */
  replicas: int(1, 65_536),
  /** Tokens per KV-cache block: engines use 16-256. */
  blockTokens: int(1, 65_536),
  /** Transformer layers of a model: the deepest models have ~100-200. */
  layers: int(1, 10_000),
  /** A GEMM or attention dimension, a count of elements or bytes of one kernel. */
  dimension: int(1, 1e12),
  /** Power per accelerator (W): today's parts draw <= ~1.5 kW; 5 kW leaves room. */
  powerW: { minimum: 0, maximum: 5000 },
  /** A settable power cap or limit (W): > 0 and per accelerator as above. */
  powerCapW: { exclusiveMinimum: 0, maximum: 5000 },
  /** SM or memory clocks (MHz): SMs run at 0.1-3 GHz, GDDR memory to ~10 GHz; 20 GHz leaves room. */
  freqMHz: { exclusiveMinimum: 0, maximum: 20_000 },
  /** An efficiency or fraction of peak: 0.1% of peak is already no real kernel. */
  fraction: { minimum: 0.001, maximum: 1 },
  /**
   * Planner time unit (s): below 1 us is finer than a kernel launch; above 1 s every op of an
   * iteration quantizes to nothing.
   */
  unitTimeS: { minimum: 1e-6, maximum: 1 },
  /** A straggler slowdown: >= 1, and past 100x the node has failed rather than straggled. */
  straggler: { minimum: 1, maximum: 100 },
  /** A measured op energy (J): a whole node for an hour is ~4e7 J; 1e9 leaves room. */
  energyJ: { minimum: 0, maximum: 1e9 },
  /** A measured op time (s): one op of a training iteration runs for ms to seconds. */
  opTimeS: { exclusiveMinimum: 0, maximum: 3600 },
  /** A time resolution or window (s): from 1 us to a day. */
  resolutionS: { minimum: 1e-6, maximum: 86_400 },
  /**
   * The span of a replayed request trace (s): public traces cover an hour to a week; a replay
   * keeps per-second power bins, so 31 days (~2.7e6 s) keeps memory to ~100 MB.
   */
  traceSpanS: { minimum: 0, maximum: 2_678_400 },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** JSON Schema keywords for a limit, to spread into a property: `{ ...bounds("stages"), ... }`. */
export function bounds(name: LimitName): {
  type: "integer" | "number";
  minimum?: number;
  exclusiveMinimum?: number;
  maximum: number;
} {
  const l: Limit = LIMITS[name];
  return {
    type: l.integer === true ? "integer" : "number",
    ...(l.minimum === undefined ? {} : { minimum: l.minimum }),
    ...(l.exclusiveMinimum === undefined ? {} : { exclusiveMinimum: l.exclusiveMinimum }),
    maximum: l.maximum,
  };
}

/** The range as text: `an integer from 1 to 4096`, `a number > 0 and <= 5000`. */
export function describeLimit(l: Limit): string {
  const what = l.integer === true ? "an integer" : "a number";
  const low =
    l.exclusiveMinimum !== undefined ? `> ${l.exclusiveMinimum}` : `>= ${l.minimum ?? "-inf"}`;
  return l.integer === true && l.minimum !== undefined
    ? `${what} from ${l.minimum} to ${l.maximum}`
    : `${what} ${low} and <= ${l.maximum}`;
}

export function withinLimit(value: number, l: Limit): boolean {
  if (!Number.isFinite(value)) return false;
  if (l.integer === true && !Number.isInteger(value)) return false;
  if (l.minimum !== undefined && value < l.minimum) return false;
  if (l.exclusiveMinimum !== undefined && value <= l.exclusiveMinimum) return false;
  return value <= l.maximum;
}

/**
 * Check a value given outside a schema (a CLI flag, a library option): an InputError naming
 * `path` (e.g. `--microbatches`) with the range when it is out of it.
 */
export function checkLimit(path: string, value: number | undefined, name: LimitName): void {
  if (value === undefined) return;
  const l: Limit = LIMITS[name];
  if (!withinLimit(value, l)) throw badValue(path, `must be ${describeLimit(l)}, got ${value}`);
}
