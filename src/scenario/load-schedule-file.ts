/**
 * A custom pipeline schedule file (YAML or JSON): `order:` with one op list per stage, e.g.
 *   order:
 *     - [F0, F1, B0, F2, B1, B2]
 *     - [F0, B0, F1, B1, F2, B2]
 * and optionally `chunks:` for schedules with model chunks ("F3.1").
 */
import { InputError } from "../input/input-error.js";
import { loadYamlFile } from "../input/load-yaml.js";
import { validateWithSchema } from "../input/schema-errors.js";

export const scheduleFileSchema = {
  type: "object",
  additionalProperties: false,
  required: ["order"],
  properties: {
    chunks: { type: "integer", minimum: 1 },
    order: {
      type: "array",
      minItems: 1,
      items: { type: "array", items: { type: "string", pattern: "^[FBW][0-9]+([.][0-9]+)?$" } },
    },
  },
} as const;

export interface ScheduleFile {
  order: string[][];
  chunks?: number;
  file: string;
}

/**
 * Largest schedule file (bytes): a machine-written list of ops, ~10 bytes each, so 4 MiB holds
 * ~400k ops (20x the frontier planner's limit) and still parses in a few seconds.
 */
const MAX_SCHEDULE_FILE_BYTES = 4 * 1024 * 1024;

export function loadScheduleFile(file: string): ScheduleFile {
  const loaded = loadYamlFile(file, undefined, file, MAX_SCHEDULE_FILE_BYTES);
  const errors = validateWithSchema(loaded.value, scheduleFileSchema, (p, o) =>
    loaded.locate(p, o),
  );
  if (errors.length > 0) throw InputError.combine(errors);
  const doc = loaded.value as { order: string[][]; chunks?: number };
  return { order: doc.order, chunks: doc.chunks, file };
}
