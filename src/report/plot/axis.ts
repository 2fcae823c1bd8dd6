/**
 * A plot axis: its label and the base unit of its values. Values are drawn in one unit picked
 * for the largest of them (ms, kJ, ...), and the title names it: "itlS.p50 (ms)".
 */
import { unitFor, type BaseUnit, type ScaledUnit } from "../quantity.js";

export interface AxisSpec {
  label: string;
  /** Values are in this SI base unit; absent: unitless, drawn as they are. */
  base?: BaseUnit;
  /** Shown when there is no base unit (e.g. "tok/s"). */
  unit?: string;
}

export interface ScaledAxis {
  title: string;
  scale: (x: number) => number;
  unit?: ScaledUnit;
}

export function scaledAxis(axis: AxisSpec, values: readonly number[]): ScaledAxis {
  if (axis.base === undefined) {
    return {
      title: axis.unit ? `${axis.label} (${axis.unit})` : axis.label,
      scale: (x) => x,
    };
  }
  const largest = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  const unit = unitFor(axis.base, largest);
  // Rounded to 6 significant digits so the spec (and the SVG) does not carry float noise.
  return {
    title: `${axis.label} (${unit.unit})`,
    scale: (x) => Number((x / unit.factor).toPrecision(6)),
    unit,
  };
}
