import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { InputError, InputErrors } from "../../src/input/input-error.js";
import { loadYamlFile, MAX_YAML_FILE_BYTES, parseYamlText } from "../../src/input/load-yaml.js";
import { pathToString, toSegments } from "../../src/input/yaml-path.js";
import { inputError } from "./input-error-helpers.js";

const schema = {
  type: "object",
  additionalProperties: false,
  required: ["name", "power"],
  properties: {
    name: { type: "string" },
    mode: { enum: ["fast", "slow"] },
    power: {
      type: "object",
      additionalProperties: false,
      required: ["idleW", "dynamicW"],
      properties: { idleW: { type: "number" }, dynamicW: { type: "number", minimum: 0 } },
    },
    list: { type: "array", items: { type: "integer" } },
  },
} as const;

describe("InputError.format", () => {
  it("prints file:line:col: path: message", () => {
    const e = new InputError("must be number", {
      code: "SCHEMA",
      file: "x.yaml",
      line: 12,
      col: 5,
      path: "power.dynamicW",
    });
    expect(e.format()).toBe("x.yaml:12:5: power.dynamicW: must be number");
    expect(e.message).toBe(e.format());
    expect(e.detail).toBe("must be number");
    expect(e).toBeInstanceOf(Error);
  });

  it("leaves out unknown parts and never prints undefined", () => {
    expect(new InputError("m", { code: "FILE", file: "a.yaml" }).format()).toBe("a.yaml: m");
    expect(new InputError("m", { code: "VALUE", file: "a.yaml", line: 3 }).format()).toBe(
      "a.yaml:3: m",
    );
    expect(new InputError("m", { code: "VALUE", path: "p.q" }).format()).toBe("p.q: m");
    expect(new InputError("m", { code: "UNKNOWN_PROFILE" }).format()).toBe("m");
    expect(new InputError("m", { code: "VALUE", line: 2, col: 4 }).format()).toBe("line 2:4: m");
  });

  it("InputErrors prints one error per line, sorted by file and position", () => {
    const a = new InputError("second", { code: "SCHEMA", file: "f.yaml", line: 9, col: 1 });
    const b = new InputError("first", { code: "SCHEMA", file: "f.yaml", line: 2, col: 3 });
    const all = InputError.combine([a, b]);
    expect(all).toBeInstanceOf(InputErrors);
    expect(all).toBeInstanceOf(InputError);
    expect(all.format()).toBe("f.yaml:2:3: first\nf.yaml:9:1: second");
    expect(all.message).toBe(all.format());
    expect(InputError.combine([a])).toBe(a);
    expect((InputError.combine([all, a]) as InputErrors).errors).toHaveLength(3);
  });
});

describe("parseYamlText: syntax errors", () => {
  it("reports an unclosed flow sequence with its line and column", () => {
    const e = inputError(() => parseYamlText("a: 1\nb: [1, 2\nc: 3\n", "f.yaml"));
    expect(e.code).toBe("YAML_SYNTAX");
    expect(e.format()).toMatch(/^f\.yaml:3:1: Flow sequence .*end with a \]$/);
  });

  it("reports a nested mapping on one line at the second colon", () => {
    const e = inputError(() => parseYamlText("key: value: other\n", "f.yaml"));
    expect(e.code).toBe("YAML_SYNTAX");
    expect([e.line, e.col]).toEqual([1, 6]);
  });

  it("reports a duplicate key at the duplicate", () => {
    const e = inputError(() => parseYamlText("a: 1\nb: 2\na: 3\n", "f.yaml"));
    expect(e.format()).toBe("f.yaml:3:1: Map keys must be unique");
  });

  it("reports tabs used for indentation", () => {
    const e = inputError(() => parseYamlText("a:\n\t- 1\n", "f.yaml"));
    expect(e.format()).toMatch(/^f\.yaml:2:1: Tabs/);
  });

  it("rejects several documents in one file", () => {
    const e = inputError(() => parseYamlText("a: 1\n---\nb: 2\n", "f.yaml"));
    expect(e.code).toBe("YAML_SYNTAX");
    expect(e.line).toBe(2);
  });

  it("never puts the multi-line context of the yaml library in the message", () => {
    const e = inputError(() => parseYamlText('a: "abc\nb: 1\n', "f.yaml"));
    expect(e.format()).not.toContain("\n");
  });
});

describe("parseYamlText: schema errors", () => {
  it("returns the value, the document and positions when valid", () => {
    const text = "name: x\npower:\n  idleW: 50\n  dynamicW: 400\nlist: [1, 2]\n";
    const r = parseYamlText<{ name: string; power: { idleW: number } }>(text, "f.yaml", schema);
    expect(r.value.power.idleW).toBe(50);
    expect(r.positionOf("power.dynamicW")).toEqual({ line: 4, col: 13, found: true });
    expect(r.positionOf("power.dynamicW", { key: true })).toEqual({ line: 4, col: 3, found: true });
    expect(r.positionOf("list[1]")).toEqual({ line: 5, col: 11, found: true });
    expect(r.positionOf("power.nothing")).toMatchObject({ line: 2, col: 1, found: false });
    expect(r.errorAt("power.idleW", "too low").format()).toBe("f.yaml:3:10: power.idleW: too low");
    expect(r.doc.errors).toHaveLength(0);
  });

  it("places a missing field on its parent map and names it in the path", () => {
    const text = "name: x\npower:\n  dynamicW: 400\n";
    const e = inputError(() => parseYamlText(text, "f.yaml", schema));
    expect(e.code).toBe("SCHEMA");
    expect(e.format()).toBe("f.yaml:2:1: power.idleW: must have required property 'idleW'");
  });

  it("places a wrong type on the field's own value", () => {
    const text = "name: x\npower:\n  idleW: 50\n  dynamicW: lots\n";
    const e = inputError(() => parseYamlText(text, "f.yaml", schema));
    expect(e.format()).toBe("f.yaml:4:13: power.dynamicW: must be a number");
  });

  it("names an unknown field at its key and lists the allowed ones", () => {
    const text = "name: x\npower: {idleW: 1, dynamicW: 2, dynamicw: 3}\n";
    const e = inputError(() => parseYamlText(text, "f.yaml", schema));
    expect(e.format()).toBe(
      "f.yaml:2:32: power.dynamicw: unknown field 'dynamicw' (allowed: idleW, dynamicW)",
    );
  });

  it("lists the allowed values of an enum", () => {
    const text = "name: x\nmode: medium\npower: {idleW: 1, dynamicW: 2}\n";
    const e = inputError(() => parseYamlText(text, "f.yaml", schema));
    expect(e.format()).toBe("f.yaml:2:7: mode: must be one of: fast, slow");
  });

  it("reports every problem of a file together, one per line", () => {
    const text = "name: 5\nmode: x\npower:\n  idleW: a\n  dynamicW: -1\nlist: [1, 2.5]\nextra: 1\n";
    const e = inputError(() => parseYamlText(text, "f.yaml", schema));
    expect(e).toBeInstanceOf(InputErrors);
    expect(e.format().split("\n")).toEqual([
      "f.yaml:1:7: name: must be a string",
      "f.yaml:2:7: mode: must be one of: fast, slow",
      "f.yaml:4:10: power.idleW: must be a number",
      "f.yaml:5:13: power.dynamicW: must be >= 0",
      "f.yaml:6:11: list[1]: must be an integer",
      "f.yaml:7:1: extra: unknown field 'extra' (allowed: name, mode, power, list)",
    ]);
  });

  it("reports an empty document as not a map at 1:1", () => {
    const e = inputError(() => parseYamlText("", "f.yaml", schema));
    expect(e.format()).toBe("f.yaml:1:1: must be a map");
  });

  it("points at the key of an empty value", () => {
    const e = inputError(() => parseYamlText("name: x\npower:\n", "f.yaml", schema));
    expect(e.format()).toBe("f.yaml:2:1: power: must be a map");
  });
});

describe("loadYamlFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "wattif-yaml-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file and reports positions under the file's name", () => {
    const file = join(dir, "a.yaml");
    writeFileSync(file, "name: x\npower:\n  idleW: 1\n");
    const e = inputError(() => loadYamlFile(file, schema));
    expect(e.format()).toBe(`${file}:2:1: power.dynamicW: must have required property 'dynamicW'`);
    writeFileSync(file, "name: x\npower: {idleW: 1, dynamicW: 2}\n");
    expect(loadYamlFile(file, schema, "shown.yaml").file).toBe("shown.yaml");
  });

  it("turns a missing file into a FILE error", () => {
    const e = inputError(() => loadYamlFile(join(dir, "nope.yaml")));
    expect(e.code).toBe("FILE");
    expect(e.format()).toMatch(/nope\.yaml: cannot read file: no such file$/);
  });

  it("turns a directory into a FILE error", () => {
    expect(inputError(() => loadYamlFile(dir)).code).toBe("FILE");
  });

  it("refuses a YAML file over 256 KiB before parsing it (100k keys took seconds to parse)", () => {
    const file = join(dir, "keys.yaml");
    const keys = Array.from({ length: 20_000 }, (_, i) => `unknownkey${i}: 1\n`).join("");
    writeFileSync(file, `kind: serving\n${keys}`);
    expect(keys.length).toBeGreaterThan(MAX_YAML_FILE_BYTES);
    const e = inputError(() => loadYamlFile(file));
    expect(e.code).toBe("FILE");
    expect(e.format()).toMatch(
      /keys\.yaml: cannot read file: \d+ bytes is over the 0.25 MiB limit/,
    );
    // A machine-written file may pass its own, larger limit.
    expect(loadYamlFile(file, undefined, file, 4 * MAX_YAML_FILE_BYTES).value).toMatchObject({
      kind: "serving",
    });
  });
});

describe("paths", () => {
  it("round-trips dotted paths with list indices", () => {
    expect(toSegments("interconnect[0].latencyS")).toEqual(["interconnect", 0, "latencyS"]);
    expect(pathToString(["interconnect", 0, "latencyS"])).toBe("interconnect[0].latencyS");
    expect(pathToString([])).toBe("");
    expect(toSegments("a.b")).toEqual(["a", "b"]);
  });
});

describe("property: any text parses or fails with an InputError", () => {
  it("never throws anything else, and positions are 1-based", () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          "name: x",
          "power:",
          "  idleW: 1",
          "  dynamicW: [",
          "- a",
          "\t",
          "&a b",
          "*a",
          ": ",
          "{",
          "}",
          '"',
          "#",
          "? k",
          "---",
          "  ",
          "\n",
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join("\n"));
    fc.assert(
      fc.property(fc.oneof(fc.string(), yamlish), (text) => {
        try {
          parseYamlText(text, "f.yaml", schema);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          const all = e instanceof InputErrors ? e.errors : [e];
          for (const one of all) {
            expect(one.line ?? 1).toBeGreaterThanOrEqual(1);
            expect(one.col ?? 1).toBeGreaterThanOrEqual(1);
          }
          expect(e.format()).not.toContain("undefined");
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
