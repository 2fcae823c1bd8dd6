/**
 * Which input files a piece of loading read, by content hash: a sweep point's cache key covers
 * every file its scenario loads (profiles with their `extends`, engine profile, trace, stage
 * profile), so editing any of them never serves a stale result. Every input file is read through
 * readTextFile, which reports here; recording is off (and costs nothing) unless asked for.
 */
import { createHash } from "node:crypto";

let recording: Set<string> | undefined;

/** Called by readTextFile with each file's text; returns the text. */
export function noteFileRead(text: string): string {
  recording?.add(createHash("sha256").update(text).digest("hex"));
  return text;
}

/**
 * Run `body` and return what it returned with the sorted sha256 of every file it read. Contents,
 * not paths: shards on machines with the project in different folders get the same keys.
 */
export function recordFileReads<T>(body: () => T): { value: T; fileHashes: string[] } {
  const outer = recording;
  const mine = new Set<string>();
  recording = mine;
  try {
    const value = body();
    return { value, fileHashes: [...mine].sort() };
  } finally {
    if (outer !== undefined) mine.forEach((h) => outer.add(h));
    recording = outer;
  }
}
