/**
 * The cache key of a sweep point: sha256 of its resolved document (canonical JSON), the content
 * hashes of every file its loading read (profiles, engine profile, trace, stage profile), the
 * package version and a hash of the code itself (every module of src/ or dist/, whichever runs),
 * so a changed model or input never serves a stale result.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { packagePath } from "../input/project-paths.js";
import { canonicalJson } from "./canonical-json.js";

let codeVersionMemo: string | undefined;

/** The package version and a hash of the running code's modules (computed once per process). */
export function codeVersion(): string {
  if (codeVersionMemo !== undefined) return codeVersionMemo;
  const root = fileURLToPath(new URL("../", import.meta.url));
  const hash = createHash("sha256");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => f.split("\\").join("/"))
    .sort();
  for (const f of files)
    hash
      .update(f)
      .update("\0")
      .update(readFileSync(join(root, f)))
      .update("\0");
  const pkg = JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { version: string };
  codeVersionMemo = `${pkg.version}+${hash.digest("hex").slice(0, 16)}`;
  return codeVersionMemo;
}

export function pointKey(doc: unknown, fileHashes: readonly string[]): string {
  return createHash("sha256")
    .update(canonicalJson({ doc, files: fileHashes, code: codeVersion() }))
    .digest("hex");
}
