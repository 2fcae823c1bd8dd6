/**
 * Which shard of a sweep this process runs: `--shard i/n`, or the array-job variables of the
 * cluster scheduler that started it (no scheduler of our own). Point p belongs to shard i when
 * p mod n == i (round robin: neighbouring points, often of similar cost, spread over shards).
 *   Slurm:        (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP
 *                 of SLURM_ARRAY_TASK_COUNT
 *   Kubernetes:   JOB_COMPLETION_INDEX (Indexed Job) of --shard-count
 *   AWS Batch:    AWS_BATCH_JOB_ARRAY_INDEX of --shard-count
 *   Google Batch: BATCH_TASK_INDEX of BATCH_TASK_COUNT
 */
import { InputError } from "../input/input-error.js";

export interface Shard {
  index: number;
  count: number;
  /** Where it came from, for messages: `--shard`, `Slurm`, ... */
  source: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const bad = (detail: string, path = "--shard") => new InputError(detail, { code: "VALUE", path });

function integer(text: string | undefined, name: string): number {
  const n = Number(text);
  if (text === undefined || text.trim() === "" || !Number.isInteger(n)) {
    throw bad(`${name} must be an integer, got '${text ?? ""}'`, name);
  }
  return n;
}

function checked(index: number, count: number, source: string): Shard {
  if (!(count >= 1)) throw bad(`${source}: shard count must be at least 1, got ${count}`);
  if (!(index >= 0 && index < count)) {
    throw bad(`${source}: shard index ${index} is not in 0..${count - 1}`);
  }
  return { index, count, source };
}

/**
 * The shard from the flag, else from the environment; undefined when neither names one.
 * `shardCount` is the count for schedulers whose variables give only an index.
 */
export function shardOf(
  flag: string | undefined,
  shardCount: number | undefined,
  env: Env,
): Shard | undefined {
  if (flag !== undefined) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(flag);
    if (m === null) throw bad(`expected i/n (e.g. 0/4), got '${flag}'`);
    return checked(Number(m[1]), Number(m[2]), "--shard");
  }
  if (env.SLURM_ARRAY_TASK_ID !== undefined && env.SLURM_ARRAY_TASK_COUNT !== undefined) {
    const id = integer(env.SLURM_ARRAY_TASK_ID, "SLURM_ARRAY_TASK_ID");
    const min =
      env.SLURM_ARRAY_TASK_MIN === undefined
        ? 0
        : integer(env.SLURM_ARRAY_TASK_MIN, "SLURM_ARRAY_TASK_MIN");
    const step =
      env.SLURM_ARRAY_TASK_STEP === undefined
        ? 1
        : integer(env.SLURM_ARRAY_TASK_STEP, "SLURM_ARRAY_TASK_STEP");
    if (step < 1 || (id - min) % step !== 0) {
      throw bad(`Slurm: task ${id} is not on the array's grid (min ${min}, step ${step})`);
    }
    return checked(
      (id - min) / step,
      integer(env.SLURM_ARRAY_TASK_COUNT, "SLURM_ARRAY_TASK_COUNT"),
      "Slurm",
    );
  }
  if (env.BATCH_TASK_INDEX !== undefined && env.BATCH_TASK_COUNT !== undefined) {
    return checked(
      integer(env.BATCH_TASK_INDEX, "BATCH_TASK_INDEX"),
      integer(env.BATCH_TASK_COUNT, "BATCH_TASK_COUNT"),
      "Google Cloud Batch",
    );
  }
  const indexed: [string, string][] = [
    ["JOB_COMPLETION_INDEX", "Kubernetes Indexed Job"],
    ["AWS_BATCH_JOB_ARRAY_INDEX", "AWS Batch"],
  ];
  for (const [name, source] of indexed) {
    if (env[name] === undefined) continue;
    if (shardCount === undefined) {
      throw bad(
        `${source} sets ${name}; give the number of shards with --shard-count`,
        "--shard-count",
      );
    }
    return checked(integer(env[name], name), shardCount, source);
  }
  if (shardCount !== undefined) {
    throw bad(
      "--shard-count needs a shard index (--shard, or a scheduler's index variable)",
      "--shard-count",
    );
  }
  return undefined;
}

export function inShard(index: number, shard: Shard | undefined): boolean {
  return shard === undefined || index % shard.count === shard.index;
}
