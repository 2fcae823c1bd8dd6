/** Small path helpers the profile loaders share: is it a file, and how to show its path. */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, relative } from "node:path";

export function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Relative to the working directory when inside it, else absolute. */
export function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : abs;
}
