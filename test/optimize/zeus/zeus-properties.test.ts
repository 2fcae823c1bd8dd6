/**
 * Properties: random edits of the traces' text end in rows or an InputError that names the file
 * and line, never another exception; any workload the edited rows still make gives an oracle on
 * its own frontier and a replay whose regret adds up; same seed, same bytes.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/input/input-error.js";
import { toJson } from "../../../src/report/json.js";
import {
  epochsAtLimits,
  parsePowerTrace,
  parseTrainTrace,
  replayZeus,
  zeusJob,
  zeusOracle,
  zeusWorkload,
} from "../../../src/optimize/zeus/index.js";
import { dominates } from "../../../src/frontier/pareto.js";

/** The SQuAD rows of each trace: small, and every batch size converges. */
function squadText(file: string): string {
  const [head, ...rows] = readFileSync(`data/zeus/${file}`, "utf8").trim().split("\n");
  return [head, ...rows.filter((r) => r.startsWith("squad,"))].join("\n") + "\n";
}
const TRAIN = squadText("summary_train.csv");
const POWER = squadText("summary_power_a40.csv");

const edit = fc.record({
  line: fc.nat(),
  cell: fc.nat(),
  value: fc.oneof(
    fc.constantFrom("", "nan", "-1", "0", "1e400", "abc", "3.5", "84.0", "1,2", '"x"'),
    fc.string({ maxLength: 6 }),
  ),
});

function applyEdit(text: string, e: { line: number; cell: number; value: string }): string {
  const lines = text.split("\n");
  const i = e.line % lines.length;
  const cells = (lines[i] ?? "").split(",");
  cells[e.cell % cells.length] = e.value;
  lines[i] = cells.join(",");
  return lines.join("\n");
}

async function outcome(train: string, power: string): Promise<"ok" | "input-error"> {
  try {
    const t = await parseTrainTrace(train, "train.csv");
    const p = await parsePowerTrace(power, "power.csv");
    const job = zeusJob("squad")!;
    const w = zeusWorkload(job, "a40", t, epochsAtLimits(job, p));
    const o = zeusOracle(w, 0.5);
    expect(o.points.some((q) => dominates(q, o.optimum))).toBe(false);
    const r = replayZeus(w, { eta: 0.5, recurrences: 8, seed: 1 });
    const sum = r.recurrences.reduce((s, x) => s + x.regret.costJ, 0);
    expect(r.recurrences.at(-1)!.cumulativeRegret.costJ).toBeCloseTo(sum, 3);
    return "ok";
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.format()).not.toContain("undefined");
    return "input-error";
  }
}

describe("Zeus trace properties", () => {
  it("the unedited SQuAD rows make a workload (the property is not vacuous)", async () => {
    expect(await outcome(TRAIN, POWER)).toBe("ok");
  });

  it("edited cells end in a result or an InputError, never another exception", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        fc.array(edit, { maxLength: 3 }),
        async (trainEdits, powerEdits) => {
          await outcome(trainEdits.reduce(applyEdit, TRAIN), powerEdits.reduce(applyEdit, POWER));
        },
      ),
      { numRuns: 80, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  });

  it("same seed, same bytes; the summary of two replays is identical", async () => {
    const job = zeusJob("squad")!;
    const w = zeusWorkload(
      job,
      "a40",
      await parseTrainTrace(TRAIN, "t"),
      epochsAtLimits(job, await parsePowerTrace(POWER, "p")),
    );
    const run = () => toJson(replayZeus(w, { eta: 0.3, recurrences: 40, seed: "abc" }));
    expect(run()).toBe(run());
  });
});
