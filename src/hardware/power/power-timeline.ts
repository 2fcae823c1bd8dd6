/**
 * Power over time of one device, or of `scale` identical devices (a serving replica's tp GPUs,
 * a pipeline stage's tp group), as contiguous segments from an origin, each of a kind. Powers
 * come in per device; what the timeline reports covers all its devices: exact energy totals per
 * kind (d3 Adder, so the order segments arrive in never changes a sum), the energy in each bin
 * of a fixed grid from the origin (1 s by default, so timelines add bin by bin), the highest
 * instantaneous power, and, unless told not to keep them, the segments and their step function.
 * A power-cap controller reads the same object the replay writes: `keepWindow` indexes the
 * recent segments (per device) for its window queries. `PowerTimeline.sum` adds timelines
 * (the stages of a pipeline, the replicas of a cluster).
 */
import { Adder, fsum } from "d3-array";
import { addSteps, pushStep, type PowerSteps } from "./power-steps.js";
import { SEGMENT_KINDS, SegmentKind } from "./segment-kind.js";
import { WindowSums, type WindowStats } from "./window-sums.js";

export type { PowerSteps, WindowStats };

export interface PowerSegment {
  startS: number;
  endS: number;
  /** All the timeline's devices together (W). */
  powerW: number;
  kind: SegmentKind;
}

export interface PowerTimelineOptions {
  /** Where the timeline (and its bin grid) starts; default 0. */
  originS?: number;
  /** Devices the timeline stands for; reported powers and energies are multiplied by it. */
  scale?: number;
  /** Bin width of `binEnergiesJ` (s); default 1. */
  binS?: number;
  /** Keep every segment for `segments` and `steps` (default true); totals are kept either way. */
  keepSegments?: boolean;
}

function grow(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class PowerTimeline {
  readonly originS: number;
  readonly scale: number;
  readonly binS: number;
  readonly keepSegments: boolean;
  /** The timelines this one adds up (empty for one written with `add`). */
  private parts: readonly PowerTimeline[] = [];
  private readonly energy = SEGMENT_KINDS.map(() => new Adder());
  /** Highest power per device of each kind (W). */
  private readonly maxW = new Float64Array(SEGMENT_KINDS.length);
  private starts = new Float64Array(1024);
  /** Kept segments' powers, scaled. */
  private powers = new Float64Array(1024);
  private kinds = new Uint8Array(1024);
  private count = 0;
  private bins = new Float64Array(64);
  private binCount = 0;
  private window: WindowSums | undefined;
  private lastEndS: number;

  constructor(options: PowerTimelineOptions = {}) {
    this.originS = options.originS ?? 0;
    this.scale = options.scale ?? 1;
    this.binS = options.binS ?? 1;
    this.keepSegments = options.keepSegments ?? true;
    this.lastEndS = this.originS;
    if (!(this.scale > 0 && this.scale < Infinity))
      throw new RangeError(`scale must be > 0, got ${this.scale}`);
    if (!(this.binS > 0 && this.binS < Infinity))
      throw new RangeError(`bin width must be > 0 s, got ${this.binS}`);
  }

  /**
   * The pointwise sum of `parts` (same origin and bin width), a live view of them: exact
   * energies per kind, bins added bin by bin, and steps when every part keeps its segments.
   * Its peak is the sum of the parts' peaks, an upper bound (their peaks need not coincide).
   */
  static sum(parts: readonly PowerTimeline[]): PowerTimeline {
    const first = parts[0];
    if (first === undefined) throw new RangeError("no power timelines to add");
    for (const p of parts) {
      if (p.originS !== first.originS || p.binS !== first.binS)
        throw new RangeError("power timelines must share their origin and bin width to add");
    }
    const sum = new PowerTimeline({
      originS: first.originS,
      binS: first.binS,
      keepSegments: parts.every((p) => p.keepSegments),
    });
    sum.parts = [...parts];
    return sum;
  }

  /** End of the last segment (s); of a sum, the latest of its parts'. */
  get endS(): number {
    return this.parts.reduce((e, p) => Math.max(e, p.endS), this.lastEndS);
  }

  /**
   * Records `powerW` per device on [startS, endS), starting where the last segment ended.
   * Empty segments are ignored.
   */
  add(startS: number, endS: number, powerW: number, kind: SegmentKind): void {
    if (this.parts.length > 0) throw new Error("a sum of power timelines is read-only");
    if (!(endS > startS)) return;
    if (Math.abs(startS - this.lastEndS) > 1e-9 * Math.max(1, Math.abs(startS)))
      throw new RangeError(
        `power segment at ${startS} s does not start where the last ended (${this.lastEndS} s)`,
      );
    const allW = powerW * this.scale;
    (this.energy[kind] as Adder).add(allW * (endS - startS));
    if (powerW > (this.maxW[kind] as number)) this.maxW[kind] = powerW;
    if (this.keepSegments) this.push(startS, allW, kind);
    this.bin(startS, endS, allW);
    this.window?.record(startS, endS, powerW, kind === SegmentKind.Busy);
    this.lastEndS = endS;
  }

  /**
   * Index the segments of the last `windowS` (per device) for `windowStats`, with time outside
   * the recorded span counted as non-busy at `fillPowerW`. Call before the first segment.
   */
  keepWindow(windowS: number, fillPowerW: number): void {
    if (this.parts.length > 0 || this.lastEndS !== this.originS || this.window !== undefined)
      throw new Error("keepWindow must come before the first segment, once");
    this.window = new WindowSums(fillPowerW, windowS);
  }

  /** Busy time, non-busy energy and all energy of one device in [fromS, toS]. */
  windowStats(fromS: number, toS: number): WindowStats {
    if (this.window === undefined) throw new Error("windowStats needs keepWindow first");
    return this.window.stats(fromS, toS);
  }

  /** Energy of all devices (J), of one kind or all. */
  energyJ(kind?: SegmentKind): number {
    if (kind !== undefined) {
      if (this.parts.length > 0) return fsum(this.parts, (p) => p.energyJ(kind));
      return (this.energy[kind] as Adder).valueOf();
    }
    return fsum(this.kindTotalsJ());
  }

  /** Highest power of one device in segments of `kind` so far (W; 0 if none). */
  maxPowerW(kind: SegmentKind): number {
    if (this.parts.length > 0) throw new Error("a sum of power timelines has no single device");
    return this.maxW[kind] as number;
  }

  /** Highest instantaneous power of all devices (W); of a sum, the sum of its parts' peaks. */
  get peakInstantW(): number {
    if (this.parts.length > 0) {
      let w = 0;
      for (const p of this.parts) w += p.peakInstantW;
      return w;
    }
    let w = 0;
    for (const m of this.maxW) if (m > w) w = m;
    return w * this.scale;
  }

  /** Energy of each bin from the origin to endS (J); the last bin may be partial. */
  binEnergiesJ(): Float64Array {
    if (this.parts.length === 0) return this.bins.slice(0, this.binCount);
    const all = this.parts.map((p) => p.binEnergiesJ());
    const out = new Float64Array(all.reduce((n, b) => Math.max(n, b.length), 0));
    for (const b of all) b.forEach((e, i) => (out[i] = (out[i] as number) + e));
    return out;
  }

  /** The kept segments in order, equal neighbours (same power and kind) merged. */
  segments(): PowerSegment[] {
    this.checkKept();
    if (this.parts.length > 0) throw new Error("a sum of power timelines has steps, not kinds");
    const out: PowerSegment[] = [];
    for (let i = 0; i < this.count; i++) {
      out.push({
        startS: this.starts[i] as number,
        endS: i + 1 < this.count ? (this.starts[i + 1] as number) : this.lastEndS,
        powerW: this.powers[i] as number,
        kind: this.kinds[i] as SegmentKind,
      });
    }
    return out;
  }

  /** Power of all devices as a step function from the origin, equal neighbours merged. */
  steps(): PowerSteps {
    this.checkKept();
    if (this.parts.length > 0) return addSteps(this.parts.map((p) => p.steps()));
    const out: PowerSteps = { tS: [this.originS], powerW: [] };
    for (let i = 0; i < this.count; i++) {
      const endS = i + 1 < this.count ? (this.starts[i + 1] as number) : this.lastEndS;
      pushStep(out, endS, this.powers[i] as number);
    }
    return out;
  }

  /** Each kind's total of each timeline written with `add` (this one, or a sum's parts). */
  private kindTotalsJ(): number[] {
    if (this.parts.length > 0) return this.parts.flatMap((p) => p.kindTotalsJ());
    return this.energy.map((a) => a.valueOf());
  }

  private checkKept(): void {
    if (!this.keepSegments) throw new Error("this power timeline does not keep its segments");
  }

  private push(startS: number, allW: number, kind: SegmentKind): void {
    const n = this.count;
    if (n > 0 && this.powers[n - 1] === allW && this.kinds[n - 1] === kind) return;
    if (n === this.starts.length) {
      this.starts = grow(this.starts, n + 1);
      this.powers = grow(this.powers, n + 1);
      const k = new Uint8Array(this.starts.length);
      k.set(this.kinds);
      this.kinds = k;
    }
    this.starts[n] = startS;
    this.powers[n] = allW;
    this.kinds[n] = kind;
    this.count = n + 1;
  }

  private bin(startS: number, endS: number, allW: number): void {
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
      if (b > a) this.bins[k] = (this.bins[k] as number) + allW * (b - a);
      a = b;
    }
  }
}
