/**
 * A training job with its communication (activation sends, the data-parallel gradient
 * all-reduce, the optimizer step): the ops appear in the plan, their time and energy enter the
 * iteration, and the replay's energy still splits exactly into compute, communication and
 * blocking.
 */
import { describe, expect, it } from "vitest";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { planTraining, type TrainingJob } from "../../../src/optimize/training/plan-training.js";
import { InputError } from "../../../src/input/input-error.js";

const a100 = loadProfile("a100-sxm");
const job = (communication: boolean, pipelines = 2): TrainingJob => ({
  source: {
    kind: "model",
    hardware: a100,
    model: "llama3-8b",
    stages: 4,
    tp: 2,
    microbatchSize: 1,
    seqTokens: 1024,
  },
  schedule: "1f1b",
  microbatches: 4,
  unitTimeS: 0.001,
  pipelines,
  communication,
});

describe("planTraining with communication", async () => {
  const without = await planTraining(job(false));
  const withComm = await planTraining(job(true));
  const kinds = (p: typeof without) => new Set(p.dag.ops.map((op) => op.kind));

  it("adds sends, one all-reduce and one optimizer step per stage", () => {
    expect(kinds(without).has("send")).toBe(false);
    expect(kinds(withComm)).toEqual(
      new Set(["forward", "backward", "send", "allreduce", "optimizer"]),
    );
    const count = (kind: string) => withComm.dag.ops.filter((op) => op.kind === kind).length;
    expect(count("allreduce")).toBe(4);
    expect(count("optimizer")).toBe(4);
    // A send after every forward but the last stage's, and every backward but the first's.
    expect(count("send")).toBe(2 * 3 * 4);
  });

  it("costs time and energy, split exactly in the replay", () => {
    const b0 = without.replays.baseline;
    const b1 = withComm.replays.baseline;
    expect(b1.timeS).toBeGreaterThan(b0.timeS);
    expect(b1.energyJ).toBeGreaterThan(b0.energyJ);
    expect(b0.communicationJ).toBe(0);
    expect(b1.communicationJ).toBeGreaterThan(0);
    expect(b1.computeJ + b1.communicationJ + b1.blockingJ).toBeCloseTo(b1.energyJ, 6);
  });

  it("with one pipeline there is no gradient all-reduce", async () => {
    const single = await planTraining(job(true, 1));
    expect(single.dag.ops.some((op) => op.kind === "allreduce")).toBe(false);
    expect(single.dag.ops.some((op) => op.kind === "send")).toBe(true);
  });

  it("is bad input on a measured stage profile", async () => {
    const profileJob: TrainingJob = {
      ...job(true),
      source: { kind: "profile", file: "data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv" },
      pBlockingW: 83.64,
    };
    await expect(planTraining(profileJob)).rejects.toThrow(InputError);
  });
});
