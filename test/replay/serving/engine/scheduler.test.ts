import { describe, expect, it } from "vitest";
import { Batch } from "../../../../src/replay/serving/engine/batch.js";
import { KvCache } from "../../../../src/replay/serving/engine/kv-cache.js";
import {
  IterationScheduler,
  type SchedulerConfig,
} from "../../../../src/replay/serving/engine/scheduler.js";
import { Sequence } from "../../../../src/replay/serving/engine/sequence.js";

function setup(config: Partial<SchedulerConfig>, blocks = 10_000) {
  const kv = new KvCache(blocks, 16);
  const s = new IterationScheduler(
    { maxNumSeqs: 256, maxNumBatchedTokens: 8192, chunkedPrefill: true, ...config },
    kv,
  );
  const batch = new Batch();
  const emitted: Sequence[] = [];
  const finished: Sequence[] = [];
  const add = (id: number, input: number, output: number) => {
    const seq = new Sequence({ id, arrivalS: 0, inputTokens: input, outputTokens: output });
    s.add(seq);
    return seq;
  };
  /** Schedules and completes one iteration; returns its composition. */
  const step = () => {
    if (!s.schedule(batch)) return undefined;
    const view = batch.view();
    s.complete(batch, emitted, finished);
    return { ...view, finished: finished.map((f) => f.request.id) };
  };
  return { s, kv, add, step };
}

describe("IterationScheduler", () => {
  it("chunks prompts to the token budget and admits in arrival order behind a partial prefill", () => {
    const { add, step } = setup({ maxNumBatchedTokens: 100 });
    add(0, 250, 3);
    add(1, 30, 2);
    expect(step()?.prefill).toEqual([
      { requestId: 0, tokens: 100, contextTokens: 0, finishing: false },
    ]);
    expect(step()?.prefill).toEqual([
      { requestId: 0, tokens: 100, contextTokens: 100, finishing: false },
    ]);
    const third = step();
    expect(third?.prefill).toEqual([
      { requestId: 0, tokens: 50, contextTokens: 200, finishing: true },
      { requestId: 1, tokens: 30, contextTokens: 0, finishing: true },
    ]);
    expect(third?.emitting).toEqual([0, 1]);
    // Then one decode token each; the context counts the token being decoded.
    expect(step()).toMatchObject({ prefill: [], decodeContexts: [251, 31], finished: [1] });
    expect(step()).toMatchObject({ decodeContexts: [252], finished: [0] });
    expect(step()).toBeUndefined();
  });

  it("schedules the running decodes first, then new prompts with the remaining budget", () => {
    const { add, step } = setup({ maxNumBatchedTokens: 64 });
    add(0, 10, 5);
    add(1, 10, 5);
    step();
    add(2, 100, 1);
    const it = step();
    expect(it?.decodeContexts).toEqual([11, 11]);
    expect(it?.prefill).toEqual([{ requestId: 2, tokens: 62, contextTokens: 0, finishing: false }]);
  });

  it("caps the running sequences at maxNumSeqs", () => {
    const { s, add, step } = setup({ maxNumSeqs: 2 });
    add(0, 10, 5);
    add(1, 10, 5);
    add(2, 10, 5);
    expect(step()?.emitting).toEqual([0, 1]);
    expect(s.waiting.size).toBe(1);
  });

  it("without chunked prefill a prompt waits until the whole of it fits the budget", () => {
    const { add, step } = setup({ maxNumBatchedTokens: 100, chunkedPrefill: false });
    add(0, 60, 2);
    add(1, 60, 2);
    expect(step()?.prefill).toEqual([
      { requestId: 0, tokens: 60, contextTokens: 0, finishing: true },
    ]);
    const second = step();
    expect(second?.decodeContexts).toEqual([61]);
    expect(second?.prefill).toEqual([
      { requestId: 1, tokens: 60, contextTokens: 0, finishing: true },
    ]);
  });

  it("preempts the most recently admitted sequence when a block runs out, and recomputes it", () => {
    // 4 blocks of 16 tokens: two 30-token prompts take 2 blocks each.
    const { s, kv, add, step } = setup({}, 4);
    add(0, 30, 10);
    const b = add(1, 30, 10);
    step(); // both prefilled (2 blocks each), first tokens out
    step(); // decode, contexts 31
    step(); // decode, contexts 32: still 2 blocks each
    expect(kv.freeBlocks).toBe(0);
    // The next decode is A's 33rd token: a third block. B is evicted, keeping its 3 tokens.
    const it = step();
    expect(s.preemptions).toBe(1);
    expect(it?.decodeContexts).toEqual([33]);
    expect(it?.prefill).toEqual([]); // no admission in a step that preempted
    expect(b.numComputed).toBe(0);
    expect(b.generated).toBe(3);
    expect(s.waiting.peek()).toBe(b);
    expect(kv.usedBlocks).toBe(3);
    // B comes back as a 33-token prompt (30 + its 3 tokens) once blocks allow.
    let out = step();
    while (out !== undefined && out.prefill.length === 0) out = step();
    expect(out?.prefill[0]).toMatchObject({ requestId: 1, tokens: 33, contextTokens: 0 });
    while (step() !== undefined);
    expect(b.generated).toBe(10);
    expect(kv.usedBlocks).toBe(0);
  });
});
