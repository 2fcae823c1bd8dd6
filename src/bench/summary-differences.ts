/**
 * Where a run's summary differs from its golden: numbers agree to 1e-9 relative (absolute below
 * 1), object keys must match in order, everything else exactly. Shared by the golden tests of the
 * example scenarios and the bench's full-size runs, so both judge a golden the same way.
 */
const REL_TOL = 1e-9;

/** One line per difference, `path: actual vs golden`; empty when the summary matches. */
export function summaryDifferences(actual: unknown, golden: unknown, path = ""): string[] {
  if (typeof golden === "number" && typeof actual === "number") {
    const close = Math.abs(actual - golden) <= REL_TOL * Math.max(1, Math.abs(golden));
    return close || (Number.isNaN(actual) && Number.isNaN(golden))
      ? []
      : [`${path || "."}: ${actual} vs ${golden}`];
  }
  if (golden !== null && typeof golden === "object") {
    if (
      actual === null ||
      typeof actual !== "object" ||
      Array.isArray(actual) !== Array.isArray(golden)
    ) {
      return [
        `${path || "."}: ${JSON.stringify(actual)} vs ${Array.isArray(golden) ? "an array" : "an object"}`,
      ];
    }
    const keys = Object.keys(golden);
    const actualKeys = Object.keys(actual);
    if (actualKeys.join("\n") !== keys.join("\n")) {
      return [`${path || "."}: keys [${actualKeys.join(", ")}] vs [${keys.join(", ")}]`];
    }
    return keys.flatMap((k) =>
      summaryDifferences(
        (actual as Record<string, unknown>)[k],
        (golden as Record<string, unknown>)[k],
        `${path}.${k}`,
      ),
    );
  }
  return Object.is(actual, golden)
    ? []
    : [`${path || "."}: ${JSON.stringify(actual)} vs ${JSON.stringify(golden)}`];
}
