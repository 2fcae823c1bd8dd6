/**
 * Names of the sibling folders a result-set swap uses beside its target `dir/N`:
 * `.N.<pid>.<thread>.<n>.tmp` (being built), `.new` (complete, not yet in place) and `.old` (the
 * previous set, moved away), `.work` (a batch sweep's growing log, until its set is written),
 * plus `.tmp`/`.bak` files the earlier per-file protocol left. The
 * pid in the name tells the next run whether the writer is gone, so only dead writers' leftovers
 * are repaired or removed, never a live concurrent run's.
 */
import { basename, dirname, join } from "node:path";
import { threadId } from "node:worker_threads";

export type SwapTag = "tmp" | "new" | "old" | "bak" | "work";

export interface SwapName {
  /** The sibling's full path. */
  path: string;
  pid: number;
  /** `pid.thread.n`: the names one writer call uses share it. */
  id: string;
  tag: SwapTag;
}

/** A sibling name for `target` owned by this process and thread. */
export function swapPath(target: string, id: string, tag: SwapTag): string {
  return join(dirname(target), `.${basename(target)}.${id}.${tag}`);
}

let calls = 0;

/** A fresh `pid.thread.n` id; `n` counts this thread's calls, so ids never repeat in a process. */
export function newSwapId(): string {
  return `${process.pid}.${threadId}.${calls++}`;
}

const PATTERN = /^\.(.+)\.((\d+)\.\d+\.\d+)\.(tmp|new|old|bak|work)$/;

/** `entry` (a name in the target's parent) as a swap name of `target`'s, or undefined. */
export function parseSwapName(target: string, entry: string): SwapName | undefined {
  const m = PATTERN.exec(entry);
  if (m === null || m[1] !== basename(target)) return undefined;
  return {
    path: join(dirname(target), entry),
    pid: Number(m[3]),
    id: m[2]!,
    tag: m[4] as SwapTag,
  };
}

/** Whether a leftover name of `target`'s siblings or inside a result folder is any temp name. */
export function isTempName(entry: string): boolean {
  return PATTERN.test(entry);
}

/**
 * Whether process `pid` is gone. EPERM means it exists under another user, so it counts as alive;
 * this process's own names are never "gone" (its other calls clean up after themselves).
 */
export function ownerGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}
