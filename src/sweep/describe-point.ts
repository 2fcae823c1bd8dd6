/** A point's axis values as one line for messages: `hardware=h200, engine.maxNumSeqs=64`. */
import { canonicalJson } from "./canonical-json.js";

export function describePoint(axes: readonly string[], values: Record<string, unknown>): string {
  return axes
    .map((a) => {
      const v = values[a];
      return `${a}=${typeof v === "string" ? v : canonicalJson(v)}`;
    })
    .join(", ");
}
