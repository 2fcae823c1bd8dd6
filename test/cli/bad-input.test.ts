/**
 * Bad input never crashes: every command answers exit 2, a short `wattif: ...` message on stderr
 * (with `file:line:col: path: message` for files), nothing on stdout and no stack trace.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SIMULATION_LOG_ENV } from "../../src/sweep/run-point.js";
import { badInput, ESTIMATE_EXAMPLE, KERNELS_CSV, ROOT, tempDir } from "./helpers.js";
import { servingSweep } from "./sweep-fixtures.js";

const PREFILL = ["estimate", "--hardware", "h100-sxm", "--model", "llama3-8b"];
const withPrefill = (...extra: string[]) => [
  ...PREFILL,
  ...["--phase", "prefill", "--seq", "2048"],
  ...extra,
];
const GEMM = ["estimate", "--hardware", "h100-sxm", "--op", "gemm"];
const gemm = (...extra: string[]) => [
  ...GEMM,
  "--m",
  "8192",
  "--n",
  "8192",
  "--k",
  "8192",
  ...extra,
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe.concurrent("wattif estimate rejects bad flags", () => {
  it.each([
    ["an unknown flag", withPrefill("--batch", "1", "--bogus", "1"), /Unknown argument: bogus/],
    [
      "a negative batch",
      withPrefill("--batch", "-1"),
      /--batch: must be an integer from 1 to 10000000, got -1/,
    ],
    ["a fractional batch", withPrefill("--batch", "1.5"), /--batch: must be an integer from 1 to/],
    [
      "an astronomical batch",
      withPrefill("--batch", "1e308"),
      /--batch: must be an integer from 1/,
    ],
    ["a batch that is not a number", withPrefill("--batch", "abc"), /--batch: must be a number/],
    ["a missing batch", withPrefill(), /--batch: missing/],
    ["--model without --phase", [...PREFILL, "--batch", "1"], /--model needs --phase/],
    ["neither --model nor --op", ["estimate"], /give --model with --phase, or --op/],
    // 1000 - 345 = 655 is not a multiple of the 15 MHz step.
    [
      "a clock off the grid",
      gemm("--freq", "1000"),
      /--freq: 1000 MHz is not on h100-sxm's clock grid/,
    ],
    ["a cap above the limit", gemm("--power-cap", "800"), /800 W is outside h100-sxm's limits/],
    ["a cap below the limit", gemm("--power-cap", "100"), /100 W is outside h100-sxm's limits/],
    [
      "an unknown model",
      ["estimate", "--model", "llama9", "--phase", "decode", "--batch", "1", "--context", "8"],
      /unknown model 'llama9' \(built-in: llama3-8b, /,
    ],
  ])("%s", async (_what, args, message) => {
    expect(await badInput(args)).toMatch(message);
  });

  it("an unknown hardware profile, listing the known ones", async () => {
    const err = await badInput([
      "estimate",
      "--hardware",
      "h999",
      "--op",
      "copy",
      "--bytes",
      "1024",
    ]);
    expect(err).toMatch(/unknown hardware profile 'h999'/);
    for (const name of ["a100-sxm", "h100-sxm", "h200", "mi300x", "tpu-v5p-like"]) {
      expect(err).toContain(name);
    }
  });
});

describe.concurrent("bad hardware profile files", () => {
  const dir = tempDir();
  // Each file's `name` equals its base name, so the intended problem is the one reported.
  const files: Record<string, { text: string; error: string }> = {
    "missing-field": {
      text: [
        "schemaVersion: 1",
        "name: missing-field",
        "displayName: X",
        "extends: h100-sxm",
        "power:",
        '  idleW: { source: measured, ref: "x" }',
      ].join("\n"),
      error: "6:10: power.idleW.value: must have required property 'value'",
    },
    "wrong-type": {
      text: [
        "schemaVersion: 1",
        "name: wrong-type",
        "displayName: X",
        "extends: h100-sxm",
        "power:",
        '  idleW: { value: "lots", source: measured, ref: "x" }',
      ].join("\n"),
      error: "6:19: power.idleW.value: must be a number",
    },
    "unknown-extends": {
      text: ["schemaVersion: 1", "name: unknown-extends", "displayName: X", "extends: h999"].join(
        "\n",
      ),
      error: "4:10: extends: unknown profile 'h999' (known: ",
    },
    "broken-yaml": {
      text: ["schemaVersion: 1", "name: broken-yaml", "displayName: [X", "power: {"].join("\n"),
      error: "4:1: Flow sequence in block collection must be sufficiently indented",
    },
  };
  for (const [name, { text }] of Object.entries(files)) {
    writeFileSync(join(dir, `${name}.yaml`), text + "\n");
  }

  describe.concurrent.each(Object.entries(files))("%s", (name, { error }) => {
    const file = join(dir, `${name}.yaml`);
    const expected = new RegExp(`^wattif: ${escape(file)}:${escape(error)}`);

    it("fails `wattif validate <file>` at its line and column", async () => {
      expect(await badInput(["validate", file])).toMatch(expected);
    });

    it("fails `wattif estimate --hardware <file>` the same way", async () => {
      expect(
        await badInput(["estimate", "--hardware", file, "--op", "copy", "--bytes", "1024"]),
      ).toMatch(expected);
    });
  });
});

describe.concurrent("wattif fit rejects a bad CSV", () => {
  it("names the line and the column of a non-numeric cell", async () => {
    const dir = tempDir();
    const lines = readFileSync(KERNELS_CSV, "utf8").split("\n");
    const header = (lines[0] ?? "").split(",");
    const col = header.indexOf("time_per_op_s");
    expect(col).toBeGreaterThan(0);
    const row = (lines[3] ?? "").split(",");
    row[col] = "fast";
    const csv = join(dir, "bad.csv");
    writeFileSync(csv, [lines[0], lines[1], lines[2], row.join(",")].join("\n") + "\n");
    const err = await badInput(["fit", csv, "--profile", "h100-sxm"]);
    const at = row.slice(0, col).join(",").length + 2; // 1-based, after the comma
    expect(err).toMatch(new RegExp(`^wattif: ${escape(csv)}:4:${at}: time_per_op_s: .*'fast'`));
  });

  it("refuses an --exclude label that is not in the file", async () => {
    const err = await badInput(["fit", KERNELS_CSV, "--profile", "h100-sxm", "--exclude", "nope"]);
    expect(err).toMatch(/no row labelled 'nope'/);
  });
});

describe.concurrent("bad scenario files", () => {
  const dir = tempDir();
  const quickstart = readFileSync(ESTIMATE_EXAMPLE, "utf8");
  const lineOf = (needle: string) =>
    quickstart.split("\n").findIndex((line) => line.includes(needle)) + 1;
  const variant = (name: string, from: string | RegExp, to: string): string => {
    const text = quickstart.replace(from, to);
    expect(text).not.toBe(quickstart);
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, text);
    return file;
  };
  const cases: [string, string, RegExp][] = [
    [
      "an unknown kind",
      variant("kind", "kind: estimate", "kind: inference"),
      new RegExp(
        `:${lineOf("kind:")}:7: kind: unknown kind 'inference' \\(one of: estimate, training, serving, zeus, capacity\\)`,
      ),
    ],
    [
      "a negative batch (schema)",
      variant("batch", "batch: 1", "batch: -3"),
      new RegExp(`:${lineOf("batch:")}:10: workload.batch: must be >= 1`),
    ],
    [
      "an unknown field (schema)",
      variant("field", "  seq: 2048", "  seqq: 2048"),
      new RegExp(`:${lineOf("seq:")}:3: workload.seqq: unknown field 'seqq'`),
    ],
    [
      "an unknown model",
      variant("model", "model: llama3-8b", "model: llama9"),
      new RegExp(`:${lineOf("model:")}:10: workload.model: unknown model 'llama9'`),
    ],
    [
      "an unknown hardware profile",
      variant("hardware", "hardware: h100-sxm", "hardware: h999"),
      new RegExp(`:${lineOf("hardware:")}:11: hardware: unknown hardware profile 'h999'`),
    ],
    [
      "a sweep clock off the grid",
      variant("clock", "step: 90", "step: 100"),
      // 1980, 1880, ...: 1880 is the first value off the 15 MHz grid.
      new RegExp(`:${lineOf("freqMHz:")}:12: sweep.freqMHz\\[1\\]: 1880 MHz is not on h100-sxm`),
    ],
    [
      "a sweep cap outside the limits",
      variant("cap", "powerCapW: [700,", "powerCapW: [800,"),
      new RegExp(`:${lineOf("powerCapW:")}:15: sweep.powerCapW\\[0\\]: 800 W is outside`),
    ],
    [
      "a runaway sweep",
      variant("runaway", "step: 90", "step: 0.000001"),
      /: sweep: \d+ clocks x 9 caps is too many points/,
    ],
    ["broken YAML", variant("yaml", "sweep:", "sweep: ["), /^wattif: \S+:\d+:\d+: /],
    [
      "a map used as a key (no YAML warning on stderr)",
      variant("key", "  model: llama3-8b", "  ? { model: llama3-8b }\n  : 1"),
      /unknown field '\{ model: llama3-8b \}'/,
    ],
  ];

  // `run` and `validate` share the loader: every case through run, two through validate.
  it.each(cases.slice(0, 2))("%s: wattif validate", async (_what, file, message) => {
    const err = await badInput(["validate", file]);
    expect(err.startsWith(`wattif: ${file}:`)).toBe(true);
    expect(err).toMatch(message);
  });

  it.each(cases)("%s: wattif run", async (_what, file, message) => {
    const out = tempDir();
    expect(await badInput(["run", file, "--out", out], out)).toMatch(message);
  });
});

describe("an unusable output folder is bad input, found before any simulation", () => {
  const dir = tempDir();
  writeFileSync(join(dir, "afile"), "in the way");
  const badOuts: [what: string, out: string, message: RegExp][] = [
    ["an empty --out", "", /the output folder is empty/],
    ["the current folder", ".", /^wattif: \.: .*current folder/],
    ["a file", "afile", /^wattif: afile: .*a file is in the way/],
    ["a folder under a file", "afile/sub", /^wattif: afile\/sub: .*afile is not a folder/],
    ["a name too long", "n".repeat(300), /name in the path is too long/],
    ["a pseudo file system", "/proc/wattif-x", /^wattif: \/proc\/wattif-x: cannot write results/],
  ];

  it.each(badOuts)("%s: run, plan, frontier, compare, merge", async (_what, out, message) => {
    const commands = [
      ["run", ESTIMATE_EXAMPLE],
      ["plan", join(ROOT, "scenarios", "capacity-azure-h100.yaml")],
      ["frontier", "--model", "llama3-8b", "--stages", "2", "--microbatches", "4"],
      ["compare", ESTIMATE_EXAMPLE, ESTIMATE_EXAMPLE],
      ["merge", "no-such-shard"],
    ];
    for (const args of commands) {
      expect(await badInput([...args, "--out", out], dir)).toMatch(message);
    }
    expect(readdirSync(dir)).toEqual(["afile"]);
  });

  it("a batch sweep simulates no point", async () => {
    const [sweepDir, file] = servingSweep();
    writeFileSync(join(sweepDir, "afile"), "in the way");
    const log = join(sweepDir, "simulated.txt");
    writeFileSync(log, "");
    process.env[SIMULATION_LOG_ENV] = log;
    try {
      expect(await badInput(["run", file, "--workers", "1", "--out", "afile"], sweepDir)).toMatch(
        /a file is in the way/,
      );
    } finally {
      delete process.env[SIMULATION_LOG_ENV];
    }
    expect(readFileSync(log, "utf8")).toBe("");
  });
});
