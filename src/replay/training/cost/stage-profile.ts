/**
 * Measured per-stage costs in Perseus' format (`stage,instruction,frequency,time,energy`: one row
 * per pipeline stage, instruction and SM clock, seconds and joules). Every stage 0..S-1 needs a
 * forward and a backward at the same clocks; anything else is an InputError naming the file,
 * line and column. Zero-bubble schedules need the backward split into input (B) and weight (W)
 * gradients: `splitBackward` halves the backward rows when the file has no split rows.
 */
import { readTextFile } from "../../../input/read-text-file.js";
import { InputError } from "../../../input/input-error.js";
import { describeLimit, LIMITS, withinLimit } from "../../../input/limits.js";
import { cellCol, numberCell as cell, parseCsvRows as parseCsv } from "../../../input/csv-rows.js";

export interface StageRows {
  /** Descending. */
  freqMHz: number[];
  timeS: number[];
  energyJ: number[];
}

export interface StageProfile {
  stages: number;
  /** The clocks every stage and instruction was measured at, descending. */
  clocksMHz: number[];
  /** Keyed "stage/instruction", e.g. "0/forward". */
  table: Map<string, StageRows>;
  file?: string;
}

const COLUMNS = ["stage", "instruction", "frequency", "time", "energy"];
const INSTRUCTIONS = ["forward", "backward", "backward-input", "backward-weight"];

export async function readStageProfile(file: string): Promise<StageProfile> {
  return parseStageProfile(readTextFile(file), file);
}

export async function parseStageProfile(
  text: string,
  file = "<stage profile>",
): Promise<StageProfile> {
  const rows = await parseCsv(text, file);
  if (rows.length === 0) {
    throw new InputError(
      `no rows: want a header ${COLUMNS.join(",")} and one row per stage, instruction and clock`,
      {
        file,
        line: text.includes("\n") ? 2 : 1,
        col: 1,
        code: "SCHEMA",
      },
    );
  }
  const header = Object.keys(rows[0] ?? {});
  const absent = COLUMNS.filter((c) => !header.includes(c));
  if (rows.length === 0 || absent.length > 0) {
    throw new InputError(
      `want columns ${COLUMNS.join(",")}; missing ${absent.join(",") || "rows"}`,
      {
        file,
        line: 1,
        code: "SCHEMA",
      },
    );
  }
  // Rows grouped by "stage/instruction", with the line of each for messages.
  const groups = new Map<
    string,
    { stage: number; line: number; col?: number; rows: Map<number, [number, number]> }
  >();
  rows.forEach((row, i) => {
    const line = i + 2;
    const at = (path: string, detail: string) =>
      new InputError(detail, { file, line, col: cellCol(row, path), path, code: "VALUE" });
    const stage = cell(row, "stage", file, line);
    if (!Number.isInteger(stage) || stage >= LIMITS.stages.maximum)
      throw at(
        "stage",
        `expected an integer stage from 0 to ${LIMITS.stages.maximum - 1}, got '${row.stage}'`,
      );
    const instruction = row.instruction ?? "";
    if (!INSTRUCTIONS.includes(instruction)) {
      throw at("instruction", `expected one of ${INSTRUCTIONS.join(", ")}, got '${instruction}'`);
    }
    const freqMHz = cell(row, "frequency", file, line, true);
    const timeS = cell(row, "time", file, line, true);
    const energyJ = cell(row, "energy", file, line);
    // Physical ranges (input/limits.ts): 1e308 J would overflow every sum the planner makes.
    if (!withinLimit(timeS, LIMITS.opTimeS))
      throw at("time", `must be ${describeLimit(LIMITS.opTimeS)} s, got '${row.time}'`);
    if (!withinLimit(energyJ, LIMITS.energyJ))
      throw at("energy", `must be ${describeLimit(LIMITS.energyJ)} J, got '${row.energy}'`);
    if (!withinLimit(freqMHz, LIMITS.freqMHz))
      throw at("frequency", `must be ${describeLimit(LIMITS.freqMHz)} MHz, got '${row.frequency}'`);
    const key = `${stage}/${instruction}`;
    let g = groups.get(key);
    if (g === undefined)
      groups.set(key, (g = { stage, line, col: cellCol(row, "frequency"), rows: new Map() }));
    if (g.rows.has(freqMHz)) throw at("frequency", `duplicate row for ${key} at ${freqMHz} MHz`);
    g.rows.set(freqMHz, [timeS, energyJ]);
  });
  const stageFirstLine = new Map<number, number>();
  for (const g of groups.values()) {
    stageFirstLine.set(g.stage, Math.min(stageFirstLine.get(g.stage) ?? Infinity, g.line));
  }
  const stages = Math.max(...stageFirstLine.keys()) + 1;
  for (let s = 0; s < stages; s++) {
    if (!stageFirstLine.has(s)) {
      // Point at where the stage was expected: the first row of the next stage present.
      let next = s + 1;
      while (!stageFirstLine.has(next)) next++;
      throw new InputError(`stage ${s} has no rows (stages must be 0..${stages - 1})`, {
        file,
        line: stageFirstLine.get(next),
        path: "stage",
        code: "VALUE",
      });
    }
    for (const instruction of ["forward", "backward"]) {
      const split = groups.has(`${s}/backward-input`) && groups.has(`${s}/backward-weight`);
      if (instruction === "backward" && split) continue;
      if (!groups.has(`${s}/${instruction}`)) {
        throw new InputError(`stage ${s} has no ${instruction} rows`, {
          file,
          line: stageFirstLine.get(s),
          path: "instruction",
          code: "VALUE",
        });
      }
    }
  }
  const all = new Set<number>();
  for (const g of groups.values()) for (const f of g.rows.keys()) all.add(f);
  const clocksMHz = [...all].sort((a, b) => b - a);
  const table = new Map<string, StageRows>();
  for (const [key, g] of groups) {
    const lacking = clocksMHz.filter((f) => !g.rows.has(f));
    if (lacking.length > 0) {
      throw new InputError(
        `${key} has no row at ${lacking.join(", ")} MHz (every stage and instruction needs the same clocks)`,
        { file, line: g.line, col: g.col, path: "frequency", code: "VALUE" },
      );
    }
    const rowsAt = clocksMHz.map((f) => g.rows.get(f) as [number, number]);
    table.set(key, {
      freqMHz: [...clocksMHz],
      timeS: rowsAt.map((r) => r[0]),
      energyJ: rowsAt.map((r) => r[1]),
    });
  }
  return { stages, clocksMHz, table, file };
}

/**
 * The rows an op kind uses on a stage. Without measured split rows, backward-input and
 * backward-weight each take half of the backward's time and energy at every clock (dgrad and
 * wgrad GEMMs cost the same; the elementwise and attention share is small and split evenly).
 */
export function stageRows(
  profile: StageProfile,
  stage: number,
  instruction: string,
): StageRows | undefined {
  const rows = profile.table.get(`${stage}/${instruction}`);
  if (rows !== undefined) return rows;
  if (instruction !== "backward-input" && instruction !== "backward-weight") return undefined;
  const full = profile.table.get(`${stage}/backward`);
  if (full === undefined) return undefined;
  return {
    freqMHz: [...full.freqMHz],
    timeS: full.timeS.map((t) => t / 2),
    energyJ: full.energyJ.map((e) => e / 2),
  };
}
