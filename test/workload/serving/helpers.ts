import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

/** The Azure conversation slice shipped in the project. */
export const SLICE_CSV = fileURLToPath(
  new URL("../../../data/traces/azure_conv_2023_slice.csv", import.meta.url),
);

/** A temp folder for this test file, removed after its tests. */
export function tempDir(): (name: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), "wattif-trace-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, text) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
}
