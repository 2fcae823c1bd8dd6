import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  isTempName,
  newSwapId,
  ownerGone,
  parseSwapName,
  swapPath,
} from "../../src/report/result-folder-names.js";

describe("swap names", () => {
  it("name siblings of the target that parse back to their owner and tag", () => {
    const id = newSwapId();
    expect(newSwapId()).not.toBe(id);
    const path = swapPath("/r/my.run", id, "new");
    expect(path).toBe(`/r/.my.run.${id}.new`);
    expect(parseSwapName("/r/my.run", `.my.run.${id}.new`)).toEqual({
      path,
      pid: process.pid,
      id,
      tag: "new",
    });
  });

  it("ignore other folders' siblings and names that are not temporary", () => {
    expect(parseSwapName("/r/run", ".other.1.0.0.tmp")).toBeUndefined();
    expect(parseSwapName("/r/run", ".run.1.0.0.txt")).toBeUndefined();
    expect(parseSwapName("/r/run", "run")).toBeUndefined();
    expect(isTempName(".points.csv.12.0.3.tmp")).toBe(true);
    expect(isTempName(".points.csv.12.0.3.bak")).toBe(true);
    expect(isTempName("points.csv")).toBe(false);
  });
});

describe("ownerGone", () => {
  it("is false for this process and a live one, true for one that ended", () => {
    expect(ownerGone(process.pid)).toBe(false);
    expect(ownerGone(process.ppid)).toBe(false);
    const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    expect(ownerGone(Number(ended.stdout))).toBe(true);
  });
});
