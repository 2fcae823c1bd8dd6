/**
 * A schedule written out by hand: one op list per stage, e.g. ["F0", "F1", "B0", "F2", "B1"].
 * Tokens are F<m>, B<m> and W<m> (W splits the backward as in zero-bubble schedules: then every
 * B is an input-gradient op and every microbatch needs a W), with ".<chunk>" for schedules
 * with model chunks ("F3.1"). The cross-stage edges are build-dag's; a stage order that
 * contradicts them is a cycle, reported with the ops on it.
 */
import { InputError } from "../../input/input-error.js";
import { checkPositiveInteger } from "../model/validate.js";
import { dagFromOrders, type Slot } from "./build-dag.js";
import type { TrainingDag } from "./dag.js";
import { checkShape, type ScheduleShape } from "./schedule-shape.js";
import { describeCycle, findCycle } from "./validate-dag.js";

export interface CustomScheduleInput extends ScheduleShape {
  /** Model chunks per stage; default 1. */
  chunks?: number;
  /** One token list per stage, in the order the stage runs them. */
  order: readonly (readonly string[])[];
  /** Schedule name in the DAG; default "custom". */
  name?: string;
  /** File the schedule came from, for messages. */
  file?: string;
}

const TOKEN = /^([FBW])(\d+)(?:\.(\d+))?$/;
const MAX_LISTED = 8;

export function customSchedule(input: CustomScheduleInput): TrainingDag {
  const { stages, microbatches: m } = checkShape(input);
  const chunks = checkPositiveInteger("chunks", input.chunks ?? 1);
  const errors: InputError[] = [];
  const fail = (path: string, detail: string): void => {
    errors.push(new InputError(detail, { code: "VALUE", path, file: input.file }));
  };
  if (input.order.length !== stages) {
    fail("order", `needs one list per stage (${stages}), got ${input.order.length}`);
    throw InputError.combine(errors);
  }
  const split = input.order.some((list) => list.some((t) => t.trim().startsWith("W")));
  const letters = split ? ["F", "B", "W"] : ["F", "B"];
  const orders: Slot[][] = input.order.map((list, s) => {
    const seen = new Map<string, number>();
    const slots: Slot[] = [];
    list.forEach((raw, i) => {
      const token = raw.trim();
      const path = `order[${s}][${i}]`;
      const match = TOKEN.exec(token);
      if (match === null) {
        fail(path, `unknown op '${raw}' (want F<m>, B<m> or W<m>, optionally .<chunk>)`);
        return;
      }
      const [, letter, mb, ck] = match as unknown as [string, "F" | "B" | "W", string, string?];
      const microbatch = Number(mb);
      const chunk = ck === undefined ? 0 : Number(ck);
      if (microbatch >= m) return fail(path, `'${token}': microbatch must be < ${m}`);
      if (chunk >= chunks) return fail(path, `'${token}': chunk must be < ${chunks}`);
      const key = `${letter}${microbatch}.${chunk}`;
      const first = seen.get(key);
      if (first !== undefined) {
        return fail(
          path,
          `'${token}' appears twice on stage ${s} (first at order[${s}][${first}])`,
        );
      }
      seen.set(key, i);
      const kind =
        letter === "F"
          ? "forward"
          : letter === "W"
            ? "backward-weight"
            : split
              ? "backward-input"
              : "backward";
      slots.push({ kind, microbatch, chunk });
    });
    const missing: string[] = [];
    for (let c = 0; c < chunks; c++) {
      for (let mb = 0; mb < m; mb++) {
        for (const l of letters) {
          if (!seen.has(`${l}${mb}.${c}`))
            missing.push(chunks > 1 ? `${l}${mb}.${c}` : `${l}${mb}`);
        }
      }
    }
    if (missing.length > 0) {
      const shown = missing.slice(0, MAX_LISTED).join(", ");
      const more = missing.length > MAX_LISTED ? ` and ${missing.length - MAX_LISTED} more` : "";
      fail(`order[${s}]`, `stage ${s} is missing ${shown}${more} (every op must appear once)`);
    }
    return slots;
  });
  if (errors.length > 0) throw InputError.combine(errors);
  const dag = dagFromOrders(input.name ?? "custom", stages, m, orders);
  const cycle = findCycle(dag);
  if (cycle !== undefined) {
    throw new InputError(
      `stage orders contradict the pipeline's dependencies, so no op on this cycle can start: ${describeCycle(dag, cycle)}`,
      { code: "VALUE", path: "order", file: input.file },
    );
  }
  return dag;
}
