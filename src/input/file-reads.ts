/**
 * Which input files a piece of loading read, by content hash: a sweep point's cache key covers
 * every file its scenario loads (profiles with their `extends`, engine profile, trace, stage
 * profile), so editing any of them never serves a stale result. Every input file is read through
 * readTextFile, which reports here. `memoizedLoad` keeps what a loader made from its files while
 * none of them changed (a sweep loads the same profile once per point) and reports those files
 * again on every hit, so a recording never misses a file because it came from memory.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";

interface FileRead {
  path: string;
  sha256: string;
  size: number;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let recording: Map<string, FileRead> | undefined;

/** Called by readTextFile with each file's text; returns the text. */
export function noteFileRead(file: string, text: string): string {
  if (recording === undefined) return text;
  const path = resolve(file);
  recording.set(path, { path, sha256: sha256(text), size: statSync(path).size });
  return text;
}

function record<T>(body: () => T): { value: T; reads: FileRead[] } {
  const outer = recording;
  const mine = new Map<string, FileRead>();
  recording = mine;
  try {
    const value = body();
    return { value, reads: [...mine.values()] };
  } finally {
    if (outer !== undefined) mine.forEach((r, p) => outer.set(p, r));
    recording = outer;
  }
}

/**
 * Run `body` and return what it returned with the sorted sha256 of every file it read. Contents,
 * not paths: shards on machines with the project in different folders get the same keys.
 */
export function recordFileReads<T>(body: () => T): { value: T; fileHashes: string[] } {
  const { value, reads } = record(body);
  return { value, fileHashes: [...new Set(reads.map((r) => r.sha256))].sort() };
}

const memo = new Map<string, { value: unknown; reads: FileRead[] }>();

/** Same content as when read: a changed size settles it, else the bytes are hashed again. */
function unchanged(r: FileRead): boolean {
  try {
    if (statSync(r.path).size !== r.size) return false;
    return sha256(readFileSync(r.path, "utf8")) === r.sha256;
  } catch {
    return false;
  }
}

/**
 * `load()`, or what it returned last time for `key` when none of the files it read has changed
 * since (same content). The value is shared: callers must not modify it.
 * Errors are not kept.
 */
export function memoizedLoad<T>(key: string, load: () => T): T {
  const hit = memo.get(key);
  if (hit !== undefined && hit.reads.every(unchanged)) {
    if (recording !== undefined) for (const r of hit.reads) recording.set(r.path, r);
    return hit.value as T;
  }
  const { value, reads } = record(load);
  memo.set(key, { value, reads });
  return value;
}
