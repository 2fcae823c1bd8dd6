import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/input/input-error.js";
import {
  parsePowerTrace,
  parseTrainTrace,
  readTrainTrace,
  zeusGpus,
} from "../../../src/optimize/zeus/index.js";

const TRAIN = "dataset,network,batch_size,optimizer,learning_rate,run,target_metric,target_epoch\n";
const POWER = "dataset,network,batch_size,optimizer,power_limit,time_per_epoch,average_power\n";

async function rejection(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("Zeus trace files", () => {
  it("reads the shipped traces: 3,759 train rows, power traces for a40 and v100", async () => {
    const rows = await readTrainTrace("data/zeus");
    expect(rows.length).toBe(3759);
    expect(rows.filter((r) => r.targetEpoch === null).length).toBe(849);
    expect(zeusGpus("data/zeus")).toEqual(["a40", "v100"]);
  });

  it.each([
    [
      "a negative time",
      POWER + "c,s,8,adam,100,1.5,90\nc,s,8,adam,125,-2,95\n",
      "t.csv:3:16: time_per_epoch: expected a number > 0, got '-2'",
    ],
    [
      "a power limit that is not a number",
      POWER + "c,s,8,adam,abc,1.5,90\n",
      "t.csv:2:12: power_limit: expected a number > 0, got 'abc'",
    ],
    [
      "a fractional batch size",
      POWER + "c,s,8.5,adam,100,1.5,90\n",
      "t.csv:2:5: batch_size: expected an integer >= 1, got '8.5'",
    ],
    [
      "a missing column",
      "dataset,network,batch_size,optimizer,power_limit,time_per_epoch\nc,s,8,adam,100,1.5\n",
      "t.csv:1:1: want columns dataset,network,batch_size,optimizer,power_limit,time_per_epoch,average_power; missing average_power",
    ],
    [
      "a short row",
      POWER + "c,s,8,adam,100,1.5\n",
      // Six cells of seven: the missing one belongs just past the line's end (col 19).
      "t.csv:2:19: row has 6 cell(s), the header 7: a different number of columns",
    ],
  ])("power trace: %s", async (_what, text, message) => {
    expect((await rejection(parsePowerTrace(text, "t.csv"))).format()).toBe(message);
  });

  it("train trace: `nan` is a run that never reached; a bad epoch is placed on its cell", async () => {
    const rows = await parseTrainTrace(TRAIN + "c,s,8,adam,1e-3,1,0.5,nan\n", "t.csv");
    expect(rows[0]!.targetEpoch).toBeNull();
    const e = await rejection(parseTrainTrace(TRAIN + "c,s,8,adam,1e-3,1,0.5,x\n", "t.csv"));
    expect(e.format()).toBe("t.csv:2:23: target_epoch: expected an integer >= 1, got 'x'");
  });
});
