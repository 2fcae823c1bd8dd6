/**
 * Fitted figures edited into a profile YAML's text: each fitted quantity gets its new value,
 * `source: fit` and a `ref` naming the command that produced it. Comments and the rest of the
 * file are kept (the yaml package edits the document, not a re-dump of the data). Writing the
 * result is the caller's (the CLI's) job: hardware/ reads profiles but never writes files.
 */
import { parseDocument } from "yaml";
import { InputError } from "../../input/input-error.js";

export interface FittedFigure {
  /** Dotted path of the quantity in the profile, e.g. "power.dynamicW". */
  path: string;
  value: number;
}

/** Five significant digits: finer than any measurement behind the fit. */
export function roundFitted(value: number): number {
  return Number(value.toPrecision(5));
}

/** `text` (the profile YAML read from `file`) with `figures` written in. */
export function fittedProfileText(
  text: string,
  file: string,
  figures: readonly FittedFigure[],
  ref: string,
): string {
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
  return doc.toString({ lineWidth: 0 });
}
