/**
 * When an iteration ends and what it draws: a clock-switch stall at idle power if the policy
 * moved the lock (the first lock is set before serving, free), the engine's host time (engine
 * profile: per iteration, sequence and sampled token) at blocking power, then the kernels at the clock the power-cap controller picks for the iteration's mix.
 * Each piece, and idle time, goes once on the replica's power timeline (one GPU's power, scaled
 * to the replica's GPUs), which the cap controller reads.
 */
import type { ClockCost } from "../../../hardware/cost/cost-at-clock.js";
import { resolvePoint, type OperatingPoint } from "../../../hardware/operating-point.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import { PowerTimeline } from "../../../hardware/power/power-timeline.js";
import { SegmentKind } from "../../../hardware/power/segment-kind.js";
import { WindowedCapController, type CapChoice } from "../../../hardware/power/windowed-cap.js";
import { hostTimeS, type EngineHost } from "../engine-profile/engine-profile.js";
import type { IterationCostModel, IterationMix } from "./iteration-cost.js";

export class IterationTimer {
  readonly cap: WindowedCapController;
  readonly power: PowerTimeline;
  clockSwitches = 0;
  capBoundIterations = 0;
  /** Kernel time of all iterations, and the part the power cap held below the clock ceiling. */
  kernelS = 0;
  capBoundKernelS = 0;
  private lastPoint: OperatingPoint | undefined;
  private ceilingIndex = -1;
  private capW = Infinity;
  private lockIndex = -1;
  private mix: IterationMix | undefined;
  private readonly costAt = (i: number): ClockCost =>
    this.costModel.costAt(this.mix as IterationMix, i);

  constructor(
    private readonly profile: HardwareProfile,
    gpus: number,
    private readonly costModel: IterationCostModel,
    private readonly host: EngineHost,
    startS: number,
    keepSegments: boolean,
  ) {
    this.power = new PowerTimeline({ originS: startS, scale: gpus, keepSegments });
    this.cap = new WindowedCapController(profile, this.power);
  }

  idle(fromS: number, toS: number): void {
    if (!(toS > fromS)) return;
    this.power.add(fromS, toS, this.profile.power.idleW, SegmentKind.Idle);
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
    // The host's share of the iteration: the GPUs wait with clocks up, like a pipeline stage
    // blocked on a receive, so they draw P_blocking (gaps of a millisecond or so are far too
    // short for the driver to drop clocks to idle).
    const hostS = hostTimeS(this.host, mix.prefills + mix.decodes + mix.verifies, mix.logitsTokens);
    t = this.segment(t, hostS, profile.power.blockingW, SegmentKind.Overhead);
    this.mix = mix;
    const choice = this.cap.chooseIndex(t, this.ceilingIndex, this.capW, this.costAt);
    const endS = t + choice.cost.timeS;
    this.power.add(t, endS, choice.cost.avgPowerW, SegmentKind.Busy);
    this.kernelS += choice.cost.timeS;
    if (choice.capBound) {
      this.capBoundIterations++;
      this.capBoundKernelS += choice.cost.timeS;
    }
    return { ...choice, endS };
  }

  /** A non-busy stretch of `durS` at `powerW` per GPU from `t`; returns its end. */
  private segment(t: number, durS: number, powerW: number, kind: SegmentKind): number {
    if (!(durS > 0)) return t;
    this.power.add(t, t + durS, powerW, kind);
    return t + durS;
  }
}
