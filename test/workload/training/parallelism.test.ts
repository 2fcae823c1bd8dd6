import { describe, expect, it } from "vitest";
import {
  resolveParallelism,
  type ParallelismInput,
} from "../../../src/workload/training/parallelism.js";

type ParallelismOverrides = Partial<ParallelismInput>;

describe("parallelism as users write it", () => {
  it("MLPerf GPT-3: TP4 x PP8 x DP16, global batch 2,048 of micro-batch 2 -> 64 microbatches per pipeline", () => {
    const r = resolveParallelism({
      tp: 4,
      pp: 8,
      dp: 16,
      vpp: 4,
      gpus: 512,
      globalBatch: 2048,
      microbatchSize: 2,
      layers: 96,
    });
    expect(r.problems).toEqual([]);
    expect(r.parallelism).toEqual({
      tp: 4,
      pp: 8,
      dp: 16,
      vpp: 4,
      gpus: 512,
      microbatchSize: 2,
      microbatches: 64,
      globalBatch: 2048,
    });
  });

  it("doubling dp at a fixed global batch halves the microbatches per pipeline", () => {
    const at = (dp: number) =>
      resolveParallelism({ dp, globalBatch: 64, microbatchSize: 2 }).parallelism!.microbatches;
    expect([at(1), at(2), at(4)]).toEqual([32, 16, 8]);
  });

  it("the older spelling still works: stages, chunks, pipelines, microbatches", () => {
    const r = resolveParallelism({
      stages: 4,
      chunks: 2,
      pipelines: 3,
      microbatches: 8,
      microbatchSize: 1,
    });
    expect(r.parallelism).toMatchObject({ pp: 4, vpp: 2, dp: 3, microbatches: 8, globalBatch: 24 });
  });

  it.each<[ParallelismOverrides, string, RegExp]>([
    [
      { tp: 4, pp: 8, dp: 16, gpus: 256 },
      "gpus",
      /tp x pp x dp = 4 x 8 x 16 = 512 GPUs, not the 256 given/,
    ],
    [
      { dp: 16, globalBatch: 1000 },
      "globalBatch",
      /1000 sequences must be divisible by dp x microbatchSize = 16 x 2 = 32/,
    ],
    [
      { pp: 8, vpp: 5, layers: 96 },
      "parallelism.vpp",
      /pp x vpp = 8 x 5 = 40 model chunks must divide the model's 96 layers/,
    ],
    [{ pp: 8, stages: 8 }, "parallelism.pp", /give 'pp' or 'stages', not both/],
    [{ dp: 2, pipelines: 2 }, "parallelism.dp", /give 'dp' or 'pipelines', not both/],
    [
      { dp: 2, globalBatch: 64, microbatches: 8 },
      "microbatches",
      /8 contradicts globalBatch \/ \(dp x microbatchSize\) = 64 \/ \(2 x 2\) = 16/,
    ],
  ])("%o is a problem at %s", (input, path, message) => {
    const r = resolveParallelism({
      microbatchSize: 2,
      microbatches: input.globalBatch === undefined ? 4 : undefined,
      ...input,
    });
    expect(r.parallelism).toBeUndefined();
    const p = r.problems.find((q) => q.path.join(".") === path);
    expect(p?.message).toMatch(message);
  });

  it("neither microbatches nor a global batch is a problem", () => {
    expect(resolveParallelism({ microbatchSize: 1 }).problems[0]?.message).toMatch(
      /give 'microbatches' \(per pipeline\) or 'globalBatch'/,
    );
  });
});
