/**
 * The cost row an op runs at: the plan's clock, or under a power cap the highest clock not
 * above it whose windowed average power fits (the WindowedCapController decides; it prices each
 * candidate clock from the op's rows, so a measured profile needs no power model).
 */
import type { ClockCost } from "../../hardware/cost/cost-at-clock.js";
import type { CapControl } from "./replay-options.js";
import type { DagOp } from "../../workload/training/dag.js";
import { rowAt, type OpChoices } from "./cost/op-costs.js";

export interface OpRow {
  freqMHz: number;
  timeS: number;
  energyJ: number;
  capBound: boolean;
}

function rowCost(c: OpChoices, i: number): ClockCost {
  const timeS = c.timeS[i] as number;
  const energyJ = c.energyJ[i] as number;
  return {
    freqMHz: c.freqMHz[i] as number,
    timeS,
    energyJ,
    avgPowerW: timeS > 0 ? energyJ / timeS : 0,
  };
}

/** True when every row costs the same (transfers): any clock will do. */
function isFlat(c: OpChoices): boolean {
  return c.timeS.every((t) => t === c.timeS[0]) && c.energyJ.every((e) => e === c.energyJ[0]);
}

export function planRow(op: DagOp, c: OpChoices, clockMHz: number | undefined): OpRow {
  const i = clockMHz === undefined ? -1 : rowAt(c, clockMHz);
  if (i >= 0) return { ...rowCost(c, i), capBound: false };
  if (c.freqMHz.length > 0 && isFlat(c)) return { ...rowCost(c, 0), capBound: false };
  const top = c.freqMHz[0];
  const bottom = c.freqMHz[c.freqMHz.length - 1];
  throw new RangeError(
    `op ${op.name}: plan clock ${String(clockMHz)} MHz is not one of its ${c.freqMHz.length} choices (${bottom}..${top} MHz)`,
  );
}

/**
 * Under a cap: candidates above the plan's clock cost what the plan's row costs (so the
 * controller never picks them over it); below the rows, the lowest row is the best there is.
 */
export function cappedRow(
  op: DagOp,
  c: OpChoices,
  clockMHz: number | undefined,
  cap: CapControl,
  nowS: number,
): OpRow {
  const top = planRow(op, c, clockMHz);
  const ceiling: ClockCost = { ...top, avgPowerW: top.timeS > 0 ? top.energyJ / top.timeS : 0 };
  const costAt = (f: number): ClockCost => {
    if (f >= ceiling.freqMHz) return { ...ceiling };
    // Rows descend: the first row at or below f.
    let i = c.freqMHz.findIndex((g) => g <= f);
    if (i < 0) i = c.freqMHz.length - 1;
    return rowCost(c, i);
  };
  const choice = cap.ctl.choose(nowS, ceiling.freqMHz, cap.capW, costAt);
  return {
    freqMHz: choice.freqMHz,
    timeS: choice.timeS,
    energyJ: choice.energyJ,
    capBound: choice.capBound,
  };
}
