import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import {
  builtinProfileDir,
  listProfiles,
  loadProfile,
} from "../../../src/hardware/profile/load-profile.js";
import { mergeExtends, structuralPaths } from "../../../src/hardware/profile/merge-extends.js";
import type { HardwareProfile } from "../../../src/hardware/profile/profile.js";
import { PROVENANCE_SOURCES, profileSchema } from "../../../src/hardware/profile/profile-schema.js";
import { InputError, InputErrors } from "../../../src/input/input-error.js";
import { inputError } from "../../input/input-error-helpers.js";

const SHIPPED = [
  "a100-sxm",
  "a40",
  "b200",
  "h100-sxm",
  "h200",
  "hypothetical-h100-lowidle",
  "mi300x",
  "tpu-v5p-like",
];

const tmp = mkdtempSync(join(tmpdir(), "wattif-profiles-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let dirCount = 0;

/** Write `files` (name -> text) into a fresh temp folder and return its path. */
function folder(files: Record<string, string>): string {
  const dir = join(tmp, `d${dirCount++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const h100Text = readFileSync(join(builtinProfileDir(), "h100-sxm.yaml"), "utf8");

/**
 * The shipped h100-sxm profile renamed to `name`, edited through the YAML Document API (the file's
 * values and layout change when `wattif fit` rewrites it, so tests never match its text).
 */
function h100Variant(
  name: string,
  edit: (doc: ReturnType<typeof parseDocument>) => void = () => {},
): string {
  const doc = parseDocument(h100Text);
  doc.set("name", name);
  edit(doc);
  return doc.toString({ lineWidth: 0 });
}

/** 1-based line of the first line of `text` matching `re`. */
function lineOf(text: string, re: RegExp): number {
  const i = text.split("\n").findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  return i + 1;
}

/** Every numeric leaf of a resolved profile, as its provenance key (grid lists share one key). */
function numericPaths(profile: HardwareProfile): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === "number") out.push(path);
    else if (Array.isArray(v)) {
      if (v.every((x) => typeof x === "number")) {
        if (v.length > 0) out.push(path);
      } else v.forEach((x, i) => walk(x, `${path}[${i}]`));
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) walk(x, path === "" ? k : `${path}.${k}`);
    }
  };
  const { provenance: _provenance, ...rest } = profile;
  walk(rest, "");
  return out;
}

function peakTensorFlops(p: HardwareProfile, dtype: "bf16" | "fp8" = "bf16"): number {
  return p.compute.units * (p.compute.tensorFlopsPerClock[dtype] ?? 0);
}

describe("shipped profiles", () => {
  it("are all listed", () => {
    expect(listProfiles()).toEqual(expect.arrayContaining(SHIPPED));
  });

  it.each([...new Set([...SHIPPED, ...listProfiles()])].sort())(
    "%s loads, validates and carries provenance for every number",
    (name) => {
      const p = loadProfile(name);
      expect(p.name).toBe(name);
      expect(p.file).toMatch(new RegExp(`${name}\\.yaml$`));
      const sm = p.clocks.smMHz;
      expect(sm.length).toBeGreaterThan(0);
      expect([...sm].sort((a, b) => a - b)).toEqual(sm);
      expect(sm).toContain(p.clocks.defaultMHz);
      expect(p.voltage.kneeMHz).toBeGreaterThanOrEqual(sm[0] ?? NaN);
      expect(p.voltage.kneeMHz).toBeLessThanOrEqual(sm[sm.length - 1] ?? NaN);
      if (p.powerLimit !== undefined) {
        expect(p.powerLimit.minW).toBeLessThanOrEqual(p.powerLimit.defaultW);
        expect(p.powerLimit.defaultW).toBeLessThanOrEqual(p.powerLimit.maxW);
      }
      const paths = numericPaths(p);
      expect(paths.length).toBeGreaterThan(35);
      for (const path of paths) {
        const prov = p.provenance[path];
        expect(prov, `provenance of ${path}`).toBeDefined();
        expect(PROVENANCE_SOURCES).toContain(prov?.source);
      }
      for (const [path, prov] of Object.entries(p.provenance)) {
        expect(paths, `${path} names a number`).toContain(path);
        expect(prov.ref === undefined || prov.ref.length > 0).toBe(true);
      }
    },
  );

  it("h100-sxm matches its spec sheet and our measurement", () => {
    const p = loadProfile("h100-sxm");
    expect(p.compute.units).toBe(132);
    expect(peakTensorFlops(p) * 1830e6).toBeCloseTo(989.4e12, -11);
    expect(p.compute.tensorFlopsPerClock).toMatchObject({ bf16: 4096, fp8: 8192, tf32: 2048 });
    expect(p.clocks.smMHz).toHaveLength(110);
    expect([p.clocks.smMHz[0], p.clocks.defaultMHz]).toEqual([345, 1980]);
    expect(p.clocks.memoryMHz).toEqual([1593, 2619]);
    expect(p.memory.capacityBytes).toBe(85017493504);
    expect(p.powerLimit).toEqual({ minW: 200, defaultW: 700, maxW: 700, windowS: 1 });
    expect(p.power.idleW).toBe(116);
    expect(p.provenance["power.idleW"]?.source).toBe("measured");
    expect(["assumed", "fit"]).toContain(p.provenance["power.dynamicW"]?.source);
    expect(p.provenance["power.dynamicW"]?.ref).toMatch(/wattif fit/);
    expect(p.provenance["clocks.defaultMHz"]).toEqual(p.provenance["clocks.smMHz"]);
    expect(p.interconnect.map((l) => [l.name, l.scope])).toEqual([
      ["nvlink4", "node"],
      ["ib-ndr", "cluster"],
    ]);
    expect(p.provenance["interconnect[0].bandwidthBytesPerS"]?.source).toBe("spec");
  });

  it("h200 inherits the H100's compute and power but has its own memory", () => {
    const h100 = loadProfile("h100-sxm");
    const h200 = loadProfile("h200");
    expect(h200.extends).toBe("h100-sxm");
    expect(h200.compute).toEqual(h100.compute);
    expect(h200.memory.bandwidthBytesPerS).toBe(4.8e12);
    expect(h200.memory.capacityBytes).toBeGreaterThan(140e9);
    expect(h200.clocks.memoryMHz).toEqual([3201]);
    expect(h200.clocks.smMHz).toEqual(h100.clocks.smMHz);
    expect(h200.power).toEqual(h100.power);
    expect(h200.provenance["compute.units"]).toEqual(h100.provenance["compute.units"]);
    expect(h200.provenance["memory.bandwidthBytesPerS"]?.ref).toMatch(/H200/);
  });

  it("the hypothetical part is a few lines over h100-sxm", () => {
    const text = readFileSync(join(builtinProfileDir(), "hypothetical-h100-lowidle.yaml"), "utf8");
    const lines = text.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("#"));
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(text).toMatch(/what-if/i);
    const h100 = loadProfile("h100-sxm");
    const p = loadProfile("hypothetical-h100-lowidle");
    expect(p.power.idleW).toBe(h100.power.idleW / 2);
    expect(p.clocks.switchLatencyS).toBe(h100.clocks.switchLatencyS / 2);
    expect(p.power.blockingW).toBeLessThan(h100.power.blockingW);
    expect(p.provenance["power.idleW"]?.source).toBe("assumed");
    expect({ ...p.power, idleW: 0, blockingW: 0 }).toEqual({
      ...h100.power,
      idleW: 0,
      blockingW: 0,
    });
    expect(p.timing).toEqual(h100.timing);
    expect(p.powerLimit).toEqual(h100.powerLimit);
  });

  it("peak rates match the spec sheets", () => {
    const peak = (name: string, mhz: number, dtype: "bf16" | "fp8" = "bf16"): number =>
      (peakTensorFlops(loadProfile(name), dtype) * mhz * 1e6) / 1e12;
    expect(peak("a100-sxm", 1410)).toBeCloseTo(312, -1);
    expect(peak("a40", 1740)).toBeCloseTo(149.7, 0);
    expect(peak("b200", 1860) / 2250).toBeCloseTo(1, 2);
    expect(peak("b200", 1860, "fp8") / 4500).toBeCloseTo(1, 2);
    expect(peak("mi300x", 2100)).toBeCloseTo(1307.4, 0);
    expect(peak("mi300x", 2100, "fp8")).toBeCloseTo(2614.9, 0);
    const tpu = loadProfile("tpu-v5p-like");
    expect(tpu.clocks.smMHz).toEqual([1750]);
    expect(peak("tpu-v5p-like", tpu.clocks.defaultMHz) / 459).toBeCloseTo(1, 2);
  });

  it("parts without a settable limit have no powerLimit; the A100 allows 500 W", () => {
    expect(loadProfile("tpu-v5p-like").powerLimit).toBeUndefined();
    const a100 = loadProfile("a100-sxm");
    expect(a100.powerLimit).toMatchObject({ minW: 100, maxW: 500 });
    expect(a100.power.blockingW).toBe(83.64);
    expect(loadProfile("a40").power.blockingW).toBe(70.38);
  });
});

describe("hardware-profiles/README.md", () => {
  it("its hypothetical-part example loads", () => {
    const readme = readFileSync(join(builtinProfileDir(), "README.md"), "utf8");
    const section = readme.split("## Writing a hypothetical part")[1] ?? "";
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const name = /^name: (\S+)$/m.exec(example)?.[1] ?? "";
    expect(name).not.toBe("");
    const p = loadProfile(join(folder({ [`${name}.yaml`]: example }), `${name}.yaml`));
    expect(p.memory.bandwidthBytesPerS).toBe(2 * loadProfile("h100-sxm").memory.bandwidthBytesPerS);
    expect(p.provenance["clocks.smMHz"]?.source).toBe("assumed");
  });
});

describe("finding profiles", () => {
  it("loads a file by path and finds its base next to it first", () => {
    const dir = folder({
      "h100-sxm.yaml": h100Variant("h100-sxm", (d) => d.setIn(["power", "idleW", "value"], 99)),
      "mine.yaml": "schemaVersion: 1\nname: mine\ndisplayName: Mine\nextends: h100-sxm\n",
    });
    const p = loadProfile(join(dir, "mine.yaml"));
    expect(p.name).toBe("mine");
    expect(p.power.idleW).toBe(99);
    expect(loadProfile("h200").power.idleW).toBe(116);
  });

  it("searches extra dirs for bare names, and lists them", () => {
    const dir = folder({ "custom.yml": h100Variant("custom") });
    expect(loadProfile("custom", { dirs: [dir] }).name).toBe("custom");
    expect(listProfiles({ dirs: [dir] })).toContain("custom");
    expect(listProfiles()).not.toContain("custom");
  });

  it("reports an unknown profile name with the known ones", () => {
    const e = inputError(() => loadProfile("h100-sxx"));
    expect(e.code).toBe("UNKNOWN_PROFILE");
    expect(e.format()).toBe(
      `unknown hardware profile 'h100-sxx' (known: ${listProfiles().join(", ")})`,
    );
    for (const name of SHIPPED) expect(e.format()).toContain(name);
  });

  it("reports a missing file path as a FILE error", () => {
    const e = inputError(() => loadProfile(join(tmp, "missing.yaml")));
    expect(e.code).toBe("FILE");
  });
});

describe("bad profiles", () => {
  it("broken YAML gives the line and column", () => {
    const lines = h100Variant("broken").split("\n");
    const at = lineOf(lines.join("\n"), /^displayName:/);
    lines.splice(at, 0, "vendor: acme: corp");
    const dir = folder({ "broken.yaml": lines.join("\n") });
    const e = inputError(() => loadProfile(join(dir, "broken.yaml")));
    expect(e.code).toBe("YAML_SYNTAX");
    expect(e.file).toMatch(/broken\.yaml$/);
    expect([e.line, e.col]).toEqual([at + 1, 9]);
    expect(e.format()).toMatch(/broken\.yaml:\d+:9: Nested mappings are not allowed/);
  });

  it("a missing field points at its parent map and names it", () => {
    const text = h100Variant("noidle", (d) => d.deleteIn(["power", "idleW"]));
    expect(text).not.toMatch(/idleW/);
    const dir = folder({ "noidle.yaml": text });
    const e = inputError(() => loadProfile(join(dir, "noidle.yaml")));
    expect(e.code).toBe("SCHEMA");
    expect(e.format()).toBe(
      `${e.file}:${lineOf(text, /^power:/)}:1: power.idleW: must have required property 'idleW'`,
    );
  });

  it("a wrong type points at the field itself", () => {
    const text = h100Variant("wrongtype", (d) =>
      d.setIn(["power", "dynamicW", "value"], "lots-of-watts"),
    );
    const dir = folder({ "wrongtype.yaml": text });
    const e = inputError(() => loadProfile(join(dir, "wrongtype.yaml")));
    const line = lineOf(text, /lots-of-watts/);
    const col = (text.split("\n")[line - 1] ?? "").indexOf("lots-of-watts") + 1;
    expect(e.format()).toBe(`${e.file}:${line}:${col}: power.dynamicW.value: must be a number`);
  });

  it("a bare number where a quantity belongs says what a quantity is", () => {
    const dir = folder({
      "bare.yaml":
        "schemaVersion: 1\nname: bare\ndisplayName: B\nextends: h100-sxm\npower:\n  idleW: 50\n",
    });
    const e = inputError(() => loadProfile(join(dir, "bare.yaml")));
    expect(e.format()).toMatch(
      /bare\.yaml:6:10: power\.idleW: must be a quantity \{value: <number>, source: spec\|measured\|fit\|assumed/,
    );
  });

  it("an override restates provenance: a quantity replaces its base whole", () => {
    const dir = folder({
      "nosrc.yaml":
        "schemaVersion: 1\nname: nosrc\ndisplayName: N\nextends: h100-sxm\npower:\n  idleW: {value: 50}\n",
    });
    const e = inputError(() => loadProfile(join(dir, "nosrc.yaml")));
    expect(e.format()).toMatch(
      /nosrc\.yaml:6:10: power\.idleW\.source: must have required property 'source'$/,
    );
  });

  it("errors in a child are placed in the child, unknown fields at their key", () => {
    const dir = folder({
      "child.yaml":
        "schemaVersion: 1\nname: child\ndisplayName: C\nextends: h100-sxm\npower:\n  idelW: {value: 50, source: assumed}\n  dynamicW: {value: -5, source: assumed}\n",
    });
    const e = inputError(() => loadProfile(join(dir, "child.yaml")));
    expect(e).toBeInstanceOf(InputErrors);
    const lines = e.format().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /child\.yaml:6:3: power\.idelW: unknown field 'idelW' \(allowed: constantW, /,
    );
    expect(lines[1]).toMatch(/child\.yaml:7:21: power\.dynamicW\.value: must be >= 0$/);
  });

  it("an unknown extends names the field and lists the known profiles", () => {
    const dir = folder({
      "foo.yaml": "schemaVersion: 1\nname: foo\nextends: h100-sxx\ndisplayName: Foo\n",
    });
    const e = inputError(() => loadProfile(join(dir, "foo.yaml")));
    expect(e.code).toBe("UNKNOWN_PROFILE");
    expect(e.format()).toMatch(/foo\.yaml:3:10: extends: unknown profile 'h100-sxx' \(known: /);
    const known = /\(known: (.*)\)$/.exec(e.format())?.[1]?.split(", ") ?? [];
    expect(known).toEqual([...new Set([...SHIPPED, "foo", ...listProfiles()])].sort());
  });

  it("an extends cycle is reported at the extends field", () => {
    const dir = folder({
      "a.yaml": "schemaVersion: 1\nname: a\ndisplayName: A\nextends: b\n",
      "b.yaml": "schemaVersion: 1\nname: b\ndisplayName: B\nextends: a\n",
      "self.yaml": "schemaVersion: 1\nname: self\ndisplayName: S\nextends: self\n",
    });
    const e = inputError(() => loadProfile(join(dir, "a.yaml")));
    expect(e.code).toBe("EXTENDS_CYCLE");
    expect(e.format()).toMatch(/b\.yaml:4:10: extends: extends cycle: a -> b -> a$/);
    expect(inputError(() => loadProfile("self", { dirs: [dir] })).code).toBe("EXTENDS_CYCLE");
  });

  it("a clock default off the grid is a positioned error", () => {
    const text =
      "schemaVersion: 1\nname: offgrid\ndisplayName: O\nextends: h100-sxm\nclocks:\n  smMHz: {min: 345, max: 1980, step: 15, default: 1985, source: assumed}\n";
    const dir = folder({ "offgrid.yaml": text });
    const e = inputError(() => loadProfile(join(dir, "offgrid.yaml")));
    expect(e.code).toBe("VALUE");
    expect(e.format()).toMatch(
      /offgrid\.yaml:6:51: clocks\.smMHz\.default: 1985 MHz is not on the grid \(345-1980 MHz in steps of 15\)$/,
    );
  });

  it("checks grids, limits and the voltage knee across fields", () => {
    const text = [
      "schemaVersion: 1",
      "name: cross",
      "displayName: X",
      "extends: h100-sxm",
      "clocks:",
      "  memoryMHz: {min: 1000, max: 3000, step: 7, source: assumed}",
      "voltage:",
      "  kneeMHz: {value: 2500, source: assumed}",
      "powerLimit:",
      "  defaultW: {value: 900, source: assumed}",
      "",
    ].join("\n");
    const dir = folder({ "cross.yaml": text });
    const e = inputError(() => loadProfile(join(dir, "cross.yaml")));
    expect(e.format().split("\n")).toEqual([
      expect.stringMatching(
        /cross\.yaml:6:43: clocks\.memoryMHz\.step: max - min \(2000 MHz\) must be a whole number of 7 MHz steps$/,
      ),
      expect.stringMatching(
        /cross\.yaml:8:20: voltage\.kneeMHz: must lie within the SM clock range 345-1980 MHz$/,
      ),
      expect.stringMatching(
        /cross\.yaml:10:21: powerLimit\.defaultW: must lie within minW-maxW \(200-700 W\), got 900 W$/,
      ),
    ]);
  });

  it.each([
    [
      "{min: 345, max: 1980, step: 1000, source: assumed}",
      "step: max - min (1635 MHz) must be a whole number",
    ],
    [
      "{min: 1980, max: 345, step: 15, source: assumed}",
      "max: must be >= min (1980 MHz), got 345 MHz",
    ],
    [
      "{min: 1, max: 20000, step: 0.001, source: assumed}",
      "step: gives 19999001 clock levels; at most 100000",
    ],
    ["{values: [900, 1000, 900], source: assumed}", "values: lists 900 MHz more than once"],
    [
      "{values: [900, 1000], default: 950, source: assumed}",
      "default: 950 MHz is not on the grid (one of 900, 1000 MHz)",
    ],
    [
      "{fixed: 1000, default: 1000, source: assumed}",
      "smMHz: must be a clock grid with exactly one of",
    ],
    ["{min: 300, max: 1000, source: assumed}", "smMHz: must be a clock grid with exactly one of"],
    ["{min: 300, max: 1000, step: -5, source: assumed}", "smMHz.step: must be > 0"],
  ])("rejects the SM grid %s", (grid, message) => {
    const text = `schemaVersion: 1\nname: grid\ndisplayName: G\nextends: h100-sxm\nclocks:\n  smMHz: ${grid}\nvoltage:\n  kneeMHz: {value: 1000, source: assumed}\n`;
    const e = inputError(() => loadProfile(join(folder({ "grid.yaml": text }), "grid.yaml")));
    expect(e.format()).toMatch(/grid\.yaml:6:\d+: clocks\./);
    expect(e.format()).toContain(message);
  });

  it("a grid must have exactly one shape", () => {
    const text =
      "schemaVersion: 1\nname: shape\ndisplayName: S\nextends: h100-sxm\nclocks:\n  smMHz: {values: [1000], fixed: 1000, source: assumed}\n";
    const dir = folder({ "shape.yaml": text });
    const e = inputError(() => loadProfile(join(dir, "shape.yaml")));
    expect(e.format()).toMatch(
      /shape\.yaml:6:10: clocks\.smMHz: must be a clock grid with exactly one of/,
    );
  });

  it("the name must match the file name", () => {
    const text = h100Variant("wrong");
    const dir = folder({ "right.yaml": text });
    const e = inputError(() => loadProfile(join(dir, "right.yaml")));
    expect(e.line).toBe(lineOf(text, /^name: wrong$/));
    expect(e.format()).toMatch(
      /right\.yaml:\d+:7: name: must equal the file's base name 'right', got "wrong"$/,
    );
  });

  it("powerLimit is a map or 'none'", () => {
    const dir = folder({
      "lim.yaml":
        "schemaVersion: 1\nname: lim\ndisplayName: L\nextends: h100-sxm\npowerLimit: off\n",
    });
    const e = inputError(() => loadProfile(join(dir, "lim.yaml")));
    expect(e.format()).toMatch(
      /lim\.yaml:5:13: powerLimit: must be a map \{minW, defaultW, maxW, windowS\} or 'none'$/,
    );
    const none = folder({
      "nolim.yaml":
        "schemaVersion: 1\nname: nolim\ndisplayName: L\nextends: h100-sxm\npowerLimit: none\n",
    });
    expect(loadProfile(join(none, "nolim.yaml")).powerLimit).toBeUndefined();
  });
});

describe("mergeExtends", () => {
  it("merges structural maps key by key and replaces figures, lists and scalars whole", () => {
    const structural = structuralPaths(profileSchema);
    expect(structural).toContain("timing.efficiency.gemm");
    expect(structural).toContain("powerLimit");
    expect(structural).not.toContain("power.idleW");
    const base = {
      timing: {
        efficiency: {
          gemm: { max: { value: 0.9, source: "fit" }, halfFlops: { value: 1, source: "fit" } },
        },
      },
      power: { idleW: { value: 100, source: "measured", ref: "r" } },
      interconnect: [{ name: "a" }, { name: "b" }],
      powerLimit: { minW: 1 },
    };
    const child = {
      timing: { efficiency: { gemm: { max: { value: 0.8, source: "assumed" } } } },
      power: { idleW: { value: 50 } },
      interconnect: [{ name: "c" }],
      powerLimit: "none",
    };
    expect(mergeExtends(base, child, structural)).toEqual({
      timing: {
        efficiency: {
          gemm: { max: { value: 0.8, source: "assumed" }, halfFlops: { value: 1, source: "fit" } },
        },
      },
      power: { idleW: { value: 50 } },
      interconnect: [{ name: "c" }],
      powerLimit: "none",
    });
    expect(base.power.idleW.ref).toBe("r");
  });
});

describe("property: mutated profiles load or fail with an InputError", () => {
  const sources = [
    { name: "h100-sxm", text: h100Text },
    {
      name: "hypothetical-h100-lowidle",
      text: readFileSync(join(builtinProfileDir(), "hypothetical-h100-lowidle.yaml"), "utf8"),
    },
  ];
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant("string" as const),
      at: fc.nat(),
      s: fc.string({ maxLength: 8 }),
    }),
    fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("number" as const), at: fc.nat(), x: fc.double() }),
  );
  type Mutation =
    | { kind: "delete"; at: number }
    | { kind: "string"; at: number; s: string }
    | { kind: "duplicate"; at: number }
    | { kind: "number"; at: number; x: number };

  function mutate(text: string, m: Mutation): string {
    const lines = text.split("\n");
    const i = m.at % lines.length;
    const line = lines[i] ?? "";
    switch (m.kind) {
      case "delete":
        lines.splice(i, 1);
        break;
      case "duplicate":
        lines.splice(i, 0, line);
        break;
      case "string":
        lines[i] = line.replace(
          /(value|min|max|step|default|fixed): [^,}\s]+/,
          `$1: ${JSON.stringify(m.s)}`,
        );
        break;
      case "number":
        lines[i] = line.replace(/(value|min|max|step|default|fixed): [^,}\s]+/, `$1: ${m.x}`);
        break;
    }
    return lines.join("\n");
  }

  it("never throws anything but an InputError", () => {
    const dir = folder({});
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (src, mutations) => {
          const text = mutations.reduce((t, m) => mutate(t, m), src.text);
          const file = join(dir, `${src.name}.yaml`);
          writeFileSync(file, text);
          try {
            const p = loadProfile(file);
            expect(p.name).toBe(src.name);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            expect(e.format()).not.toMatch(/undefined/);
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});
