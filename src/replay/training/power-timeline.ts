/**
 * Power over time as a step function: powerW[i] is drawn on [tS[i], tS[i+1]), so tS has one
 * more entry than powerW and ends at the iteration's end. Device timelines are built from
 * contiguous segments; the total is their pointwise sum on the union of breakpoints.
 */
import { fsum } from "d3-array";

export interface PowerTimeline {
  tS: number[];
  powerW: number[];
}

export interface PowerSegment {
  startS: number;
  endS: number;
  powerW: number;
}

/** Contiguous segments (each starting where the last ended) to a timeline; equal steps merge. */
export function timelineOf(segments: readonly PowerSegment[], startS = 0): PowerTimeline {
  const tS = [startS];
  const powerW: number[] = [];
  for (const s of segments) {
    if (!(s.endS > s.startS)) continue;
    if (powerW.length > 0 && powerW[powerW.length - 1] === s.powerW) {
      tS[tS.length - 1] = s.endS;
    } else {
      powerW.push(s.powerW);
      tS.push(s.endS);
    }
  }
  return { tS, powerW };
}

/** Pointwise sum of timelines over the union of their breakpoints (0 W outside a timeline). */
export function sumTimelines(lines: readonly PowerTimeline[]): PowerTimeline {
  const points = [...new Set(lines.flatMap((l) => l.tS))].sort((a, b) => a - b);
  const cursor = lines.map(() => 0);
  const segments: PowerSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const parts: number[] = [];
    lines.forEach((l, k) => {
      let c = cursor[k] as number;
      while (c + 1 < l.tS.length && (l.tS[c + 1] as number) <= a) c++;
      cursor[k] = c;
      if (c < l.powerW.length && (l.tS[c] as number) <= a) parts.push(l.powerW[c] as number);
    });
    segments.push({ startS: a, endS: points[i + 1] as number, powerW: fsum(parts) });
  }
  return timelineOf(segments, points[0] ?? 0);
}

/** Energy under a timeline (J). */
export function integrateTimeline(line: PowerTimeline): number {
  return fsum(line.powerW, (p, i) => p * ((line.tS[i + 1] as number) - (line.tS[i] as number)));
}

/** Every power multiplied by `factor` (e.g. the GPUs a stage stands for). */
export function scaleTimeline(line: PowerTimeline, factor: number): PowerTimeline {
  return { tS: [...line.tS], powerW: line.powerW.map((p) => p * factor) };
}
