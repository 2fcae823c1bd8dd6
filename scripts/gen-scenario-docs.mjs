/**
 * Writes the generated references in docs/ (scenarios, hardware profiles, engine profiles) from
 * the JSON Schemas: `npm run docs` (builds first, since this reads dist/). `--check` writes
 * nothing and exits 1 when a file is stale. Prettier formats the output so `prettier --check .`
 * holds; test/docs/scenario-docs.test.ts runs the same formatting on src/ and compares.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as prettier from "prettier";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** The page as prettier would leave it, with the project's own prettier config. */
export async function formatPage(page) {
  const file = join(ROOT, page.file);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(page.markdown, { ...options, filepath: file });
}

async function main() {
  const check = process.argv.includes("--check");
  const { referencePages, undocumentedFields } =
    await import("../dist/scenario/reference/reference-pages.js");
  const missing = undocumentedFields();
  if (missing.length > 0) {
    console.error(`fields without a description:\n  ${missing.join("\n  ")}`);
  }
  let stale = 0;
  for (const page of referencePages()) {
    const file = join(ROOT, page.file);
    const text = await formatPage(page);
    let old;
    try {
      old = readFileSync(file, "utf8");
    } catch {
      old = undefined;
    }
    if (old === text) continue;
    stale++;
    if (check) {
      console.error(`${page.file} is stale: run npm run docs`);
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      console.error(`wrote ${page.file}`);
    }
  }
  if (check && stale > 0) process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
