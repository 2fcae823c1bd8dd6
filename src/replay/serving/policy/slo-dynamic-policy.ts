/**
 * SLO-aware dynamic clock: the lowest clock that keeps recent TPOT under a target. Every
 * `intervalS` it looks at the mean inter-token gap of the decode tokens emitted since its last
 * look: over the target, it raises the lock by stepUpMHz; under target x (1 - headroom), it
 * lowers it by stepDownMHz; otherwise (or with no tokens) it holds. Steps up are larger than
 * steps down so a violation is short and the search down is careful (AIMD-like). It starts at
 * the top. Each change of lock costs the replica the profile's switch latency.
 */
import { checkPoint, type OperatingPoint } from "../../../hardware/operating-point.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import { InputError } from "../../../input/input-error.js";
import type { ClockPolicy, RecentStats, SloDynamicOptions } from "./policy.js";

export class SloDynamicPolicy implements ClockPolicy {
  readonly name: string;
  private readonly grid: readonly number[];
  private readonly points: (OperatingPoint | undefined)[];
  private readonly minIndex: number;
  private readonly maxIndex: number;
  private readonly downSteps: number;
  private readonly upSteps: number;
  private readonly intervalS: number;
  private readonly headroom: number;
  private index: number;
  private nextEvalS = NaN;
  private lastSumS = 0;
  private lastCount = 0;
  /** Lock changes it asked for. */
  changes = 0;

  constructor(
    profile: HardwareProfile,
    private readonly o: SloDynamicOptions,
  ) {
    const bad = (path: string, detail: string) =>
      new InputError(detail, { code: "VALUE", path: `policy.${path}` });
    if (!(o.targetTpotS > 0 && o.targetTpotS < Infinity))
      throw bad("targetTpotS", `must be a positive number of seconds, got ${o.targetTpotS}`);
    this.intervalS = o.intervalS ?? 1;
    if (!(this.intervalS > 0 && this.intervalS < Infinity))
      throw bad("intervalS", `must be positive, got ${o.intervalS}`);
    this.headroom = o.headroom ?? 0.1;
    if (!(this.headroom >= 0 && this.headroom < 1))
      throw bad("headroom", `must be in [0, 1), got ${o.headroom}`);
    this.grid = profile.clocks.smMHz;
    const step = this.grid.length > 1 ? (this.grid[1] as number) - (this.grid[0] as number) : 1;
    const steps = (mhz: number, path: string) => {
      if (!(mhz > 0)) throw bad(path, `must be positive, got ${mhz}`);
      return Math.max(1, Math.round(mhz / step));
    };
    this.downSteps = steps(o.stepDownMHz ?? 60, "stepDownMHz");
    this.upSteps = steps(o.stepUpMHz ?? 120, "stepUpMHz");
    const at = (mhz: number, path: string) => {
      checkPoint(profile, { lockedMHz: mhz }, { lockedMHz: `policy.${path}` });
      return this.grid.indexOf(mhz);
    };
    this.minIndex = at(o.minMHz ?? (this.grid[0] as number), "minMHz");
    this.maxIndex = at(o.maxMHz ?? profile.clocks.defaultMHz, "maxMHz");
    if (this.minIndex > this.maxIndex) throw bad("minMHz", `must be <= maxMHz`);
    if (o.powerCapW !== undefined)
      checkPoint(profile, { powerCapW: o.powerCapW }, { powerCapW: "policy.powerCapW" });
    this.points = new Array<OperatingPoint | undefined>(this.grid.length);
    this.index = this.maxIndex;
    this.name = `slo-dynamic TPOT <= ${o.targetTpotS * 1e3} ms`;
  }

  /** The clock it locks now (MHz). */
  get lockedMHz(): number {
    return this.grid[this.index] as number;
  }

  clockFor(_kind: unknown, nowS: number, recent: RecentStats): OperatingPoint {
    if (this.nextEvalS !== this.nextEvalS) {
      this.nextEvalS = nowS + this.intervalS;
      this.lastSumS = recent.itlSumS;
      this.lastCount = recent.itlCount;
    } else if (nowS >= this.nextEvalS) {
      this.evaluate(recent);
      // Next look one interval from now (an idle stretch does not queue up evaluations).
      this.nextEvalS = nowS + this.intervalS;
    }
    return this.pointAt(this.index);
  }

  private evaluate(recent: RecentStats): void {
    const count = recent.itlCount - this.lastCount;
    const meanS = count > 0 ? (recent.itlSumS - this.lastSumS) / count : NaN;
    this.lastSumS = recent.itlSumS;
    this.lastCount = recent.itlCount;
    if (!(count > 0)) return;
    let next = this.index;
    if (meanS > this.o.targetTpotS) next = Math.min(this.maxIndex, this.index + this.upSteps);
    else if (meanS < this.o.targetTpotS * (1 - this.headroom))
      next = Math.max(this.minIndex, this.index - this.downSteps);
    if (next !== this.index) {
      this.index = next;
      this.changes++;
    }
  }

  private pointAt(i: number): OperatingPoint {
    let p = this.points[i];
    if (p === undefined) {
      p = { lockedMHz: this.grid[i] as number, powerCapW: this.o.powerCapW };
      this.points[i] = p;
    }
    return p;
  }
}
