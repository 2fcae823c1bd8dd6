/** `wattif profiles` and `wattif validate` on the files that ship with wattif. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ok, PROFILES_DIR, QUICKSTART } from "./helpers.js";

const SHIPPED = [
  "h100-sxm",
  "h200",
  "a100-sxm",
  "a100-sxm-400w",
  "a40",
  "b200",
  "mi300x",
  "tpu-v5p-like",
  "hypothetical-h100-lowidle",
  "hypothetical-h100-2xhbm",
  "hypothetical-h100-widedvfs",
  "hypothetical-h100-fastdvfs",
  "hypothetical-mi300x-600w",
  "hypothetical-tpu-lowidle",
];

describe.concurrent("wattif profiles", () => {
  it("lists every profile in hardware-profiles/ as a table", async () => {
    const out = await ok(["profiles"]);
    const names = out
      .trimEnd()
      .split("\n")
      .slice(2)
      .map((line) => line.split(/\s+/)[0]);
    const files = readdirSync(PROFILES_DIR)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.slice(0, -".yaml".length));
    expect(new Set(names)).toEqual(new Set(files));
    for (const name of SHIPPED) expect(names).toContain(name);
  });

  it("--json prints the same profiles as a JSON list", async () => {
    const rows = JSON.parse(await ok(["profiles", "--json"])) as {
      name: string;
      extends: string;
      bf16Tflops: number;
      idleW: number;
    }[];
    expect(rows.map((r) => r.name).sort()).toEqual([...SHIPPED].sort());
    for (const r of rows) {
      expect(r.bf16Tflops).toBeGreaterThan(0);
      expect(r.idleW).toBeGreaterThan(0);
    }
    expect(rows.find((r) => r.name === "h200")?.extends).toBe("h100-sxm");
  });
});

describe.concurrent("wattif validate", () => {
  it("accepts a shipped profile that extends another", async () => {
    const file = join(PROFILES_DIR, "h200.yaml");
    expect(await ok(["validate", file])).toBe(
      `ok: ${file}: hardware profile 'h200' (extends h100-sxm)\n`,
    );
  });

  it("accepts a relative path from the repository root", async () => {
    expect(await ok(["validate", "hardware-profiles/h200.yaml"])).toMatch(/^ok: /);
  });

  it("accepts the quickstart scenario", async () => {
    expect(await ok(["validate", QUICKSTART])).toBe(
      `ok: ${QUICKSTART}: serving scenario 'quickstart', 14 point(s)\n`,
    );
  });
});
