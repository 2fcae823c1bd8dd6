/**
 * Readable quantities for people: a unit scaled to the value (J, kJ, MJ, MWh; ms, s, min; W, kW)
 * and 3-4 significant digits. Files keep SI base units; only terminal text and plots use these.
 */
import { finiteOrThrow } from "./finite-check.js";

/** Base units a quantity can be scaled from. */
export type BaseUnit = "J" | "s" | "W";

export interface ScaledUnit {
  unit: string;
  /** Base units per scaled unit: value in `unit` = base value / factor. */
  factor: number;
}

// Ascending by factor. MWh after GJ would be odd; energy above 3.6 GJ reads best as MWh.
const SCALES: Record<BaseUnit, ScaledUnit[]> = {
  J: [
    { unit: "uJ", factor: 1e-6 },
    { unit: "mJ", factor: 1e-3 },
    { unit: "J", factor: 1 },
    { unit: "kJ", factor: 1e3 },
    { unit: "MJ", factor: 1e6 },
    { unit: "MWh", factor: 3.6e9 },
  ],
  s: [
    { unit: "us", factor: 1e-6 },
    { unit: "ms", factor: 1e-3 },
    { unit: "s", factor: 1 },
    { unit: "min", factor: 60 },
    { unit: "h", factor: 3600 },
  ],
  W: [
    { unit: "mW", factor: 1e-3 },
    { unit: "W", factor: 1 },
    { unit: "kW", factor: 1e3 },
    { unit: "MW", factor: 1e6 },
  ],
};

/** The base unit a metric name ends in (`gpuEnergyJ` -> J, `itlS.p50` -> s), if any. */
export function baseUnitOf(name: string): BaseUnit | undefined {
  const last = name.split(".").find((part) => /(J|S|W)$/.test(part)) ?? "";
  // Rates (throughputTokS, ratePerS) end in S too but are per second, not seconds.
  if (/(Tok|Req|Per)S$/.test(last)) return undefined;
  if (last.endsWith("J")) return "J";
  if (last.endsWith("S")) return "s";
  if (last.endsWith("W")) return "W";
  return undefined;
}

/**
 * The largest unit in which |value| is at least 1 (the smallest unit for tiny values and 0), so
 * a column of values reads in one unit chosen for its largest magnitude.
 */
export function unitFor(base: BaseUnit, magnitude: number): ScaledUnit {
  const scales = SCALES[base];
  let pick = scales.find((s) => s.unit === base) as ScaledUnit;
  const m = Math.abs(magnitude);
  if (!Number.isFinite(m)) return pick;
  pick = scales[0] as ScaledUnit;
  for (const s of scales) if (m >= s.factor) pick = s;
  return pick;
}

/** `x` in `unit` with `significant` digits for its own magnitude, e.g. `6.354`, `504.2`. */
export function formatScaled(x: number, unit: ScaledUnit, significant = 4): string {
  finiteOrThrow(x, `a quantity to print in ${unit.unit}`);
  const v = x / unit.factor;
  if (v === 0) return "0";
  const digits = Math.max(0, significant - 1 - Math.floor(Math.log10(Math.abs(v))));
  return v.toFixed(Math.min(digits, 6));
}

/**
 * A metric's value by its name: with the unit its name ends in (`formatMetric("itlS.p50", 0.0089)`
 * -> `8.900 ms`), else to 4 significant digits (`costUsdPerDay` 1234.56 -> `1235`).
 */
export function formatMetric(name: string, x: number): string {
  const base = baseUnitOf(name);
  return base === undefined ? Number(x.toPrecision(4)).toString() : formatQuantity(x, base);
}

/** `x` (base units) with its own unit: `formatQuantity(6354094.73, "J")` -> `6.354 MJ`. */
export function formatQuantity(x: number, base: BaseUnit, significant = 4): string {
  const unit = unitFor(base, x);
  return `${formatScaled(x, unit, significant)} ${unit.unit}`;
}
