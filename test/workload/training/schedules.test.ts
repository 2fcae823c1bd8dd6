import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/input/input-error.js";
import type { TrainingDag } from "../../../src/workload/training/dag.js";
import {
  checkDag,
  gpipeSchedule,
  interleaved1F1BSchedule,
  oneFOneBSchedule,
  zbH1Schedule,
} from "../../../src/workload/training/index.js";
import { stageOps, stageTokens } from "./helpers.js";

const S = 4;
const M = 8;
const all: [string, TrainingDag, Record<string, number>][] = [
  ["gpipe", gpipeSchedule({ stages: S, microbatches: M }), { forward: M, backward: M }],
  ["1f1b", oneFOneBSchedule({ stages: S, microbatches: M }), { forward: M, backward: M }],
  [
    "interleaved v=2",
    interleaved1F1BSchedule({ stages: S, microbatches: M, chunks: 2 }),
    { forward: 2 * M, backward: 2 * M },
  ],
  [
    "zb-h1",
    zbH1Schedule({ stages: S, microbatches: M }),
    { forward: M, "backward-input": M, "backward-weight": M },
  ],
];

/** The op of a stage with this letter, microbatch and chunk. */
function find(dag: TrainingDag, letter: string, stage: number, m: number, chunk = 0) {
  const op = dag.ops.find(
    (o) => o.name[0] === letter && o.stage === stage && o.microbatch === m && o.chunk === chunk,
  );
  if (op === undefined) throw new Error(`no ${letter} s${stage} c${chunk} m${m}`);
  return op;
}

describe("schedule structure", () => {
  it.each(all)("%s: op counts per stage and kind", (_name, dag, perStage) => {
    checkDag(dag);
    const total = Object.values(perStage).reduce((a, b) => a + b, 0);
    expect(dag.ops.length).toBe(S * total);
    for (let s = 0; s < S; s++) {
      const ops = stageOps(dag, s);
      for (const [kind, count] of Object.entries(perStage)) {
        expect(ops.filter((o) => o.kind === kind).length).toBe(count);
      }
    }
  });

  it.each(all)("%s: each stage's ops are chained in id order", (_name, dag) => {
    for (let s = 0; s < S; s++) {
      const ops = stageOps(dag, s);
      ops.slice(1).forEach((op, i) => expect(op.deps).toContain((ops[i] as { id: number }).id));
    }
  });

  it.each(all)("%s: forwards flow down the pipeline, backwards flow up", (_name, dag) => {
    const chunks = Math.max(...dag.ops.map((o) => o.chunk)) + 1;
    const V = chunks * S;
    for (let m = 0; m < M; m++) {
      for (let v = 0; v < V; v++) {
        const [c, s] = [Math.floor(v / S), v % S];
        const f = find(dag, "F", s, m, c);
        const b = find(dag, "B", s, m, c);
        if (v > 0)
          expect(f.deps).toContain(find(dag, "F", (v - 1) % S, m, Math.floor((v - 1) / S)).id);
        if (v === V - 1) expect(b.deps).toContain(f.id);
        else expect(b.deps).toContain(find(dag, "B", (v + 1) % S, m, Math.floor((v + 1) / S)).id);
      }
    }
  });

  it("1F1B for S=8, M=12 is Perseus' order: stage 0 warms up with 7 forwards", () => {
    const dag = oneFOneBSchedule({ stages: 8, microbatches: 12 });
    expect(stageTokens(dag, 0)).toBe(
      "F0 F1 F2 F3 F4 F5 F6 F7 B0 F8 B1 F9 B2 F10 B3 F11 B4 B5 B6 B7 B8 B9 B10 B11",
    );
    expect(stageTokens(dag, 7)).toBe(
      "F0 B0 F1 B1 F2 B2 F3 B3 F4 B4 F5 B5 F6 B6 F7 B7 F8 B8 F9 B9 F10 B10 F11 B11",
    );
    for (let s = 0; s < 8; s++) {
      const tokens = stageTokens(dag, s).split(" ");
      // min(S-s-1, M) warm-up forwards, then the first backward after one more forward.
      expect(tokens.indexOf("B0")).toBe(Math.min(8 - s - 1, 12) + 1);
    }
    expect(dag.ops[0]?.name).toBe("F s0 m0");
    expect(find(dag, "F", 3, 5).deps).toEqual([find(dag, "F", 2, 5).id, find(dag, "B", 3, 0).id]);
  });

  it("1F1B with fewer microbatches than stages warms up with all of them (min(S-s-1, M))", () => {
    const dag = oneFOneBSchedule({ stages: 8, microbatches: 3 });
    expect(stageTokens(dag, 0)).toBe("F0 F1 F2 B0 B1 B2");
    expect(stageTokens(dag, 6)).toBe("F0 F1 B0 F2 B1 B2");
  });

  it("GPipe runs all forwards, then all backwards from the last microbatch", () => {
    expect(stageTokens(gpipeSchedule({ stages: 2, microbatches: 3 }), 1)).toBe("F0 F1 F2 B2 B1 B0");
  });

  it("interleaved 1F1B follows Megatron's warm-up and chunk order", () => {
    const dag = interleaved1F1BSchedule({ stages: 4, microbatches: 8, chunks: 2 });
    // Stage 0 warms up with (4-0-1) x 2 + (2-1) x 4 = 10 forwards.
    expect(stageTokens(dag, 0, true).split(" ").slice(0, 12).join(" ")).toBe(
      "F0.0 F1.0 F2.0 F3.0 F0.1 F1.1 F2.1 F3.1 F4.0 F5.0 F6.0 B0.1",
    );
    // The last stage: (2-1) x 4 = 4 warm-up forwards; its first backward is chunk 1's.
    expect(stageTokens(dag, 3, true).split(" ").slice(0, 6).join(" ")).toBe(
      "F0.0 F1.0 F2.0 F3.0 F0.1 B0.1",
    );
    // Chunk 1 of stage 0 takes its input from chunk 0 of the last stage.
    expect(find(dag, "F", 0, 2, 1).deps).toContain(find(dag, "F", 3, 2, 0).id);
    expect(dag.schedule).toBe("interleaved-1f1b-v2");
  });

  it("ZB-H1 keeps at most S microbatches in flight per stage and defers s weight gradients", () => {
    const dag = zbH1Schedule({ stages: 4, microbatches: 8 });
    expect(stageTokens(dag, 0)).toMatch(/^F0 F1 F2 F3 B0 W0 F4 B1 W1/);
    expect(stageTokens(dag, 3)).toMatch(/^F0 B0 F1 B1 F2 B2 F3 B3 W0 F4 B4 W1/);
    for (let s = 0; s < 4; s++) {
      let inFlight = 0;
      let peak = 0;
      for (const op of stageOps(dag, s)) {
        if (op.kind === "forward") inFlight++;
        if (op.kind === "backward-weight") inFlight--;
        peak = Math.max(peak, inFlight);
      }
      expect(peak).toBeLessThanOrEqual(4);
      expect(find(dag, "W", s, 5).deps).toContain(find(dag, "B", s, 5).id);
    }
  });
});

describe("schedules reject shapes they cannot run", () => {
  it("interleaved needs M a multiple of S, and M >= S", () => {
    expect(() => interleaved1F1BSchedule({ stages: 4, microbatches: 6, chunks: 2 })).toThrow(
      /microbatches: must be a multiple of stages \(4\).*got 6/,
    );
    expect(() => interleaved1F1BSchedule({ stages: 4, microbatches: 2, chunks: 2 })).toThrow(
      InputError,
    );
    expect(() => interleaved1F1BSchedule({ stages: 4, microbatches: 8, chunks: 0 })).toThrow(
      /chunks: must be a positive integer/,
    );
  });

  it.each([
    ["gpipe", gpipeSchedule],
    ["1f1b", oneFOneBSchedule],
    ["zb-h1", zbH1Schedule],
  ])("%s needs at least one microbatch and one stage", (_name, build) => {
    expect(() => build({ stages: 4, microbatches: 0 })).toThrow(
      /microbatches: must be a positive integer, got 0/,
    );
    expect(() => build({ stages: 1.5, microbatches: 4 })).toThrow(
      /stages: must be a positive integer/,
    );
  });
});
