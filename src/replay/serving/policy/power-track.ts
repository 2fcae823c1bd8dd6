/**
 * A replica's power over its whole life as contiguous segments (all its GPUs together), what
 * each segment was (an iteration's kernels, the host overhead around them, a clock-switch stall,
 * or idle), and the energy in each bin of a fixed grid (1 s by default) from a common origin, so
 * replicas' series add bin by bin. Totals are exact sums (d3 Adder), so they do not depend on
 * the order segments arrive in.
 */
import { Adder } from "d3-array";

/** What a segment of the timeline was. */
export const SegmentKind = { Busy: 0, Overhead: 1, Switch: 2, Idle: 3 } as const;
export type SegmentKind = (typeof SegmentKind)[keyof typeof SegmentKind];

function grow(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class PowerTrack {
  private readonly energy = [new Adder(), new Adder(), new Adder(), new Adder()];
  private starts = new Float64Array(1024);
  private powers = new Float64Array(1024);
  private kinds = new Uint8Array(1024);
  private count = 0;
  private bins = new Float64Array(64);
  private binCount = 0;
  /** End of the last segment (s). */
  endS: number;
  /** Highest instantaneous power (W). */
  peakInstantW = 0;

  constructor(
    readonly originS: number,
    readonly binS = 1,
    readonly keepSegments = true,
  ) {
    this.endS = originS;
  }

  add(startS: number, endS: number, powerW: number, kind: SegmentKind): void {
    if (!(endS > startS)) return;
    if (Math.abs(startS - this.endS) > 1e-9 * Math.max(1, Math.abs(startS)))
      throw new Error(
        `power segment at ${startS} s does not start where the last ended (${this.endS} s)`,
      );
    this.energy[kind]?.add(powerW * (endS - startS));
    if (powerW > this.peakInstantW) this.peakInstantW = powerW;
    if (this.keepSegments) this.push(startS, powerW, kind);
    this.bin(startS, endS, powerW);
    this.endS = endS;
  }

  get segments(): number {
    return this.count;
  }

  energyJ(kind?: SegmentKind): number {
    if (kind !== undefined) return (this.energy[kind] as Adder).valueOf();
    const total = new Adder();
    for (const a of this.energy) total.add(a.valueOf());
    return total.valueOf();
  }

  /** The kept segments (startS, endS, powerW, kind), in order. */
  timeline(): { startS: number; endS: number; powerW: number; kind: SegmentKind }[] {
    const out = [];
    for (let i = 0; i < this.count; i++) {
      const endS = i + 1 < this.count ? (this.starts[i + 1] as number) : this.endS;
      out.push({
        startS: this.starts[i] as number,
        endS,
        powerW: this.powers[i] as number,
        kind: this.kinds[i] as SegmentKind,
      });
    }
    return out;
  }

  /** Energy of each bin from the origin to endS (J). */
  binEnergiesJ(): Float64Array {
    return this.bins.slice(0, this.binCount);
  }

  private push(startS: number, powerW: number, kind: SegmentKind): void {
    const n = this.count;
    if (n > 0 && this.powers[n - 1] === powerW && this.kinds[n - 1] === kind) return;
    if (n === this.starts.length) {
      this.starts = grow(this.starts, n + 1);
      this.powers = grow(this.powers, n + 1);
      const k = new Uint8Array(this.starts.length);
      k.set(this.kinds);
      this.kinds = k;
    }
    this.starts[n] = startS;
    this.powers[n] = powerW;
    this.kinds[n] = kind;
    this.count = n + 1;
  }

  private bin(startS: number, endS: number, powerW: number): void {
    const w = this.binS;
    let k = Math.floor((startS - this.originS) / w);
    const last = Math.max(k, Math.ceil((endS - this.originS) / w) - 1);
    if (last + 1 > this.binCount) {
      this.bins = grow(this.bins, last + 1);
      this.binCount = last + 1;
    }
    let a = startS;
    for (; k <= last; k++) {
      const b = Math.min(endS, this.originS + (k + 1) * w);
      if (b > a) this.bins[k] = (this.bins[k] as number) + powerW * (b - a);
      a = b;
    }
  }
}
