/** `wattif fit`: leave-one-out errors on the H100 kernel data, and writing fitted figures. */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { KERNELS_CSV, ok, parseCsv, PROFILES_DIR, tempDir } from "./helpers.js";

interface Err {
  timeErr: number;
  energyErr: number;
}
interface FitJson {
  parameters: { path: string; before: number; after: number }[];
  errors: { looTime?: { medianAbs: number }; looEnergy?: { medianAbs: number } };
  rows: { label: string; train: boolean; leaveOneOut?: Err; predicted: Err }[];
  skipped: { label: string; reason: string }[];
}

const FIT = ["fit", KERNELS_CSV, "--profile", "h100-sxm", "--exclude", "gemm_bf16_1024"];
const H100_FILE = join(PROFILES_DIR, "h100-sxm.yaml");

/** The value of a dotted path in a parsed YAML document. */
function at(doc: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
}

describe.concurrent("wattif fit", () => {
  it("reports leave-one-out errors for every row it used", async () => {
    const r = JSON.parse(await ok([...FIT, "--json"])) as FitJson;
    const labels = parseCsv(readFileSync(KERNELS_CSV, "utf8")).map((row) => row.label ?? "");
    const used = labels.filter(
      (l) => l !== "gemm_bf16_1024" && !r.skipped.some((s) => s.label === l),
    );
    expect(used.length).toBeGreaterThan(10);
    expect(r.rows.map((row) => row.label).sort()).toEqual([...used].sort());
    for (const row of r.rows) {
      expect(row.train, row.label).toBe(true);
      expect(row.leaveOneOut, row.label).toBeDefined();
      expect(Number.isFinite(row.leaveOneOut?.timeErr), row.label).toBe(true);
      expect(Number.isFinite(row.leaveOneOut?.energyErr), row.label).toBe(true);
    }
    expect(r.errors.looTime?.medianAbs).toBeLessThan(0.25);
    expect(r.errors.looEnergy?.medianAbs).toBeLessThan(0.25);
    expect(r.parameters.length).toBeGreaterThan(0);
  });

  it("--write <file> puts `source: fit` figures into a copy and leaves the shipped profile", async () => {
    const dir = tempDir();
    // The name inside must equal the base name, so the copy keeps it.
    const copy = join(dir, "h100-sxm.yaml");
    copyFileSync(H100_FILE, copy);
    const shipped = readFileSync(H100_FILE, "utf8");
    const r = JSON.parse(await ok([...FIT, "--json", "--write", copy])) as FitJson;
    expect(readFileSync(H100_FILE, "utf8")).toBe(shipped);
    const doc = parse(readFileSync(copy, "utf8")) as unknown;
    expect(r.parameters.length).toBeGreaterThan(0);
    for (const p of r.parameters) {
      const figure = at(doc, p.path) as { value: number; source: string; ref: string };
      expect(figure.source, p.path).toBe("fit");
      expect(figure.value, p.path).toBe(Number(p.after.toPrecision(5)));
      expect(figure.ref, p.path).toContain(`--write ${copy}`);
    }
    expect(await ok(["validate", copy])).toBe(`ok: ${copy}: hardware profile 'h100-sxm'\n`);
  });

  it("bare --write updates the profile file it started from", async () => {
    const dir = tempDir();
    const copy = join(dir, "h100-sxm.yaml");
    copyFileSync(H100_FILE, copy);
    const args = ["fit", KERNELS_CSV, "--profile", copy, "--exclude", "gemm_bf16_1024"];
    const table = await ok([...args, "--no-loo", "--write"]);
    expect(table).toMatch(/^Fitted figures$/m);
    const doc = parse(readFileSync(copy, "utf8")) as unknown;
    expect((at(doc, "power.dynamicW") as { ref: string }).ref).toContain(`--profile ${copy}`);
    expect(await ok(["estimate", "--hardware", copy, "--op", "copy", "--bytes", "1e9"])).toMatch(
      /^GPU energy\s/m,
    );
  });
});
