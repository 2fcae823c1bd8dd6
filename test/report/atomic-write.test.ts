import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { InputError } from "../../src/input/input-error.js";
import { createTempNamer, writeFileAtomic, writeResultSet } from "../../src/report/index.js";

let base: string;
/** The result folder, inside `base` so its swap siblings can be seen. */
let dir: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "wattif-report-"));
  dir = join(base, "out");
  mkdirSync(dir);
});

afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

/** Every file under `root`, as relative paths, sorted. */
function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

const read = (name: string): string => readFileSync(join(dir, name), "utf8");

describe("createTempNamer", () => {
  it("gives distinct sibling names per call and starts each namer afresh", () => {
    const namer = createTempNamer();
    const a = namer("/x/out.csv");
    const b = namer("/x/out.csv");
    expect(a).not.toBe(b);
    expect(a.startsWith("/x/.out.csv.")).toBe(true);
    expect(createTempNamer()("/x/out.csv")).toBe(a);
    expect(namer("/x/out.csv", "bak").endsWith(".bak")).toBe(true);
  });
});

describe("writeFileAtomic", () => {
  it("creates parent directories and leaves no temp files", () => {
    const path = join(dir, "a", "b", "out.json");
    writeFileAtomic(path, "{}\n");
    expect(readFileSync(path, "utf8")).toBe("{}\n");
    writeFileAtomic(path, "[]\n");
    expect(readFileSync(path, "utf8")).toBe("[]\n");
    expect(listFiles(dir)).toEqual(["a/b/out.json"]);
  });

  it("keeps the previous file and removes the temp file when the rename fails", () => {
    const target = join(dir, "busy");
    mkdirSync(target);
    writeFileSync(join(target, "keep.txt"), "old");
    expect(() => writeFileAtomic(target, "new")).toThrow();
    expect(listFiles(dir)).toEqual(["busy/keep.txt"]);
    expect(read("busy/keep.txt")).toBe("old");
  });
});

describe("writeResultSet", () => {
  it("writes every file, nested ones included, and leaves no temp files", () => {
    const written = writeResultSet(dir, {
      "points.csv": "a\n1\n",
      "runs/deep/summary.json": () => "{}\n",
    });
    expect(written).toEqual([join(dir, "points.csv"), join(dir, "runs", "deep", "summary.json")]);
    expect(listFiles(dir)).toEqual(["points.csv", "runs/deep/summary.json"]);
    expect(read("points.csv")).toBe("a\n1\n");
    expect(read("runs/deep/summary.json")).toBe("{}\n");
    expect(readdirSync(base)).toEqual(["out"]);
  });

  it("creates a folder that does not exist yet, parents included", () => {
    const deep = join(base, "x", "y");
    writeResultSet(deep, { "a.csv": "a" });
    expect(readFileSync(join(deep, "a.csv"), "utf8")).toBe("a");
    expect(readdirSync(join(base, "x"))).toEqual(["y"]);
  });

  it("overwrites a previous set and leaves no backups or swap folders", () => {
    writeResultSet(dir, { "a.csv": "old a", "b.json": "old b" });
    writeResultSet(dir, { "a.csv": "new a", "b.json": "new b" });
    expect(listFiles(dir)).toEqual(["a.csv", "b.json"]);
    expect(read("a.csv")).toBe("new a");
    expect(read("b.json")).toBe("new b");
    expect(readdirSync(base)).toEqual(["out"]);
  });

  it("keeps files the set does not write (a sweep's cache and log) and drops temp leftovers", () => {
    mkdirSync(join(dir, ".cache"));
    writeFileSync(join(dir, ".cache", "k1.json"), "cached");
    writeFileSync(join(dir, ".cache", ".k2.json.999999.0.0.tmp"), "torn");
    writeFileSync(join(dir, "points.jsonl"), "line\n");
    writeFileSync(join(dir, ".a.csv.999999.0.1.bak"), "old backup");
    symlinkSync("points.jsonl", join(dir, "link"));
    writeResultSet(dir, { "a.csv": "new a" });
    expect(listFiles(dir)).toEqual([".cache/k1.json", "a.csv", "points.jsonl"]);
    expect(read(".cache/k1.json")).toBe("cached");
    expect(read("link")).toBe("line\n");
  });

  it("replaces a folder by a file, and a file or a link by a folder, of the new set", () => {
    mkdirSync(join(dir, "b.json"));
    writeFileSync(join(dir, "b.json", "inside"), "x");
    writeFileSync(join(dir, "blocker"), "a file, not a directory");
    symlinkSync("b.json", join(dir, "link"));
    writeResultSet(dir, { "b.json": "new b", "blocker/c.json": "new c", "link/d.json": "new d" });
    expect(listFiles(dir)).toEqual(["b.json", "blocker/c.json", "link/d.json"]);
  });

  it("touches nothing and leaves no temp folder when a content function throws", () => {
    writeResultSet(dir, { "a.csv": "old a", "b.json": "old b" });
    expect(() =>
      writeResultSet(dir, {
        "a.csv": "new a",
        "c.txt": "new c",
        "b.json": () => {
          throw new Error("boom");
        },
      }),
    ).toThrow("boom");
    expect(listFiles(dir)).toEqual(["a.csv", "b.json"]);
    expect(read("a.csv")).toBe("old a");
    expect(read("b.json")).toBe("old b");
    expect(readdirSync(base)).toEqual(["out"]);
  });

  it("refuses, as bad input naming the folder, an empty name, the current folder and a file", () => {
    const refused = (d: string, why: RegExp) => {
      let error: unknown;
      try {
        writeResultSet(d, { "a.csv": "x" });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(why);
    };
    refused("", /empty/);
    refused(".", /current folder/);
    refused(dirname(process.cwd()), /current folder/);
    writeFileSync(join(base, "file"), "x");
    refused(join(base, "file"), new RegExp(`${join(base, "file")}: .*a file is in the way`));
    refused(join(base, "file", "sub"), /a file is in the way/);
    expect(readFileSync(join(base, "file"), "utf8")).toBe("x");
  });

  it("rejects names outside the directory before writing anything", () => {
    expect(() => writeResultSet(dir, { "ok.csv": "x", "../escape.csv": "y" })).toThrow(
      /not a file name inside/,
    );
    expect(() => writeResultSet(dir, { "": "x" })).toThrow(/not a file name inside/);
    expect(() => writeResultSet(dir, { "a.csv": "x", "./a.csv": "y" })).toThrow(/given twice/);
    expect(listFiles(dir)).toEqual([]);
  });
});

/** The pid of a process that has ended (so its leftovers count as a killed writer's). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

describe("writeResultSet after a killed writer", () => {
  const sibling = (pid: number, tag: string) => join(base, `.out.${pid}.0.0.${tag}`);
  const makeSet = (path: string, content: string) => {
    mkdirSync(path);
    writeFileSync(join(path, "a.csv"), content);
  };

  it("rolls a complete new set forward when the old one had been moved away", () => {
    const pid = deadPid();
    rmSync(dir, { recursive: true });
    makeSet(sibling(pid, "old"), "old a");
    makeSet(sibling(pid, "new"), "new a");
    writeResultSet(dir, { "b.csv": "b" });
    expect(listFiles(dir)).toEqual(["a.csv", "b.csv"]);
    expect(read("a.csv")).toBe("new a");
    expect(readdirSync(base)).toEqual(["out"]);
  });

  it("rolls the old set back when there is no complete new one", () => {
    const pid = deadPid();
    rmSync(dir, { recursive: true });
    makeSet(sibling(pid, "old"), "old a");
    makeSet(sibling(pid, "tmp"), "half");
    writeResultSet(dir, { "b.csv": "b" });
    expect(read("a.csv")).toBe("old a");
    expect(readdirSync(base)).toEqual(["out"]);
  });

  it("removes a dead writer's leftovers beside a whole set, and leaves a live writer's", () => {
    const pid = deadPid();
    writeFileSync(join(dir, "a.csv"), "current");
    for (const tag of ["tmp", "new", "old"]) makeSet(sibling(pid, tag), tag);
    writeFileSync(sibling(pid, "bak"), "bak");
    makeSet(sibling(process.ppid, "tmp"), "live");
    writeResultSet(dir, { "b.csv": "b" });
    expect(read("a.csv")).toBe("current");
    expect(readdirSync(base).sort()).toEqual([`.out.${process.ppid}.0.0.tmp`, "out"]);
    expect(existsSync(sibling(process.ppid, "tmp"))).toBe(true);
  });
});
