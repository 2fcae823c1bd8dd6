import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTempNamer, writeFileAtomic, writeResultSet } from "../../src/report/index.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wattif-report-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
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
      "runs/summary.json": () => "{}\n",
    });
    expect(written).toEqual([join(dir, "points.csv"), join(dir, "runs", "summary.json")]);
    expect(listFiles(dir)).toEqual(["points.csv", "runs/summary.json"]);
    expect(read("points.csv")).toBe("a\n1\n");
    expect(read("runs/summary.json")).toBe("{}\n");
  });

  it("overwrites a previous set and leaves no backups", () => {
    writeResultSet(dir, { "a.csv": "old a", "b.json": "old b" });
    writeResultSet(dir, { "a.csv": "new a", "b.json": "new b" });
    expect(listFiles(dir)).toEqual(["a.csv", "b.json"]);
    expect(read("a.csv")).toBe("new a");
    expect(read("b.json")).toBe("new b");
  });

  it("touches nothing when a content function throws", () => {
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
  });

  it("touches nothing when one file's directory cannot be created", () => {
    writeResultSet(dir, { "a.csv": "old a" });
    writeFileSync(join(dir, "blocker"), "a file, not a directory");
    expect(() => writeResultSet(dir, { "a.csv": "new a", "blocker/b.json": "new b" })).toThrow();
    expect(listFiles(dir)).toEqual(["a.csv", "blocker"]);
    expect(read("a.csv")).toBe("old a");
  });

  it("rolls back already-renamed files when a later rename fails", () => {
    writeResultSet(dir, { "a.csv": "old a" });
    mkdirSync(join(dir, "b.json"));
    writeFileSync(join(dir, "b.json", "inside"), "x");
    expect(() =>
      writeResultSet(dir, { "a.csv": "new a", "new.txt": "fresh", "b.json": "new b" }),
    ).toThrow();
    expect(listFiles(dir)).toEqual(["a.csv", "b.json/inside"]);
    expect(read("a.csv")).toBe("old a");
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
