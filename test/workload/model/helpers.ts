/** Sums over op lists for the model tests. */
import type { Op, OpKind } from "../../../src/hardware/op.js";

export function total(
  ops: readonly Op[],
  field: "flops" | "bytes" | "linkBytes",
  keep: (op: Op) => boolean = () => true,
): number {
  let sum = 0;
  for (const op of ops) if (keep(op)) sum += (op[field] ?? 0) * (op.count ?? 1);
  return sum;
}

export const ofKind =
  (...kinds: OpKind[]) =>
  (op: Op): boolean =>
    kinds.includes(op.kind);

/** Executions of ops of a kind (sum of counts). */
export function executions(ops: readonly Op[], kind: OpKind): number {
  return ops.filter((op) => op.kind === kind).reduce((n, op) => n + (op.count ?? 1), 0);
}

export function byName(ops: readonly Op[], name: string): Op {
  const op = ops.find((o) => o.name === name);
  if (op === undefined) throw new Error(`no op ${name} in ${ops.map((o) => o.name).join(", ")}`);
  return op;
}

export function expectClose(actual: number, expected: number, relTol: number): void {
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  if (!(rel <= relTol)) {
    throw new Error(
      `${actual} differs from ${expected} by ${(rel * 100).toFixed(3)}% > ${relTol * 100}%`,
    );
  }
}
