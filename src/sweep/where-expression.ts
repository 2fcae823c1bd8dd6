/**
 * The small expression language of a sweep's `where:` filters, e.g.
 * `cluster.tp * cluster.replicas <= 8 and hardware != 'a100-sxm'`: numbers, quoted strings,
 * true/false, dotted field names of the point's document, + - * / %, comparisons, and/or/not,
 * parentheses. Parsed once into a closure tree, never evaluated as JavaScript.
 */
import { badValue } from "../input/input-error.js";

type Value = number | string | boolean | null;
export type Lookup = (name: string) => unknown;
export type Predicate = (lookup: Lookup) => boolean;
type Node = (lookup: Lookup) => Value;

const TOKEN =
  /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|'([^']*)'|"([^"]*)"|([A-Za-z_][\w.[\]]*)|(<=|>=|==|!=|&&|\|\||[-+*/%<>()!]))/y;

interface Token {
  kind: "num" | "str" | "name" | "op";
  text: string;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (m === null) throw badValue("", `cannot read '${text.slice(at).trim()}' in '${text}'`);
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ kind: "num", text: m[1] });
    else if (m[2] !== undefined || m[3] !== undefined)
      out.push({ kind: "str", text: m[2] ?? m[3] ?? "" });
    else if (m[4] !== undefined) out.push({ kind: "name", text: m[4] });
    else out.push({ kind: "op", text: m[5] ?? "" });
  }
  return out;
}

const WORD_OPS: Record<string, string> = { and: "&&", or: "||", not: "!" };

/** Compile `text`; throws an InputError (no position: the caller places it) when it is not valid. */
export function compileWhere(text: string): Predicate {
  const tokens = tokenize(text).map((t) =>
    t.kind === "name" && WORD_OPS[t.text] !== undefined
      ? { kind: "op" as const, text: WORD_OPS[t.text]! }
      : t,
  );
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (...ops: string[]) => peek()?.kind === "op" && ops.includes(peek()!.text);
  const fail = (why: string): never => {
    throw badValue("", `${why} in '${text}'`);
  };

  const binary = (next: () => Node, ops: string[]): (() => Node) => {
    return () => {
      let left = next();
      while (isOp(...ops)) {
        const op = tokens[pos++]!.text;
        const l = left;
        const r = next();
        // and/or short-circuit, so `a == 1 or b > 2` may name a field only some points set.
        left =
          op === "&&"
            ? (v) => truthy(l(v)) && truthy(r(v))
            : op === "||"
              ? (v) => truthy(l(v)) || truthy(r(v))
              : (v) => apply(op, l(v), r(v));
      }
      return left;
    };
  };
  const atom = (): Node => {
    const t = tokens[pos++];
    if (t === undefined) return fail("unexpected end");
    if (t.kind === "num") {
      const n = Number(t.text);
      return () => n;
    }
    if (t.kind === "str") return () => t.text;
    if (t.kind === "name") {
      if (t.text === "true" || t.text === "false") {
        const b = t.text === "true";
        return () => b;
      }
      return (lookup) => {
        const v = lookup(t.text);
        if (v === undefined) throw badValue("", `'${t.text}' is not set in this point ('${text}')`);
        if (typeof v === "object" && v !== null) return JSON.stringify(v);
        return v as Value;
      };
    }
    if (t.text === "(") {
      const inner = or();
      if (!isOp(")")) fail("missing ')'");
      pos++;
      return inner;
    }
    if (t.text === "-") {
      const inner = atom();
      return (v) => -num(inner(v));
    }
    if (t.text === "!") {
      const inner = compare();
      return (v) => !truthy(inner(v));
    }
    return fail(`unexpected '${t.text}'`);
  };
  const product = binary(atom, ["*", "/", "%"]);
  const sum = binary(product, ["+", "-"]);
  const compare = binary(sum, ["<", "<=", ">", ">=", "==", "!="]);
  const and = binary(compare, ["&&"]);
  const or = binary(and, ["||"]);
  const root = or();
  if (pos < tokens.length) fail(`unexpected '${tokens[pos]!.text}'`);
  return (lookup) => truthy(root(lookup));
}

function num(v: Value): number {
  if (typeof v !== "number") throw badValue("", `'${String(v)}' is not a number`);
  return v;
}

function truthy(v: Value): boolean {
  return v !== null && v !== false && v !== 0 && v !== "";
}

function apply(op: string, a: Value, b: Value): Value {
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return num(a) < num(b);
    case "<=":
      return num(a) <= num(b);
    case ">":
      return num(a) > num(b);
    case ">=":
      return num(a) >= num(b);
    case "+":
      return num(a) + num(b);
    case "-":
      return num(a) - num(b);
    case "*":
      return num(a) * num(b);
    case "/":
      return num(a) / num(b);
    default:
      return num(a) % num(b);
  }
}
