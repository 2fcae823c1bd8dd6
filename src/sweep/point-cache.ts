/**
 * Finished points by cache key, one JSON file each under `<output>/.cache/`: a re-run (or a run
 * restarted after a kill) reads them instead of simulating again. Each file is written to a temp
 * name and renamed, so a kill leaves a whole entry or none; one that cannot be read is a miss.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createTempNamer } from "../report/atomic-write.js";
import type { ScenarioRows } from "../scenario/scenario-rows.js";

export const CACHE_FOLDER = ".cache";

export interface PointCache {
  get(key: string): ScenarioRows | undefined;
  put(key: string, result: ScenarioRows): void;
}

export function pointCache(outDir: string): PointCache {
  const dir = join(outDir, CACHE_FOLDER);
  const namer = createTempNamer();
  let made = false;
  return {
    get(key) {
      try {
        const entry = JSON.parse(readFileSync(join(dir, `${key}.json`), "utf8")) as {
          key?: string;
          result?: ScenarioRows;
        };
        return entry.key === key && Array.isArray(entry.result?.rows) ? entry.result : undefined;
      } catch {
        return undefined;
      }
    },
    put(key, result) {
      if (!made) mkdirSync(dir, { recursive: true });
      made = true;
      const target = join(dir, `${key}.json`);
      const tmp = namer(target);
      // No fsync: a kill cannot tear a renamed file, and a file torn by a power cut reads as
      // a miss (recomputed), so durability is not worth a disk flush per point.
      writeFileSync(tmp, JSON.stringify({ key, result }));
      renameSync(tmp, target);
    },
  };
}
