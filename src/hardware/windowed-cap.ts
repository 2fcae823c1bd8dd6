/**
 * The power-cap controller on a simulated power timeline, for replays. Before each piece of work
 * it picks the highest grid clock (not above the ceiling) whose predicted average power over the
 * controller's window, ending when the work would finish, stays under the cap. The prediction
 * keeps the window's recent duty cycle: idle and blocking time count as they happened, busy time
 * is re-priced at the candidate's power (as a real controller settles on a clock for the load it
 * sees, rather than bursting to fill the budget). So bursts separated by idle gaps run faster
 * than sustained work, and work repeated back to back gets exactly the clock of
 * `steadyCappedCost`.
 */
import type { ClockCost } from "./cost-at-clock.js";
import { PowerHistory } from "./power-history.js";
import type { HardwareProfile } from "./profile.js";

export interface WindowedChoice extends ClockCost {
  capBound: boolean;
}

export class WindowedCapController {
  readonly history: PowerHistory;
  private readonly windowS: number;
  private readonly grid: readonly number[];
  private readonly ceilingIndex: number;

  constructor(
    profile: HardwareProfile,
    private readonly capW: number,
    ceilingMHz: number,
    options: { windowS?: number; fillPowerW?: number } = {},
  ) {
    this.windowS = options.windowS ?? profile.powerLimit?.windowS ?? 1;
    this.history = new PowerHistory(options.fillPowerW ?? profile.power.idleW, this.windowS);
    this.grid = profile.clocks.smMHz;
    this.ceilingIndex = this.grid.indexOf(ceilingMHz);
    if (this.ceilingIndex < 0) throw new RangeError(`clock ${ceilingMHz} MHz is not on the grid`);
  }

  /** Choose the clock for work starting at `nowS`; `costAt` prices the work at a clock. */
  choose(nowS: number, costAt: (freqMHz: number) => ClockCost): WindowedChoice {
    const top = costAt(this.grid[this.ceilingIndex] as number);
    if (this.windowAverageW(nowS, top) <= this.capW) return { ...top, capBound: false };
    let lo = -1;
    let hi = this.ceilingIndex;
    let best: ClockCost | undefined;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      const c = costAt(this.grid[mid] as number);
      if (this.windowAverageW(nowS, c) <= this.capW) {
        lo = mid;
        best = c;
      } else {
        hi = mid;
      }
    }
    best ??= costAt(this.grid[0] as number);
    return { ...best, capBound: true };
  }

  /** Record what the device drew: running work (busy) or idle/blocking, so later choices see it. */
  record(startS: number, endS: number, powerW: number, busy: boolean): void {
    this.history.record(startS, endS, powerW, busy);
  }

  private windowAverageW(nowS: number, c: ClockCost): number {
    if (c.timeS >= this.windowS) return c.avgPowerW;
    const past = this.history.stats(nowS + c.timeS - this.windowS, nowS);
    return (past.idleJ + (past.busyS + c.timeS) * c.avgPowerW) / this.windowS;
  }
}
