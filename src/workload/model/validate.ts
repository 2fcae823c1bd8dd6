/** Input checks that throw an InputError (bad value) naming the offending field. */
import { badValue } from "../../input/input-error.js";

export function checkPositiveInteger(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw badValue(field, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}

export function checkNonNegativeInteger(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw badValue(field, `must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/** `layers` option: the first n transformer layers, 1 <= n <= shape layers. */
export function checkLayers(value: unknown, modelLayers: number): number {
  const n = checkPositiveInteger("layers", value);
  if (n > modelLayers) {
    throw badValue("layers", `must be <= the model's ${modelLayers} layers, got ${n}`);
  }
  return n;
}

/** Tokens a sequence holds after the step must fit the model's context window. */
export function checkContext(field: string, tokens: number, maxContext: number): void {
  if (tokens > maxContext) {
    throw badValue(field, `must be <= maxContext (${maxContext}), got ${tokens}`);
  }
}
