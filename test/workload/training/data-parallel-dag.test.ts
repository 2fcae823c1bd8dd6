import { describe, expect, it } from "vitest";
import {
  checkDag,
  dataParallelDag,
  interleaved1F1BSchedule,
  oneFOneBSchedule,
  withCommunication,
} from "../../../src/workload/training/index.js";

const pipeline = (chunks = 1) =>
  withCommunication(
    chunks > 1
      ? interleaved1F1BSchedule({ stages: 2, microbatches: 4, chunks })
      : oneFOneBSchedule({ stages: 2, microbatches: 4 }),
    { activationBytes: 1e6, optimizer: true },
  );

describe("a data-parallel job's step DAG", () => {
  it("one copy without gradients is the pipeline itself", () => {
    const base = pipeline();
    const job = dataParallelDag(base, { replicas: 1 });
    expect(job.dag.ops).toEqual(base.ops);
    expect(job.dag.stages).toBe(2);
    expect(job.collectives).toEqual([]);
  });

  it("each chunk's gradient collective waits for that chunk's last backward in every copy", () => {
    const base = pipeline(2);
    const job = dataParallelDag(base, { replicas: 2, chunkGradientBytes: [1, 2, 3, 4] });
    checkDag(job.dag);
    // 2 copies x 2 stages compute streams + as many communication streams.
    expect(job.devices.map((d) => d.stream)).toEqual([
      ...Array(4).fill("compute"),
      ...Array(4).fill("communication"),
    ]);
    expect(job.collectives).toHaveLength(2 * 4);
    const n = base.ops.length;
    for (const { id, virtual } of job.collectives) {
      const op = job.dag.ops[id]!;
      const stage = virtual % 2;
      const chunk = Math.floor(virtual / 2);
      const lastB = Math.max(
        ...base.ops
          .filter((o) => o.kind === "backward" && o.stage === stage && o.chunk === chunk)
          .map((o) => o.id),
      );
      expect(op.deps).toEqual([lastB, n + lastB]);
      expect(op.linkBytes).toBe(virtual + 1);
      expect(job.devices[op.stage]).toMatchObject({ stage, stream: "communication" });
    }
    // Each copy's optimizer waits for its own stage's collectives.
    for (const op of job.dag.ops.filter((o) => o.kind === "optimizer")) {
      const r = job.replicaOf[op.id]!;
      const stage = job.devices[op.stage]!.stage;
      const mine = job.collectives
        .filter((c) => job.replicaOf[c.id] === r && c.virtual % 2 === stage)
        .map((c) => c.id);
      for (const c of mine) expect(op.deps).toContain(c);
    }
  });
});
