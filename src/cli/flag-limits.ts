/**
 * The physical range of each numeric flag, from the same table as the scenario schemas
 * (input/limits.ts), so `--microbatches 1e9` is refused like `microbatches: 1e9` in a file:
 * exit 2 with the range, before any work.
 */
import { badValue } from "../input/input-error.js";
import { checkLimit, type LimitName } from "../input/limits.js";

/** camelCase option name (as yargs gives it) -> its range. */
const FLAG_LIMITS: Record<string, LimitName> = {
  batch: "batch",
  seq: "seqTokens",
  context: "seqTokens",
  layers: "layers",
  m: "dimension",
  n: "dimension",
  k: "dimension",
  bytes: "dimension",
  elements: "dimension",
  heads: "dimension",
  headDim: "dimension",
  tp: "tp",
  freq: "freqMHz",
  powerCap: "powerCapW",
  microbatches: "microbatches",
  stages: "stages",
  microbatchSize: "batch",
  chunks: "chunks",
  pBlocking: "powerW",
  unitTime: "unitTimeS",
  straggler: "straggler",
  pipelines: "gpus",
  powerResolution: "resolutionS",
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Check every numeric flag of `argv` that has a range; throws an InputError (exit 2). */
export function checkFlagLimits(argv: Record<string, unknown>): void {
  for (const [name, limit] of Object.entries(FLAG_LIMITS)) {
    const v = argv[name];
    if (typeof v !== "number") continue;
    if (Number.isNaN(v)) throw badValue(`--${kebab(name)}`, "must be a number");
    checkLimit(`--${kebab(name)}`, v, limit);
  }
}
