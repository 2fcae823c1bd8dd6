/**
 * Write fitted figures into a profile YAML in place: each fitted quantity gets its new value,
 * `source: fit` and a `ref` naming the command that produced it. Comments and the rest of the
 * file are kept (the yaml package edits the document, not a re-dump of the data).
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { writeFileAtomic } from "../../report/atomic-write.js";
import { InputError } from "../../scenario/input-error.js";

export interface FittedFigure {
  /** Dotted path of the quantity in the profile, e.g. "power.dynamicW". */
  path: string;
  value: number;
}

/** Five significant digits: finer than any measurement behind the fit. */
export function roundFitted(value: number): number {
  return Number(value.toPrecision(5));
}

export function writeFittedProfile(
  file: string,
  figures: readonly FittedFigure[],
  ref: string,
): void {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError((e as Error).message, { file, code: "FILE" });
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new InputError(`cannot edit: ${doc.errors[0]?.message ?? "YAML error"}`, {
      file,
      code: "YAML_SYNTAX",
    });
  }
  for (const f of figures) {
    const at = f.path.split(".");
    doc.setIn([...at, "value"], roundFitted(f.value));
    doc.setIn([...at, "source"], "fit");
    doc.setIn([...at, "ref"], ref);
  }
  writeFileAtomic(file, doc.toString({ lineWidth: 0 }));
}
