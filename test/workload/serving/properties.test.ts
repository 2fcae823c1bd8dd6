/**
 * Property: any mutation of a valid trace file (characters inserted, deleted or replaced, lines
 * duplicated or swapped), loaded with random options, ends in a well-formed Trace or an
 * InputError - never another exception.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/input/input-error.js";
import {
  applyTraceOptions,
  inferTraceFormat,
  parseTrace,
  syntheticTrace,
  type LengthDist,
  type SyntheticSpec,
  type Trace,
  type TraceFormat,
  type TraceOptions,
} from "../../../src/workload/serving/index.js";

const SEEDS: Record<TraceFormat, string> = {
  azure:
    "TIMESTAMP,ContextTokens,GeneratedTokens\r\n" +
    "2023-11-16 18:15:46.6805900,374,44\r\n" +
    "2023-11-16 18:15:50.9951690,396,109\r\n" +
    "2023-11-16 18:15:51.2224670,879,55\r\n" +
    "2023-11-16 18:15:51.3910170,91,16",
  csv: "arrival_s,input_tokens,output_tokens\n0,100,10\n0.5,2000,1\n1.25,30,300\n1.25,4,4\n",
  mooncake:
    '{"timestamp": 0, "input_length": 6955, "output_length": 52, "hash_ids": [1, 2]}\n' +
    '{"timestamp": 3052, "input_length": 6472, "output_length": 26, "hash_ids": [3]}\n' +
    '{"timestamp": 3052, "input_length": 10, "output_length": 1, "hash_ids": []}\n',
};

const CHARS = fc.constantFrom(
  ...'0123456789,.-+:eE \r\n"x{}[]TZ\ufeff'.split(""),
  "1e400",
  "NaN",
  "-0",
);

type Mutation =
  | { op: "insert"; at: number; s: string }
  | { op: "delete"; at: number; n: number }
  | { op: "replace"; at: number; s: string }
  | { op: "dupLine"; at: number }
  | { op: "swapLines"; a: number; b: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), s: CHARS }),
  fc.record({
    op: fc.constant("delete" as const),
    at: fc.nat(),
    n: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ op: fc.constant("replace" as const), at: fc.nat(), s: CHARS }),
  fc.record({ op: fc.constant("dupLine" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("swapLines" as const), a: fc.nat(), b: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  switch (m.op) {
    case "insert": {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.s + text.slice(i);
    }
    case "delete": {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + text.slice(i + m.n);
    }
    case "replace": {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.s + text.slice(i + 1);
    }
    case "dupLine": {
      const i = m.at % lines.length;
      lines.splice(i, 0, lines[i] as string);
      return lines.join("\n");
    }
    case "swapLines": {
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      return lines.join("\n");
    }
  }
}

const options: fc.Arbitrary<TraceOptions> = fc.record(
  {
    window: fc.record(
      {
        startS: fc.double({ min: -1, max: 10, noNaN: true }),
        endS: fc.double({ min: -1, max: 10 }),
      },
      { requiredKeys: [] },
    ),
    rateScale: fc.double({ min: -1, max: 10 }),
    limit: fc.integer({ min: -1, max: 6 }),
    maxContextTokens: fc.integer({ min: -1, max: 8000 }),
    onTooLong: fc.constantFrom("reject" as const, "skip" as const),
  },
  { requiredKeys: [] },
);

function checkTrace(t: Trace): void {
  let prev = 0;
  t.requests.forEach((r, i) => {
    expect(r.id).toBe(i);
    expect(Number.isFinite(r.arrivalS) && r.arrivalS >= prev).toBe(true);
    expect(Number.isSafeInteger(r.inputTokens) && r.inputTokens >= 1).toBe(true);
    expect(Number.isSafeInteger(r.outputTokens) && r.outputTokens >= 1).toBe(true);
    prev = r.arrivalS;
  });
}

describe("trace loaders never crash", () => {
  it.each(Object.keys(SEEDS) as TraceFormat[])(
    "%s: mutated text -> Trace or InputError",
    (format) => {
      fc.assert(
        fc.property(
          fc.array(mutation, { minLength: 1, maxLength: 6 }),
          options,
          fc.boolean(),
          (ms, opts, infer) => {
            const text = ms.reduce(mutate, SEEDS[format]);
            try {
              const fmt = infer ? inferTraceFormat("t.txt", text) : format;
              const t = applyTraceOptions(parseTrace(text, "t.txt", fmt), opts);
              checkTrace(t);
              expect(t.requests.length).toBeGreaterThan(0);
            } catch (e) {
              if (!(e instanceof InputError)) throw e;
              expect(e.message).not.toBe("");
            }
          },
        ),
        { numRuns: 400 },
      );
    },
  );
});

const num = fc.oneof(fc.double({ min: -10, max: 1e6 }), fc.constantFrom(0, 1, 1e-300, 1e300));
const dist: fc.Arbitrary<LengthDist> = fc.oneof(
  fc.record({ kind: fc.constant("fixed" as const), tokens: num }),
  fc.record({ kind: fc.constant("uniform" as const), min: num, max: num }),
  fc.record({ kind: fc.constant("normal" as const), mean: num, sd: num }),
  fc.record({ kind: fc.constant("lognormal" as const), median: num, sigma: num }),
);
const spec: fc.Arbitrary<SyntheticSpec> = fc.record(
  {
    seed: fc.oneof(fc.integer(), fc.string()),
    arrivals: fc.oneof(
      fc.record({ kind: fc.constant("poisson" as const), ratePerS: num }),
      fc.record({ kind: fc.constant("gamma" as const), ratePerS: num, cv: num }),
      fc.record({ kind: fc.constant("all-at-zero" as const) }),
    ),
    lengths: fc.record({ input: dist, output: dist }),
    count: fc.integer({ min: -1, max: 300 }),
    durationS: fc.oneof(num, fc.constant(undefined)),
  },
  { requiredKeys: ["seed", "arrivals", "lengths"] },
);

describe("synthetic traces never crash", () => {
  it("random specs -> Trace or InputError", () => {
    fc.assert(
      fc.property(spec, (s) => {
        try {
          checkTrace(syntheticTrace(s));
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});
