import { describe, expect, it } from "vitest";
import { getModel, parameterCount } from "../../../src/workload/model/index.js";
import {
  checkDag,
  interleaved1F1BSchedule,
  oneFOneBSchedule,
  stageGradientBytes,
  stageParameters,
  withCommunication,
} from "../../../src/workload/training/index.js";

const S = 4;
const M = 6;
const base = oneFOneBSchedule({ stages: S, microbatches: M });
const byName = (dag: typeof base, name: string) => {
  const op = dag.ops.find((o) => o.name === name);
  if (op === undefined) throw new Error(`no op ${name}`);
  return op;
};

describe("withCommunication", () => {
  const dag = withCommunication(base, {
    activationBytes: 1000,
    gradientBytes: [1, 2, 3, 4],
    optimizer: true,
  });

  it("adds a send per stage boundary and direction, one all-reduce and optimizer per stage", () => {
    checkDag(dag);
    const count = (kind: string) => dag.ops.filter((o) => o.kind === kind).length;
    expect(count("send")).toBe(2 * M * (S - 1));
    expect(count("allreduce")).toBe(S);
    expect(count("optimizer")).toBe(S);
    expect(dag.ops.slice(0, base.ops.length).map((o) => o.name)).toEqual(
      base.ops.map((o) => o.name),
    );
    expect(dag.schedule).toBe("1f1b+comm");
    expect(base.ops.some((o) => o.kind === "send")).toBe(false);
  });

  it("routes data through the send, which runs on the sender right after the producer", () => {
    const send = byName(dag, "send F s1->s2 m3");
    expect(send.stage).toBe(1);
    expect(send.toStage).toBe(2);
    expect(send.linkBytes).toBe(1000);
    expect(send.deps).toEqual([byName(dag, "F s1 m3").id]);
    expect(byName(dag, "F s2 m3").deps).toContain(send.id);
    expect(byName(dag, "F s2 m3").deps).not.toContain(byName(dag, "F s1 m3").id);
    // Stage 1's next op after F s1 m3 waits for the send (blocking p2p).
    const stage1 = base.ops.filter((o) => o.stage === 1);
    const next = stage1[stage1.findIndex((o) => o.name === "F s1 m3") + 1];
    expect(byName(dag, next?.name as string).deps).toContain(send.id);
    const grad = byName(dag, "send B s2->s1 m0");
    expect(byName(dag, "B s1 m0").deps).toContain(grad.id);
  });

  it("syncs the all-reduce after the flush, or after the stage's own backwards when overlapped", () => {
    const sync = byName(dag, "allreduce s3");
    expect(sync.deps.length).toBe(S);
    expect(sync.linkBytes).toBe(4);
    const overlapped = withCommunication(base, {
      activationBytes: 1000,
      gradientBytes: 7,
      overlapAllreduce: true,
    });
    const ar = byName(overlapped, "allreduce s0");
    expect(ar.deps).toEqual([byName(overlapped, "B s0 m5").id]);
    // Stage 3's last op is the gradient send of its last backward.
    expect(byName(overlapped, "allreduce s3").deps).toEqual([
      byName(overlapped, "send B s3->s2 m5").id,
    ]);
    expect(byName(dag, "optimizer s2").deps).toEqual([byName(dag, "allreduce s2").id]);
  });

  it("sends across the chunk boundary of an interleaved schedule, never to the same stage", () => {
    const iv = withCommunication(
      interleaved1F1BSchedule({ stages: 2, microbatches: 2, chunks: 2 }),
      {
        activationBytes: 1,
      },
    );
    expect(byName(iv, "send F s1->s0 c0 m0").deps).toEqual([byName(iv, "F s1 c0 m0").id]);
    expect(iv.ops.filter((o) => o.kind === "send").length).toBe(2 * 2 * 3);
    const single = withCommunication(oneFOneBSchedule({ stages: 1, microbatches: 2 }), {
      activationBytes: 1,
    });
    expect(single.ops.some((o) => o.kind === "send")).toBe(false);
  });

  it("rejects negative sizes", () => {
    expect(() => withCommunication(base, { activationBytes: -1 })).toThrow(/activationBytes/);
    expect(() => withCommunication(base, { activationBytes: 1, gradientBytes: [1, 2] })).toThrow(
      /gradientBytes\[2\]/,
    );
  });
});

describe("stage sizes", () => {
  it("a stage's parameters add up to the model's (tp 1, untied LM head counted once)", () => {
    const llama = getModel("llama3-8b");
    const per = stageParameters(llama, { stages: 4 });
    expect(per.reduce((a, b) => a + b, 0)).toBe(parameterCount(llama));
    const gpt3 = getModel("gpt3-175b");
    // Tied embeddings: the last stage keeps a copy for its LM head.
    const g = stageParameters(gpt3, { stages: 8 });
    const p = g.reduce((a, b) => a + b, 0);
    expect(p - parameterCount(gpt3)).toBe(gpt3.vocab * gpt3.hidden);
    expect(stageGradientBytes(gpt3, { stages: 8 })[3]).toBe(2 * (g[3] as number));
  });
});
