/**
 * Crash-safe result files: content goes to a temp file in the target's directory, is flushed to
 * disk, and is renamed over the target, so a reader sees the old file or the new one, never half.
 */
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { threadId } from "node:worker_threads";

/** A file's content, or a function producing it (called while staging; a throw aborts the set). */
export type FileContent = string | (() => string);

/** Gives sibling temp paths for targets: `dir/.name.<pid>.<thread>.<n>.<tag>`. */
export type TempNamer = (target: string, tag?: string) => string;

/**
 * A namer with its own counter. pid and thread id keep processes and worker threads apart; the
 * counter keeps one namer's names apart. Every writer here is synchronous and creates a fresh
 * namer per call, whose temp files are all renamed or removed before the call returns, so two
 * namers are never live at once in one thread and their names cannot collide. Temp names never
 * reach the results.
 */
export function createTempNamer(): TempNamer {
  let counter = 0;
  return (target, tag = "tmp") =>
    join(dirname(target), `.${basename(target)}.${process.pid}.${threadId}.${counter++}.${tag}`);
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

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never created: nothing to clean.
  }
}

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
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

interface Staged {
  target: string;
  tmp: string;
  backup?: string;
  renamed: boolean;
}

/**
 * `files` as (absolute target, content) pairs under `dir`, in key order; throws before any write
 * on a name that escapes `dir` or names the same target twice.
 */
function resolveTargets(
  dir: string,
  files: Readonly<Record<string, FileContent>>,
): [string, FileContent][] {
  const root = resolve(dir);
  const seen = new Set<string>();
  return Object.entries(files).map(([name, content]) => {
    const target = resolve(root, name);
    const rel = relative(root, target);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
      throw new Error(`writeResultSet: "${name}" is not a file name inside ${dir}`);
    }
    if (seen.has(target)) throw new Error(`writeResultSet: "${name}" given twice`);
    seen.add(target);
    return [target, content];
  });
}

/**
 * Writes a set of result files under `dir` (keys are relative paths, e.g. `points.csv`,
 * `runs/summary.json`) all-or-nothing:
 * 1. every file is written (content functions called) to a temp file beside its target; any
 *    failure removes the temp files and rethrows, with no target touched;
 * 2. existing targets get a hard-link backup, then each temp file is renamed over its target; if a
 *    rename fails, the targets already replaced are restored from their backups (or removed when
 *    new) and the error is rethrown.
 * Returns the absolute paths written, in key order. Directories created on the way may remain.
 */
export function writeResultSet(
  dir: string,
  files: Readonly<Record<string, FileContent>>,
): string[] {
  const targets = resolveTargets(dir, files);
  const namer = createTempNamer();
  const staged: Staged[] = [];

  try {
    for (const [target, content] of targets) {
      mkdirSync(dirname(target), { recursive: true });
      const entry: Staged = { target, tmp: namer(target), renamed: false };
      staged.push(entry);
      writeDurable(entry.tmp, typeof content === "function" ? content() : content);
    }
  } catch (error) {
    for (const s of staged) removeQuietly(s.tmp);
    throw error;
  }

  try {
    for (const s of staged) {
      if (!isFile(s.target)) continue;
      s.backup = namer(s.target, "bak");
      try {
        linkSync(s.target, s.backup);
      } catch {
        copyFileSync(s.target, s.backup);
      }
    }
    for (const s of staged) {
      renameSync(s.tmp, s.target);
      s.renamed = true;
    }
  } catch (error) {
    rollBack(staged);
    throw error;
  }

  for (const s of staged) if (s.backup !== undefined) removeQuietly(s.backup);
  return staged.map((s) => s.target);
}

/**
 * Undoes a partly committed set: restores replaced targets from their backups, removes targets
 * that did not exist before, and deletes the remaining temp files. A backup that cannot be put
 * back is kept on disk rather than lost.
 */
function rollBack(staged: readonly Staged[]): void {
  for (const s of staged) {
    if (!s.renamed) {
      removeQuietly(s.tmp);
      if (s.backup !== undefined) removeQuietly(s.backup);
    } else if (s.backup !== undefined) {
      try {
        renameSync(s.backup, s.target);
      } catch {
        // Keep the backup file: it holds the only copy of the previous result.
      }
    } else {
      removeQuietly(s.target);
    }
  }
}
