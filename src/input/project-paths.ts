/**
 * Files that ship with the package (hardware profiles, example scenarios, data), found from this
 * module's own location: src/input/ when run from source, dist/input/ when built, both two levels
 * below the package root. Every layer asks here instead of counting `../` from its own folder.
 */
import { fileURLToPath } from "node:url";

const ROOT_URL = new URL("../../", import.meta.url);

/** Absolute path of `relative` (e.g. "hardware-profiles/", "scenarios/quickstart.yaml"). */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT_URL));
}
