/**
 * Engine profiles load like hardware profiles: every figure with its provenance, and every
 * problem (a missing figure, a negative host time, an unknown field, a wrong name, an unknown
 * profile) an InputError at `file:line:col: field: message`, exit 2 through the CLI.
 */
import { inputError } from "../../../input/input-error-helpers.js";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  listEngineProfiles,
  loadEngineProfile,
} from "../../../../src/replay/serving/engine-profile/load-engine-profile.js";
import { badInput, tempDir } from "../../../cli/helpers.js";

const SHIPPED = readFileSync("engine-profiles/vllm-0.11.yaml", "utf8");

/** Writes the shipped profile, edited by `edit`, as `<name>.yaml` in a temp folder. */
function variant(edit: (text: string) => string, name = "vllm-0.11"): string {
  const file = join(tempDir("wattif-engine-"), `${name}.yaml`);
  writeFileSync(file, edit(SHIPPED));
  return file;
}

const lineOf = (text: string, needle: string) =>
  text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("engine profiles", () => {
  it("ships vllm-0.11 with every figure's provenance", () => {
    expect(listEngineProfiles()).toContain("vllm-0.11");
    const p = loadEngineProfile("vllm-0.11");
    expect(p.name).toBe("vllm-0.11");
    expect(Object.keys(p.provenance).sort()).toEqual([
      "decodeAttention.memoryEfficiency",
      "decodeAttention.vectorFlopsPerScore",
      "host.iterationS",
      "host.perSequenceS",
      "host.perTokenS",
    ]);
    for (const q of Object.values(p.provenance)) expect(q.ref?.length).toBeGreaterThan(10);
    expect(p.host.iterationS).toBeGreaterThan(0);
    expect(p.decodeAttention.memoryEfficiency).toBeGreaterThan(0);
    expect(p.decodeAttention.memoryEfficiency).toBeLessThanOrEqual(1);
  });

  it("a missing figure is an error naming the field", () => {
    const file = variant((t) => t.replace(/\n {2}perTokenS:\n(?: {4}.*\n)+/, "\n"));
    const e = inputError(() => loadEngineProfile(file));
    expect(e.message).toMatch(
      /vllm-0\.11\.yaml:\d+:\d+: host\.perTokenS: must have required property 'perTokenS'/,
    );
  });

  it("a negative host time is an error at its line and column", () => {
    const file = variant((t) => t.replace(/(iterationS:\n {4}value: )/, "$1-"));
    const e = inputError(() => loadEngineProfile(file));
    const line = lineOf(readFileSync(file, "utf8"), "value: -");
    expect(e.message).toMatch(
      new RegExp(`vllm-0\\.11\\.yaml:${line}:\\d+: host\\.iterationS\\.value: must be >= 0`),
    );
  });

  it("a bandwidth share above 1, an unknown field, a bad source and a wrong name are errors", () => {
    const cases: [(t: string) => string, RegExp, string?][] = [
      [
        (t) => t.replace(/(memoryEfficiency:\n {4}value: )[\d.]+/, "$11.5"),
        /decodeAttention\.memoryEfficiency\.value: must be <= 1/,
      ],
      [(t) => t + "extra: 1\n", /must NOT have additional properties|extra/],
      [
        (t) => t.replace("source: fit", "source: guessed"),
        /source: must be equal to one of the allowed values|source/,
      ],
      [(t) => t, /name: must equal the file's base name 'other'/, "other"],
    ];
    for (const [edit, re, name] of cases) {
      expect(inputError(() => loadEngineProfile(variant(edit, name))).message).toMatch(re);
    }
  });

  it("an unknown name lists the known profiles", () => {
    expect(inputError(() => loadEngineProfile("vllm-9")).message).toMatch(
      /unknown engine profile 'vllm-9' \(known: .*vllm-0\.11/,
    );
  });

  it("a scenario with a bad engine profile exits 2 with the profile's position", async () => {
    const dir = tempDir("wattif-engine-");
    writeFileSync(
      join(dir, "mine.yaml"),
      SHIPPED.replace("name: vllm-0.11", "name: mine").replace(
        /(perSequenceS:\n {4}value: )[\d.e-]+/,
        "$1-1",
      ),
    );
    writeFileSync(
      join(dir, "s.yaml"),
      [
        "kind: serving",
        "hardware: h100-sxm",
        "model: llama3-8b",
        "trace:",
        "  synthetic:",
        "    arrivals: { kind: all-at-zero }",
        "    count: 10",
        "    lengths: { input: { kind: fixed, tokens: 10 }, output: { kind: fixed, tokens: 10 } }",
        "engine:",
        "  profile: ./mine.yaml",
        "",
      ].join("\n"),
    );
    const err = await badInput(["run", join(dir, "s.yaml")]);
    expect(err).toMatch(/mine\.yaml:\d+:\d+: host\.perSequenceS\.value: must be >= 0/);
    const unknown = join(dir, "u.yaml");
    writeFileSync(
      unknown,
      readFileSync(join(dir, "s.yaml"), "utf8").replace("./mine.yaml", "vllm-9"),
    );
    expect(await badInput(["run", unknown])).toMatch(
      /u\.yaml:10:\d+: engine\.profile: unknown engine profile 'vllm-9'/,
    );
  });
});
