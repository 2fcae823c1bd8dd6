/**
 * Finishes or undoes a result-set swap that a killed writer left half done, and removes the
 * temporary siblings of writers that are gone. Run before every write (and before a simulation,
 * when the output folder is checked), so a reader and the next run see a complete set.
 *
 * What the names left beside `N` mean when their writer is dead:
 * - `N` missing, a `.new` present: the new set was complete; it is renamed into place.
 * - `N` missing, only an `.old`: the swap had moved the old set away; it is renamed back.
 * - everything else (`.tmp`, a `.new` with `N` present, an `.old` with `N` present, `.bak`, a
 *   killed sweep's `.work`) is an unfinished or finished write's debris and is removed.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { ownerGone, parseSwapName, type SwapName } from "./result-folder-names.js";

function siblingsOf(target: string): SwapName[] {
  let entries: string[];
  try {
    entries = readdirSync(dirname(target));
  } catch {
    return [];
  }
  return entries.map((e) => parseSwapName(target, e)).filter((s): s is SwapName => s !== undefined);
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Tries to rename `from` to `to`; false when another repairer or writer got there first. */
function tryRename(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/** Repairs `target` (an absolute folder path) from its dead writers' leftovers; see above. */
export function repairResultFolder(target: string): void {
  const dead = siblingsOf(target).filter((s) => ownerGone(s.pid));
  if (dead.length === 0) return;
  if (!existsSync(target)) {
    const newest = (tag: string) =>
      dead.filter((s) => s.tag === tag).sort((a, b) => mtimeMs(b.path) - mtimeMs(a.path))[0];
    const back = newest("new") ?? newest("old");
    if (back !== undefined) tryRename(back.path, target);
  }
  for (const s of dead) rmSync(s.path, { recursive: true, force: true });
}
