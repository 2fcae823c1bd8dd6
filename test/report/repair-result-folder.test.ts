import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repairResultFolder } from "../../src/report/repair-result-folder.js";

let base: string;
let target: string;
let dead: number;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "wattif-repair-"));
  target = join(base, "out");
  const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  dead = Number(ended.stdout);
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

const sibling = (pid: number, tag: string, n = 0) => join(base, `.out.${pid}.0.${n}.${tag}`);
function makeSet(path: string, content: string): void {
  mkdirSync(path);
  writeFileSync(join(path, "a.csv"), content);
}
const setIn = (path: string) => readFileSync(join(path, "a.csv"), "utf8");

describe("repairResultFolder", () => {
  it("puts a dead writer's complete new set in place when the folder is missing", () => {
    makeSet(sibling(dead, "old"), "old");
    makeSet(sibling(dead, "new"), "new");
    repairResultFolder(target);
    expect(setIn(target)).toBe("new");
    expect(readdirSync(base)).toEqual(["out"]);
  });

  it("puts the old set back when no complete new one exists", () => {
    makeSet(sibling(dead, "old"), "old");
    makeSet(sibling(dead, "tmp"), "half");
    repairResultFolder(target);
    expect(setIn(target)).toBe("old");
    expect(readdirSync(base)).toEqual(["out"]);
  });

  it("removes every dead leftover beside a whole folder, a sweep's work folder included", () => {
    makeSet(target, "current");
    for (const tag of ["tmp", "new", "old", "work"]) makeSet(sibling(dead, tag), tag);
    writeFileSync(sibling(dead, "bak", 1), "bak");
    repairResultFolder(target);
    expect(setIn(target)).toBe("current");
    expect(readdirSync(base)).toEqual(["out"]);
  });

  it("leaves a live writer's folders and other folders' siblings alone", () => {
    makeSet(sibling(process.ppid, "old"), "live old");
    makeSet(join(base, `.other.${dead}.0.0.tmp`), "not ours");
    repairResultFolder(target);
    expect(readdirSync(base).sort()).toEqual([
      `.other.${dead}.0.0.tmp`,
      `.out.${process.ppid}.0.0.old`,
    ]);
  });
});
