/**
 * The power-cap controller on a simulated power timeline, for replays. Before each piece of work
 * it picks the highest grid clock (not above the ceiling) whose predicted average power over the
 * controller's window, ending when the work would finish, stays under the cap. The prediction
 * keeps the window's recent duty cycle: idle and blocking time count as they happened, busy time
 * is re-priced at the candidate's power (as a real controller settles on a clock for the load it
 * sees, rather than bursting to fill the budget). So bursts separated by idle gaps run faster
 * than sustained work, and work repeated back to back gets exactly the clock of
 * `steadyCappedCost`. Ceiling and cap come with each call, so a policy can move its clock lock
 * or cap without the controller losing the window's history. The controller reads the power
 * timeline the replay writes (one device's powers, whatever the timeline's scale).
 */
import type { ClockCost } from "../cost/cost-at-clock.js";
import { highestFittingClock, type FittingChoice } from "./highest-fitting-clock.js";
import type { PowerTimeline } from "./power-timeline.js";
import { SEGMENT_KINDS, SegmentKind } from "./segment-kind.js";
import type { HardwareProfile } from "../profile/profile.js";

export type CapChoice = FittingChoice<ClockCost>;

export interface WindowedChoice extends ClockCost {
  capBound: boolean;
}

const QUIET_KINDS = SEGMENT_KINDS.filter((k) => k !== SegmentKind.Busy);

export class WindowedCapController {
  readonly windowS: number;
  private readonly grid: readonly number[];
  /** Power before the timeline's first segment (default the profile's idle power). */
  private readonly fillPowerW: number;

  /** Makes `power` keep its last window; call before anything is written to it. */
  constructor(
    profile: HardwareProfile,
    readonly power: PowerTimeline,
    options: { windowS?: number; fillPowerW?: number } = {},
  ) {
    this.windowS = options.windowS ?? profile.powerLimit?.windowS ?? 1;
    this.fillPowerW = options.fillPowerW ?? profile.power.idleW;
    power.keepWindow(this.windowS, this.fillPowerW);
    this.grid = profile.clocks.smMHz;
  }

  /** The clock index of the last choice: where the next search starts looking. */
  private lastIndex: number | undefined;

  /** `costAt(i)` prices the work at grid index i; `ceilingIndex` is the highest index allowed. */
  chooseIndex(
    nowS: number,
    ceilingIndex: number,
    capW: number,
    costAt: (index: number) => ClockCost,
  ): CapChoice {
    // The window mixes past power with this work's: when nothing ever drawn (busy or not)
    // exceeded the cap and this work does not either, the average cannot: skip the query.
    const quietFits =
      Math.max(this.maxQuietPowerW(), this.power.maxPowerW(SegmentKind.Busy)) <= capW;
    const choice = highestFittingClock(
      ceilingIndex,
      costAt,
      (c) => (quietFits && c.avgPowerW <= capW) || this.windowAverageW(nowS, c) <= capW,
      this.lastIndex,
    );
    this.lastIndex = choice.index;
    return choice;
  }

  /** The same with clocks in MHz; the ceiling must be on the profile's grid. */
  choose(
    nowS: number,
    ceilingMHz: number,
    capW: number,
    costAt: (freqMHz: number) => ClockCost,
  ): WindowedChoice {
    const ceilingIndex = this.grid.indexOf(ceilingMHz);
    if (ceilingIndex < 0) throw new RangeError(`clock ${ceilingMHz} MHz is not on the grid`);
    const c = this.chooseIndex(nowS, ceilingIndex, capW, (i) => costAt(this.grid[i] as number));
    return { ...c.cost, capBound: c.capBound };
  }

  /** Highest power of one device while not running work (idle, blocking, stalls, fill). */
  private maxQuietPowerW(): number {
    let w = this.fillPowerW;
    for (const k of QUIET_KINDS) w = Math.max(w, this.power.maxPowerW(k));
    return w;
  }

  private windowAverageW(nowS: number, c: ClockCost): number {
    if (c.timeS >= this.windowS) return c.avgPowerW;
    const past = this.power.windowStats(nowS + c.timeS - this.windowS, nowS);
    // Past busy time at the candidate's power (so steady work settles on the steady clock), but
    // never below what it really drew: a light iteration after heavy ones cannot borrow budget
    // the window has already spent, so every window ending at an iteration's end fits the cap.
    const pastBusyJ = Math.max(past.energyJ - past.idleJ, past.busyS * c.avgPowerW);
    return (past.idleJ + pastBusyJ + c.timeS * c.avgPowerW) / this.windowS;
  }
}
