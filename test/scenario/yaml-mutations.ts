/**
 * Random edits of a YAML text for property tests: cut a span, insert a token that means
 * something to scenarios (or noise), copy a line over another, or replace a number.
 */
import fc from "fast-check";

export type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "line"; from: number; to: number }
  | { kind: "number"; nth: number; value: string };

export function mutationArb(tokens: readonly string[]): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({
      kind: fc.constant("delete" as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 12 }),
    }),
    fc.record({
      kind: fc.constant("insert" as const),
      at: fc.nat(),
      text: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 })),
    }),
    fc.record({ kind: fc.constant("line" as const), from: fc.nat(), to: fc.nat() }),
    fc.record({
      kind: fc.constant("number" as const),
      nth: fc.nat(),
      value: fc.oneof(
        fc.integer({ min: -5, max: 5000 }).map(String),
        fc.double({ noNaN: true }).map(String),
        fc.constantFrom("0", "1e-9", "1e308", "-0", "0x10", "1_000", "345", "1980", "200"),
      ),
    }),
  );
}

export function applyMutation(text: string, m: Mutation): string {
  const at =
    text.length === 0 ? 0 : m.kind === "delete" || m.kind === "insert" ? m.at % text.length : 0;
  switch (m.kind) {
    case "delete":
      return text.slice(0, at) + text.slice(at + m.length);
    case "insert":
      return text.slice(0, at) + m.text + text.slice(at);
    case "line": {
      // Copy one line over another (duplicate keys, keys at the wrong level, lost fields).
      const ls = text.split("\n");
      const from = ls[m.from % ls.length] ?? "";
      ls[m.to % ls.length] = from;
      return ls.join("\n");
    }
    case "number": {
      const numbers = [...text.matchAll(/\d+(\.\d+)?/g)];
      const hit = numbers[m.nth % Math.max(1, numbers.length)];
      if (hit?.index === undefined) return text;
      return text.slice(0, hit.index) + m.value + text.slice(hit.index + hit[0].length);
    }
  }
}
