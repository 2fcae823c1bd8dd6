/** Which shard a process runs: --shard, or each scheduler's array variables. */
import { describe, expect, it } from "vitest";
import { inShard, shardOf } from "../../src/sweep/shard.js";
import { inputError } from "../input/input-error-helpers.js";

describe("shardOf", () => {
  it("reads --shard i/n before any variable", () => {
    expect(shardOf("1/3", undefined, { BATCH_TASK_INDEX: "0", BATCH_TASK_COUNT: "2" })).toEqual({
      index: 1,
      count: 3,
      source: "--shard",
    });
    expect(shardOf(undefined, undefined, {})).toBeUndefined();
  });

  it("reads a Slurm array with a minimum and a step", () => {
    const env = {
      SLURM_ARRAY_TASK_ID: "14",
      SLURM_ARRAY_TASK_MIN: "10",
      SLURM_ARRAY_TASK_STEP: "2",
      SLURM_ARRAY_TASK_COUNT: "4",
    };
    expect(shardOf(undefined, undefined, env)).toMatchObject({ index: 2, count: 4 });
    expect(
      shardOf(undefined, undefined, { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_COUNT: "5" }),
    ).toMatchObject({
      index: 3,
      count: 5,
    });
  });

  it("reads Google Cloud Batch, and Kubernetes and AWS Batch with --shard-count", () => {
    expect(
      shardOf(undefined, undefined, { BATCH_TASK_INDEX: "2", BATCH_TASK_COUNT: "3" }),
    ).toMatchObject({
      index: 2,
      count: 3,
    });
    expect(shardOf(undefined, 5, { JOB_COMPLETION_INDEX: "4" })).toMatchObject({
      index: 4,
      count: 5,
    });
    expect(shardOf(undefined, 2, { AWS_BATCH_JOB_ARRAY_INDEX: "1" })).toMatchObject({
      index: 1,
      count: 2,
    });
    expect(
      inputError(() => shardOf(undefined, undefined, { JOB_COMPLETION_INDEX: "0" })).message,
    ).toMatch(/--shard-count/);
  });

  it("refuses indexes outside the count and malformed values", () => {
    expect(inputError(() => shardOf("3/3", undefined, {})).message).toMatch(/not in 0..2/);
    expect(inputError(() => shardOf("1of3", undefined, {})).message).toMatch(/expected i\/n/);
    expect(inputError(() => shardOf(undefined, 2, { JOB_COMPLETION_INDEX: "x" })).message).toMatch(
      /integer/,
    );
    expect(inputError(() => shardOf(undefined, 4, {})).message).toMatch(/needs a shard index/);
  });

  it("deals points round robin: every point in exactly one shard", () => {
    const n = 3;
    for (let p = 0; p < 10; p++) {
      const owners = [0, 1, 2].filter((i) => inShard(p, { index: i, count: n, source: "t" }));
      expect(owners).toEqual([p % n]);
    }
  });
});
