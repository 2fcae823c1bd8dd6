/**
 * Vitest global setup: make sure `dist/` is built from the working tree, so bin.test.ts (which
 * spawns `node dist/cli/main.js`) runs the current code, not a stale build. `npm ci` already
 * builds (`prepare`), so usually there is nothing to do: tsc runs only when some source or
 * config file is newer than the JavaScript built from it, or that file is missing. A failed
 * build stops the whole run with tsc's diagnostics.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TSC = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
/** Files whose change changes every output. */
const CONFIGS = ["tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json"];

const mtimeMs = (file: string): number => statSync(file).mtimeMs;

/** Why dist/ must be rebuilt, or undefined when every output is newer than what it comes from. */
export function staleReason(root: string): string | undefined {
  const src = join(root, "src");
  const dist = join(root, "dist");
  const sources = readdirSync(src, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".d.ts"),
  );
  const configTime = Math.max(
    ...CONFIGS.map((c) => join(root, c))
      .filter((f) => existsSync(f))
      .map(mtimeMs),
  );
  if (!existsSync(join(dist, "input", "validators")))
    return "the precompiled validators are missing";
  for (const rel of sources) {
    const out = join(dist, rel.replace(/\.ts$/, ".js"));
    if (!existsSync(out)) return `${out} is missing`;
    const built = mtimeMs(out);
    if (built < mtimeMs(join(src, rel))) return `src/${rel} is newer than its build`;
    if (built < configTime) return "a tsconfig or package file is newer than the build";
  }
  return undefined;
}

export default function setup(): void {
  if (staleReason(ROOT) === undefined) return;
  try {
    execFileSync(process.execPath, [TSC, "-p", "tsconfig.build.json", "--pretty", "false"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  } catch (e) {
    // tsc writes its output even on type errors: date one file back so the next run retries.
    const main = join(ROOT, "dist", "cli", "main.js");
    if (existsSync(main)) utimesSync(main, 0, 0);
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    const output = `${stdout ?? ""}${stderr ?? ""}`.trim();
    throw new Error(
      `test/global-setup.ts: 'tsc -p tsconfig.build.json' failed, so the CLI tests cannot run:\n${output || String(e)}`,
    );
  }
  // As `npm run build` does: precompiled validators, and the bin executable for `npx wattif`.
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-validators.mjs")], {
    cwd: ROOT,
    stdio: "ignore",
  });
  chmodSync(join(ROOT, "dist", "cli", "main.js"), 0o755);
}
