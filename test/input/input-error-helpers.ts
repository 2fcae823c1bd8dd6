/** Test helpers for code that must refuse bad input with an InputError. */
import { InputError } from "../../src/input/input-error.js";

/** Run `fn`, expect an InputError, return it. */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}
