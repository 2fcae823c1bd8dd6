import { describe, expect, it } from "vitest";
import { inputError } from "../../input/input-error-helpers.js";
import { customSchedule, oneFOneBSchedule } from "../../../src/workload/training/index.js";

describe("customSchedule", () => {
  it("a hand-written 1F1B is the built-in 1F1B", () => {
    const order = [
      ["F0", "F1", "B0", "F2", "B1", "B2"],
      ["F0", "B0", "F1", "B1", "F2", "B2"],
    ];
    const dag = customSchedule({ stages: 2, microbatches: 3, order, name: "mine" });
    const ref = oneFOneBSchedule({ stages: 2, microbatches: 3 });
    expect(dag.schedule).toBe("mine");
    expect(dag.ops.map((o) => [o.name, o.deps])).toEqual(ref.ops.map((o) => [o.name, o.deps]));
  });

  it("W tokens split the backward into input and weight gradients", () => {
    const dag = customSchedule({
      stages: 1,
      microbatches: 2,
      order: [["F0", "B0", "F1", "B1", "W0", "W1"]],
    });
    expect(dag.ops.map((o) => o.kind)).toEqual([
      "forward",
      "backward-input",
      "forward",
      "backward-input",
      "backward-weight",
      "backward-weight",
    ]);
  });

  it("chunks are written F<m>.<chunk>", () => {
    const dag = customSchedule({
      stages: 1,
      microbatches: 1,
      chunks: 2,
      order: [["F0.0", "F0.1", "B0.1", "B0.0"]],
    });
    expect(dag.ops.map((o) => o.name)).toEqual([
      "F s0 c0 m0",
      "F s0 c1 m0",
      "B s0 c1 m0",
      "B s0 c0 m0",
    ]);
  });

  it("reports a stage order that contradicts the pipeline as a cycle, naming its ops", () => {
    const e = inputError(() =>
      customSchedule({
        stages: 2,
        microbatches: 2,
        file: "sched.yaml",
        order: [
          ["F0", "B0", "F1", "B1"],
          ["F1", "F0", "B0", "B1"],
        ],
      }),
    );
    expect(e.code).toBe("VALUE");
    expect(e.message).toContain("sched.yaml: order: stage orders contradict");
    for (const name of ["F s1 m1", "F s1 m0", "B s1 m0", "B s0 m0", "F s0 m1"]) {
      expect(e.message).toContain(name);
    }
    expect(e.message).toMatch(/(\S+ s\d m\d)( -> \S+ s\d m\d)+/);
  });

  it("reports missing, duplicated, unknown and out-of-range ops with their place", () => {
    const e = inputError(() =>
      customSchedule({
        stages: 2,
        microbatches: 2,
        order: [
          ["F0", "F0", "B0", "X1"],
          ["F0", "B0", "F1", "B1", "F7"],
        ],
      }),
    );
    expect(e.message).toContain(
      "order[0][1]: 'F0' appears twice on stage 0 (first at order[0][0])",
    );
    expect(e.message).toContain("order[0][3]: unknown op 'X1'");
    expect(e.message).toContain("order[0]: stage 0 is missing F1, B1");
    expect(e.message).toContain("order[1][4]: 'F7': microbatch must be < 2");
  });

  it("needs one list per stage", () => {
    expect(() => customSchedule({ stages: 3, microbatches: 1, order: [["F0", "B0"]] })).toThrow(
      /order: needs one list per stage \(3\), got 1/,
    );
  });
});
