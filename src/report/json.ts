/**
 * JSON text for results: pretty (2 spaces), keys in insertion order, a trailing newline.
 */

/**
 * `value` as pretty JSON plus "\n". Keys keep insertion order (so equal inputs give equal bytes);
 * NaN and infinities become null, as do undefined and functions at the top level. Bigints are
 * written as decimal strings, since JSON numbers cannot hold them exactly.
 */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value, replacer, 2) as string | undefined;
  return `${text ?? "null"}\n`;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  if (typeof value === "bigint") return value.toString();
  return value;
}
