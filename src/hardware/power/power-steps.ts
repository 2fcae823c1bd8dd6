/**
 * Power as a step function: powerW[i] is drawn on [tS[i], tS[i+1]), so tS has one more entry
 * than powerW. `addSteps` is the pointwise sum of several (0 W outside each one's span) on the
 * union of their breakpoints; each step's power is an exact sum (fsum).
 */
import { fsum } from "d3-array";

export interface PowerSteps {
  tS: number[];
  powerW: number[];
}

/** Appends [.., endS) at `powerW` to `steps`, merging it into the last step at equal power. */
export function pushStep(steps: PowerSteps, endS: number, powerW: number): void {
  const n = steps.powerW.length;
  if (n > 0 && steps.powerW[n - 1] === powerW) steps.tS[n] = endS;
  else {
    steps.powerW.push(powerW);
    steps.tS.push(endS);
  }
}

export function addSteps(lines: readonly PowerSteps[]): PowerSteps {
  const points = [...new Set(lines.flatMap((l) => l.tS))].sort((a, b) => a - b);
  const cursor = lines.map(() => 0);
  const out: PowerSteps = { tS: [points[0] ?? 0], powerW: [] };
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const parts: number[] = [];
    lines.forEach((l, k) => {
      let c = cursor[k] as number;
      while (c + 1 < l.tS.length && (l.tS[c + 1] as number) <= a) c++;
      cursor[k] = c;
      if (c < l.powerW.length && (l.tS[c] as number) <= a) parts.push(l.powerW[c] as number);
    });
    pushStep(out, points[i + 1] as number, fsum(parts));
  }
  return out;
}

/** Energy under a step function (J). */
export function integrateSteps(steps: PowerSteps): number {
  return fsum(steps.powerW, (p, i) => p * ((steps.tS[i + 1] as number) - (steps.tS[i] as number)));
}
