/**
 * Crash-safe result files. One file: written to a temp file beside it, flushed, renamed over it.
 * A result set (a folder): built whole in a temporary sibling folder and swapped into place, so a
 * reader sees the old set or the new one, never a mix; see `writeResultSet`.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { threadId } from "node:worker_threads";
import { checkOutputDir } from "./check-output-dir.js";
import { asOutputError } from "./output-error.js";
import { isTempName, newSwapId, swapPath } from "./result-folder-names.js";

/** A file's content, or a function producing it (called while staging; a throw aborts the set). */
export type FileContent = string | (() => string);

/** Gives sibling temp paths for targets: `dir/.name.<pid>.<thread>.<n>.<tag>`. */
export type TempNamer = (target: string, tag?: string) => string;

/**
 * A namer with its own counter. pid and thread id keep processes and worker threads apart; the
 * counter keeps one namer's names apart. Every writer here is synchronous and creates a fresh
 * namer per call, whose temp files are all renamed or removed before the call returns, so two
 * namers are never live at once in one thread and their names cannot collide. Temp names never
 * reach the results (a result-set write drops leftovers of killed writers).
 */
export function createTempNamer(): TempNamer {
  let counter = 0;
  return (target, tag = "tmp") =>
    join(dirname(target), `.${basename(target)}.${process.pid}.${threadId}.${counter++}.${tag}`);
}

/**
 * Test hook: `WATTIF_TEST_WRITE_PAUSE_MS` sleeps that long between the steps of a result-set
 * write, so a kill test can land inside the write. Unset (always, outside tests) it costs nothing.
 */
export const WRITE_PAUSE_ENV = "WATTIF_TEST_WRITE_PAUSE_MS";

function pause(): void {
  const ms = Number(process.env[WRITE_PAUSE_ENV] ?? 0);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Writes `data` to a new file at `path` and flushes it to disk before returning. */
function writeDurable(path: string, data: string): void {
  const fd = openSync(path, "w");
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (new names, renames) to disk. */
function fsyncDir(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never created: nothing to clean.
  }
}

/**
 * Replaces (or creates) the file at `path` with `data` atomically, creating parent directories.
 * On failure the previous file is untouched and no temp file is left behind.
 */
export function writeFileAtomic(path: string, data: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = createTempNamer()(path);
  try {
    writeDurable(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    removeQuietly(tmp);
    throw error;
  }
}

/**
 * `files` as (path relative to `dir`, content) pairs, in key order; throws before any write on a
 * name that escapes `dir` or names the same target twice.
 */
function resolveTargets(
  dir: string,
  files: Readonly<Record<string, FileContent>>,
): [string, FileContent][] {
  const root = resolve(dir);
  const seen = new Set<string>();
  return Object.entries(files).map(([name, content]) => {
    const rel = relative(root, resolve(root, name));
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
      throw new Error(`writeResultSet: "${name}" is not a file name inside ${dir}`);
    }
    if (seen.has(rel)) throw new Error(`writeResultSet: "${name}" given twice`);
    seen.add(rel);
    return [rel, content];
  });
}

/**
 * Links (or copies) into `to` every entry of `from` that the new set does not write: files other
 * tools or the sweep keep there (its cache, for example) stay. Leftover temp names are dropped.
 */
function carryOver(from: string, to: string, rel: string, written: ReadonlySet<string>): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const r = rel === "" ? entry.name : join(rel, entry.name);
    if (isTempName(entry.name) || written.has(r)) continue;
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    // A name the new set already uses (a file of it, or a folder holding its files) is its own.
    const taken = (e: unknown) => (e as NodeJS.ErrnoException).code === "EEXIST";
    if (entry.isDirectory()) {
      if (existsSync(dst) && !lstatSync(dst).isDirectory()) continue;
      mkdirSync(dst, { recursive: true });
      carryOver(src, dst, r, written);
    } else if (entry.isFile()) {
      try {
        linkSync(src, dst);
      } catch (e) {
        if (!taken(e)) copyFileSync(src, dst);
      }
    } else if (entry.isSymbolicLink()) {
      try {
        symlinkSync(readlinkSync(src), dst);
      } catch (e) {
        if (!taken(e)) throw e;
      }
    }
    // Devices, sockets and pipes have no place in a result folder: not carried.
  }
}

/**
 * Moves the complete set at `fresh` into place at `root`, moving an existing `root` to an `.old`
 * sibling first; returns the `.old` paths to remove. Another writer finishing in between puts
 * its set back at `root`; then that set is moved away in turn (last writer wins, each whole).
 */
function swapIn(root: string, fresh: string): string[] {
  const olds: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const old = swapPath(root, newSwapId(), "old");
    try {
      renameSync(root, old);
      olds.push(old);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    pause();
    try {
      renameSync(fresh, root);
      return olds;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== "ENOTEMPTY" && code !== "EEXIST") || attempt >= 10) {
        const last = olds.at(-1);
        if (last !== undefined && !existsSync(root)) renameSync(last, root);
        throw e;
      }
    }
  }
}

/**
 * Writes a set of result files into folder `dir` (keys are relative paths, e.g. `points.csv`,
 * `runs/summary.json`) all-or-nothing:
 * 1. `dir` is checked, and leftovers of its killed writers are repaired or removed
 *    (check-output-dir.ts, repair-result-folder.ts);
 * 2. the set is written (content functions called) into a new sibling `.dir.<id>.tmp`, with
 *    every file of the existing folder that the set does not replace linked in beside it; files
 *    and folders are flushed, and the folder is renamed to `.dir.<id>.new` (complete);
 * 3. the existing `dir` is renamed to `.dir.<id>.old`, `.new` is renamed to `dir`, and `.old` is
 *    removed.
 * A failure in 1-2 leaves `dir` untouched; one in 3 puts the old folder back. A kill leaves
 * names from which the next write (or `checkOutputDir`) restores a whole set. Errors the user
 * can fix (disk full, permissions) are bad input naming `dir`. Returns the absolute paths
 * written, in key order.
 */
export function writeResultSet(
  dir: string,
  files: Readonly<Record<string, FileContent>>,
): string[] {
  const targets = resolveTargets(dir, files);
  const root = checkOutputDir(dir);
  try {
    mkdirSync(dirname(root), { recursive: true });
    const id = newSwapId();
    const tmp = swapPath(root, id, "tmp");
    const fresh = swapPath(root, id, "new");
    let olds: string[] = [];
    try {
      mkdirSync(tmp);
      const folders = new Set([tmp]);
      for (const [rel, content] of targets) {
        const path = join(tmp, rel);
        mkdirSync(dirname(path), { recursive: true });
        for (let f = dirname(path); f !== tmp; f = dirname(f)) folders.add(f);
        writeDurable(path, typeof content === "function" ? content() : content);
        pause();
      }
      if (existsSync(root)) carryOver(root, tmp, "", new Set(targets.map(([rel]) => rel)));
      for (const f of folders) fsyncDir(f);
      renameSync(tmp, fresh);
      pause();
      olds = swapIn(root, fresh);
    } catch (error) {
      rmSync(tmp, { recursive: true, force: true });
      rmSync(fresh, { recursive: true, force: true });
      throw error;
    }
    try {
      fsyncDir(dirname(root));
    } catch {
      // The new set is in place; only its rename's durability across a power cut is unsure.
    }
    for (const old of olds) {
      pause();
      try {
        rmSync(old, { recursive: true, force: true });
      } catch {
        // The new set is in place; the next write removes what is left of the old one.
      }
    }
  } catch (error) {
    throw asOutputError(error, dir);
  }
  return targets.map(([rel]) => join(resolve(dir), rel));
}
