/**
 * The power-cap controller of one replica on its simulated power timeline. The rule is
 * WindowedCapController's (hardware/windowed-cap.ts), applied to one GPU of the replica: before
 * each iteration, the highest grid clock not above the ceiling whose predicted average power
 * over the window ending when the iteration would finish stays under the cap. Here the ceiling
 * and cap come with each call, so a policy can move its clock lock without the controller
 * losing the window's history (the tests check both pick the same clocks).
 */
import type { ClockCost } from "../../hardware/cost-at-clock.js";
import { PowerHistory } from "../../hardware/power-history.js";
import type { HardwareProfile } from "../../hardware/profile.js";

export interface CapChoice {
  cost: ClockCost;
  capBound: boolean;
}

export class CapClock {
  readonly history: PowerHistory;
  readonly windowS: number;
  /** Highest power recorded for non-busy time (idle, blocking, stalls). */
  private maxIdlePowerW: number;

  constructor(profile: HardwareProfile, windowS?: number) {
    this.windowS = windowS ?? profile.powerLimit?.windowS ?? 1;
    this.history = new PowerHistory(profile.power.idleW, this.windowS);
    this.maxIdlePowerW = profile.power.idleW;
  }

  /** `costAt(i)` prices the work at grid index i; `ceilingIndex` is the top index allowed. */
  choose(
    nowS: number,
    ceilingIndex: number,
    capW: number,
    costAt: (index: number) => ClockCost,
  ): CapChoice {
    const top = costAt(ceilingIndex);
    // The window mixes past non-busy power with this work's power (re-pricing past busy time
    // at it), so when neither exceeds the cap the average cannot: skip the window query.
    if (top.avgPowerW <= capW && this.maxIdlePowerW <= capW) return { cost: top, capBound: false };
    if (this.windowAverageW(nowS, top) <= capW) return { cost: top, capBound: false };
    let lo = -1;
    let hi = ceilingIndex;
    let best: ClockCost | undefined;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      const c = costAt(mid);
      if (this.windowAverageW(nowS, c) <= capW) {
        lo = mid;
        best = c;
      } else {
        hi = mid;
      }
    }
    return { cost: best ?? costAt(0), capBound: true };
  }

  record(startS: number, endS: number, powerW: number, busy: boolean): void {
    if (!busy && powerW > this.maxIdlePowerW) this.maxIdlePowerW = powerW;
    this.history.record(startS, endS, powerW, busy);
  }

  private windowAverageW(nowS: number, c: ClockCost): number {
    if (c.timeS >= this.windowS) return c.avgPowerW;
    const past = this.history.stats(nowS + c.timeS - this.windowS, nowS);
    return (past.idleJ + (past.busyS + c.timeS) * c.avgPowerW) / this.windowS;
  }
}
