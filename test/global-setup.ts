/**
 * Vitest global setup: build `dist/` once with `tsc -p tsconfig.build.json`, so the CLI tests
 * (which spawn `node dist/cli/main.js`) run the code in the working tree, not a stale build.
 * A failed build stops the whole run with tsc's diagnostics.
 */
import { execFileSync } from "node:child_process";
import { chmodSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TSC = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));

export default function setup(): void {
  try {
    execFileSync(process.execPath, [TSC, "-p", "tsconfig.build.json", "--pretty", "false"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    const output = `${stdout ?? ""}${stderr ?? ""}`.trim();
    throw new Error(
      `test/global-setup.ts: 'tsc -p tsconfig.build.json' failed, so the CLI tests cannot run:\n${output || String(e)}`,
    );
  }
  // As `npm run build` does: the bin must stay executable for `npx wattif` after the tests.
  chmodSync(fileURLToPath(new URL("../dist/cli/main.js", import.meta.url)), 0o755);
}
