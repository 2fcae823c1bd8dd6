import { describe, expect, it, afterEach, beforeEach } from "vitest";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../../src/input/input-error.js";
import { checkOutputDir } from "../../src/report/check-output-dir.js";

let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "wattif-outdir-"));
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

/** The message of the bad-input error `checkOutputDir(dir)` throws. */
function refusal(dir: string): string {
  try {
    checkOutputDir(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error(`${dir} was accepted`);
}

describe("checkOutputDir", () => {
  it("accepts a new folder (creating nothing) and an existing one, returning it absolute", () => {
    expect(checkOutputDir(join(base, "a", "b"))).toBe(join(base, "a", "b"));
    expect(readdirSync(base)).toEqual([]);
    mkdirSync(join(base, "c"));
    expect(checkOutputDir(join(base, "c"))).toBe(join(base, "c"));
  });

  it("follows a link to a folder, so the link stays in place", () => {
    mkdirSync(join(base, "real"));
    symlinkSync(join(base, "real"), join(base, "link"));
    expect(checkOutputDir(join(base, "link"))).toBe(join(base, "real"));
  });

  it("refuses each unusable path as bad input naming it", () => {
    writeFileSync(join(base, "file"), "x");
    expect(refusal("")).toMatch(/empty/);
    expect(refusal(".")).toMatch(/^\.: .*current folder/);
    expect(refusal("/")).toMatch(/current folder or holds it/);
    expect(refusal(join(base, "file"))).toMatch(
      /file: cannot write results here: a file is in the way/,
    );
    expect(refusal(join(base, "file", "x", "y"))).toMatch(
      new RegExp(`${join(base, "file")} is not a folder`),
    );
    expect(refusal(join(base, "n".repeat(256)))).toMatch(/name in the path is too long/);
    expect(refusal(join(base, "n".repeat(230)))).toMatch(/folder's name is too long/);
    expect(refusal(join(base, "n".repeat(200), "n".repeat(200), "x".repeat(4000)))).toMatch(
      /too long/,
    );
    // A pseudo file system takes no folders: found by the probe.
    expect(refusal("/proc/wattif-out")).toMatch(/^\/proc\/wattif-out: cannot write results here/);
  });
});
