/**
 * Result sets survive SIGKILL: 20 child processes each write a result set (the built
 * writeResultSet, dist/, kept current by test/global-setup.ts) over the folder's previous set and
 * are killed at seeded random moments of the write, which WATTIF_TEST_WRITE_PAUSE_MS stretches
 * over every step (each file, the renames, the clean-up). After each kill, once the next run has
 * checked the folder, it holds the old set or the new set byte for byte, with the files the sets
 * do not write (a sweep cache) kept, and no temporary file or folder is left anywhere.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import seedrandom from "seedrandom";
import { afterAll, describe, expect, it } from "vitest";
import { WRITE_PAUSE_ENV } from "../../src/report/atomic-write.js";
import { checkOutputDir } from "../../src/report/check-output-dir.js";
import { ROOT } from "../cli/helpers.js";

const WRITER = pathToFileURL(join(ROOT, "dist", "report", "atomic-write.js")).href;
/** Pause per write step (ms): the write spans 7 of them, plus its flushes. */
const PAUSE_MS = 10;
const KILLS = 20;

const base = mkdtempSync(join(tmpdir(), "wattif-kill-"));
const dir = join(base, "out");
afterAll(() => rmSync(base, { recursive: true, force: true }));

type FileSet = Record<string, string>;

/** A set of result files whose every byte says which set it is. */
function resultSet(tag: string): FileSet {
  const rows = Array.from({ length: 200 }, (_, i) => `${tag},${i}`).join("\n");
  return {
    "points.csv": `set,i\n${rows}\n`,
    "frontier.csv": `set\n${tag}\n`,
    "summary.json": `{"set":"${tag}"}\n`,
    "plots/frontier.svg": `<svg>${tag}</svg>\n`,
  };
}

/** Files not written by the sets, which every write must keep. */
const KEPT: FileSet = { ".cache/k.json": '{"cached":true}' };

/** Every file under `root` with its content. */
function contents(root: string): FileSet {
  const out: [string, string][] = [];
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out.push([relative(root, path), readFileSync(path, "utf8")]);
  }
  return Object.fromEntries(out.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Starts a child writing `files` to `dir`; resolves on its "ready" line (just before the write). */
function startWriter(files: FileSet) {
  const script = `const { writeResultSet } = await import(${JSON.stringify(WRITER)});
process.stdout.write("ready\\n");
writeResultSet(${JSON.stringify(dir)}, ${JSON.stringify(files)});`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, [WRITE_PAUSE_ENV]: String(PAUSE_MS) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  return { child, exited, ready };
}

describe("a result-set write killed with SIGKILL", () => {
  it("leaves the old set or the new set, and no temporary files after the next run", async () => {
    const sets = [resultSet("A"), resultSet("B")];
    mkdirSync(join(dir, ".cache"), { recursive: true });
    writeFileSync(join(dir, ".cache", "k.json"), KEPT[".cache/k.json"]!);
    let current = 0;
    // Ends before the write begins (or without one): the folder starts as a complete set.
    const first = startWriter(sets[0]!);
    expect(await first.exited).toBe(0);

    const rng = seedrandom("atomic-write-kill");
    const outcomes = { old: 0, new: 0, leftovers: 0, midSwap: 0 };
    for (let k = 0; k < KILLS; k++) {
      const next = 1 - current;
      const w = startWriter(sets[next]!);
      await w.ready;
      await sleep(rng() * 16 * PAUSE_MS);
      w.child.kill("SIGKILL");
      await w.exited;
      if (readdirSync(base).length !== 1) outcomes.leftovers++;
      // Killed between moving the old folder away and renaming the new one in.
      if (!existsSync(dir)) outcomes.midSwap++;
      // The next run's check repairs a half-done swap and removes the dead writer's leftovers.
      checkOutputDir(dir);
      expect(readdirSync(base)).toEqual(["out"]);
      const found = contents(dir);
      if (JSON.stringify(found) === JSON.stringify(contents2(sets[next]!))) {
        outcomes.new++;
        current = next;
      } else {
        expect(found).toEqual(contents2(sets[current]!));
        outcomes.old++;
      }
    }
    // Some kills landed inside the write (it was not always over before the kill).
    expect(outcomes.leftovers).toBeGreaterThan(0);
    expect(outcomes.old + outcomes.new).toBe(KILLS);
    console.log(`SIGKILL outcomes: ${JSON.stringify(outcomes)}`);
  });
});

/** What the folder holds after `set` was written whole: the set plus the kept files. */
function contents2(set: FileSet): FileSet {
  const all = { ...set, ...KEPT };
  return Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((k) => [k, all[k]!]),
  );
}
