import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../../src/input/input-error.js";
import {
  parseStageProfile,
  readStageProfile,
  stageRows,
} from "../../../../src/replay/training/index.js";
import { PERSEUS_CSV } from "../../../workload/training/helpers.js";

const text = readFileSync(PERSEUS_CSV, "utf8");
const lines = text.trimEnd().split("\n");

/** The Perseus file with some data lines (1-based file line numbers) changed or dropped. */
function edited(edit: (line: string, lineNo: number) => string | undefined): string {
  return lines
    .map((l, i) => (i === 0 ? l : edit(l, i + 1)))
    .filter((l): l is string => l !== undefined)
    .join("\n");
}

async function errorOf(csv: string): Promise<InputError> {
  try {
    await parseStageProfile(csv, "bad.csv");
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("readStageProfile (Perseus format)", () => {
  it("reads 8 stages x forward/backward x 38 clocks, clocks descending", async () => {
    const p = await readStageProfile(PERSEUS_CSV);
    expect(p.stages).toBe(8);
    expect(p.clocksMHz.length).toBe(38);
    expect(p.clocksMHz[0]).toBe(1410);
    expect(p.clocksMHz[37]).toBe(855);
    expect(p.table.size).toBe(16);
    const last = p.table.get("7/backward");
    expect(last?.freqMHz[0]).toBe(1410);
    expect(last?.timeS[0]).toBeCloseTo(0.0988586274782816, 15);
    expect(last?.energyJ[0]).toBeCloseTo(46.40600199999971, 12);
  });

  it("splits a backward into equal B and W halves when the file has no split rows", async () => {
    const p = await parseStageProfile(text);
    const full = p.table.get("3/backward");
    const b = stageRows(p, 3, "backward-input");
    const w = stageRows(p, 3, "backward-weight");
    expect(b?.timeS[5]).toBe((full?.timeS[5] as number) / 2);
    expect(w?.energyJ[5]).toBe((full?.energyJ[5] as number) / 2);
    expect(stageRows(p, 3, "optimizer")).toBeUndefined();
  });
});

describe("bad stage profiles name the file, line and column", () => {
  it("a non-numeric cell", async () => {
    const e = await errorOf(
      edited((l, n) => (n === 10 ? l.replace(/,[^,]*,([^,]*)$/, ",abc,$1") : l)),
    );
    expect(e.message).toBe("bad.csv:10:16: time: expected a number > 0, got 'abc'");
    expect(e.line).toBe(10);
    expect(e.path).toBe("time");
  });

  it("a negative value", async () => {
    const e = await errorOf(edited((l, n) => (n === 7 ? l.replace(/,[^,]*$/, ",-3") : l)));
    expect(e.message).toBe("bad.csv:7:37: energy: expected a number >= 0, got '-3'");
  });

  it("a missing stage", async () => {
    const csv = edited((l) => (l.startsWith("3,") ? undefined : l));
    const e = await errorOf(csv);
    expect(e.message).toMatch(
      /^bad\.csv:\d+: stage: stage 3 has no rows \(stages must be 0\.\.7\)$/,
    );
    // It points at the first row of stage 4, where stage 3 was expected.
    expect(csv.split("\n")[(e.line as number) - 1]).toMatch(/^4,/);
  });

  it("a stage missing one clock", async () => {
    const csv = edited((l) => (l.startsWith("5,backward,1200,") ? undefined : l));
    const e = await errorOf(csv);
    expect(e.message).toMatch(/^bad\.csv:\d+:\d+: frequency: 5\/backward has no row at 1200 MHz/);
    expect(csv.split("\n")[(e.line as number) - 1]).toMatch(/^5,backward,/);
  });

  it("a stage without backward rows", async () => {
    const e = await errorOf(edited((l) => (l.startsWith("2,backward,") ? undefined : l)));
    expect(e.message).toMatch(/^bad\.csv:\d+: instruction: stage 2 has no backward rows$/);
  });

  it("an unknown instruction, a fractional stage, a duplicate row, a bad header", async () => {
    expect(
      (await errorOf(edited((l, n) => (n === 4 ? l.replace("forward", "fwd") : l)))).message,
    ).toBe(
      "bad.csv:4:3: instruction: expected one of forward, backward, backward-input, backward-weight, got 'fwd'",
    );
    expect(
      (await errorOf(edited((l, n) => (n === 2 ? l.replace(/^0,/, "0.5,") : l)))).message,
    ).toBe("bad.csv:2:1: stage: expected an integer stage from 0 to 4095, got '0.5'");
    expect((await errorOf(edited((l, n) => (n === 3 ? (lines[1] as string) : l)))).message).toBe(
      "bad.csv:3:11: frequency: duplicate row for 0/forward at 1410 MHz",
    );
    const e = await errorOf("stage,instr,frequency,time,energy\n0,forward,1410,1,1\n");
    expect(e.message).toBe(
      "bad.csv:1: want columns stage,instruction,frequency,time,energy; missing instruction",
    );
    expect(e.code).toBe("SCHEMA");
  });

  it("a file that cannot be read", async () => {
    await expect(readStageProfile("no/such/file.csv")).rejects.toThrow(/no\/such\/file\.csv/);
  });
});
