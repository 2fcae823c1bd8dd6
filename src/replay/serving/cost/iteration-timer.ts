/**
 * When an iteration ends and what it draws: a clock-switch stall at idle power if the policy
 * moved the lock (the first lock is set before serving, free), the host overhead at blocking
 * power, then the kernels at the clock the power-cap controller picks for the iteration's mix.
 * Each piece goes on the replica's power track (all GPUs) and into the cap controller's
 * history (one GPU), as does idle time.
 */
import type { ClockCost } from "../../../hardware/cost/cost-at-clock.js";
import { resolvePoint, type OperatingPoint } from "../../../hardware/operating-point.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import { WindowedCapController, type CapChoice } from "../../../hardware/power/windowed-cap.js";
import type { IterationCostModel, IterationMix } from "./iteration-cost.js";
import { PowerTrack, SegmentKind } from "../policy/power-track.js";

export class IterationTimer {
  readonly cap: WindowedCapController;
  readonly track: PowerTrack;
  clockSwitches = 0;
  capBoundIterations = 0;
  private lastPoint: OperatingPoint | undefined;
  private ceilingIndex = -1;
  private capW = Infinity;
  private lockIndex = -1;
  private mix: IterationMix | undefined;
  private readonly costAt = (i: number): ClockCost =>
    this.costModel.costAt(this.mix as IterationMix, i);

  constructor(
    private readonly profile: HardwareProfile,
    private readonly gpus: number,
    private readonly costModel: IterationCostModel,
    private readonly overheadS: number,
    startS: number,
    keepSegments: boolean,
  ) {
    this.cap = new WindowedCapController(profile);
    this.track = new PowerTrack(startS, 1, keepSegments);
  }

  idle(fromS: number, toS: number): void {
    if (!(toS > fromS)) return;
    const idleW = this.profile.power.idleW;
    this.track.add(fromS, toS, idleW * this.gpus, SegmentKind.Idle);
    this.cap.record(fromS, toS, idleW, false);
  }

  /** Lays out an iteration starting at `nowS`; returns the controller's choice and its end. */
  run(nowS: number, point: OperatingPoint, mix: IterationMix): CapChoice & { endS: number } {
    const profile = this.profile;
    if (point !== this.lastPoint) {
      const r = resolvePoint(profile, point);
      this.ceilingIndex = this.costModel.clockIndex(r.ceilingMHz);
      this.capW = r.capW;
      this.lastPoint = point;
    }
    let t = nowS;
    if (this.ceilingIndex !== this.lockIndex) {
      if (this.lockIndex >= 0) {
        this.clockSwitches++;
        t = this.segment(t, profile.clocks.switchLatencyS, profile.power.idleW, SegmentKind.Switch);
      }
      this.lockIndex = this.ceilingIndex;
    }
    t = this.segment(t, this.overheadS, profile.power.blockingW, SegmentKind.Overhead);
    this.mix = mix;
    const choice = this.cap.chooseIndex(t, this.ceilingIndex, this.capW, this.costAt);
    const endS = t + choice.cost.timeS;
    this.track.add(t, endS, choice.cost.avgPowerW * this.gpus, SegmentKind.Busy);
    this.cap.record(t, endS, choice.cost.avgPowerW, true);
    if (choice.capBound) this.capBoundIterations++;
    return { ...choice, endS };
  }

  /** A non-busy stretch of `durS` at `powerW` per GPU from `t`; returns its end. */
  private segment(t: number, durS: number, powerW: number, kind: SegmentKind): number {
    if (!(durS > 0)) return t;
    this.track.add(t, t + durS, powerW * this.gpus, kind);
    this.cap.record(t, t + durS, powerW, false);
    return t + durS;
  }
}
