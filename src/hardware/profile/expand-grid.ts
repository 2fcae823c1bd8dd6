/**
 * Expand a clock grid (`{min, max, step}`, `{values}` or `{fixed}`) into its ascending list of
 * clocks and its default, checking what JSON Schema cannot: min <= max, whole steps, default on
 * the grid.
 */
import type { GridDoc } from "./profile-doc.js";

/** Most levels a `{min, max, step}` grid may expand to. */
export const MAX_GRID_LEVELS = 100_000;

/**
 * A grid's clocks, ascending, and its default (the maximum unless stated). Problems are passed to
 * `fail` and a usable stand-in is returned so that later checks still run.
 */
export function expandGrid(
  g: GridDoc,
  path: string,
  fail: (path: string, detail: string) => void,
): { values: number[]; defaultMHz: number } {
  let values: number[];
  let describe: string;
  if (g.fixed !== undefined) {
    values = [g.fixed];
    describe = `fixed ${g.fixed} MHz`;
  } else if (g.values !== undefined) {
    values = [...g.values].sort((a, b) => a - b);
    const dup = values.find((v, i) => i > 0 && values[i - 1] === v);
    if (dup !== undefined) fail(`${path}.values`, `lists ${dup} MHz more than once`);
    values = values.filter((v, i) => i === 0 || values[i - 1] !== v);
    describe = `one of ${values.join(", ")} MHz`;
  } else {
    const min = g.min ?? 0;
    const max = g.max ?? 0;
    const step = g.step ?? 1;
    describe = `${min}-${max} MHz in steps of ${step}`;
    const span = (max - min) / step;
    const levels = Math.round(span);
    if (min > max) {
      fail(`${path}.max`, `must be >= min (${min} MHz), got ${max} MHz`);
      values = [min];
    } else if (!(Math.abs(min + levels * step - max) <= 1e-9 * Math.max(1, max))) {
      fail(
        `${path}.step`,
        `max - min (${max - min} MHz) must be a whole number of ${step} MHz steps`,
      );
      values = [min, max];
    } else if (levels + 1 > MAX_GRID_LEVELS) {
      fail(
        `${path}.step`,
        `gives ${levels + 1} clock levels; at most ${MAX_GRID_LEVELS} are allowed`,
      );
      values = [min, max];
    } else {
      values = Array.from({ length: levels + 1 }, (_, i) => roundClock(min + i * step));
      values[values.length - 1] = max;
    }
  }
  const top = values[values.length - 1] ?? 0;
  if (g.default === undefined) return { values, defaultMHz: top };
  const want = g.default;
  const onGrid = values.find((v) => Math.abs(v - want) <= 1e-9 * top);
  if (onGrid === undefined) fail(`${path}.default`, `${want} MHz is not on the grid (${describe})`);
  return { values, defaultMHz: onGrid ?? want };
}

function roundClock(mhz: number): number {
  return Math.round(mhz * 1e9) / 1e9;
}
