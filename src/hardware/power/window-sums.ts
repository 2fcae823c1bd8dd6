/**
 * Prefix sums over a power timeline's recent segments (one device), so the energy, busy time
 * and non-busy energy over any recent interval are a binary search away. Time before the first
 * segment or after the last counts as non-busy at a fill power; segments that end more than
 * `keepS` before the latest end are dropped (and the arrays compacted now and then), so memory
 * stays bounded on long replays.
 */
export interface WindowStats {
  /** Time spent running work in the interval (s). */
  busyS: number;
  /** Energy drawn while not running work in the interval (J). */
  idleJ: number;
  /** All energy drawn in the interval (J). */
  energyJ: number;
}

export class WindowSums {
  private startS: number[] = [];
  private endS: number[] = [];
  private powerW: number[] = [];
  private busy: boolean[] = [];
  /** Sums from the first segment kept (rebased on compaction) to each segment's end. */
  private cumJ: number[] = [];
  private cumBusyS: number[] = [];
  private cumIdleJ: number[] = [];
  private head = 0;

  constructor(
    readonly fillPowerW: number,
    readonly keepS: number,
  ) {}

  private get lastEndS(): number {
    const n = this.endS.length;
    return n > this.head ? (this.endS[n - 1] as number) : -Infinity;
  }

  record(startS: number, endS: number, powerW: number, busy: boolean): void {
    if (!(endS > startS)) return;
    const last = this.lastEndS;
    if (last > -Infinity && startS > last) this.push(last, startS, this.fillPowerW, false);
    this.push(Math.max(startS, last), endS, powerW, busy);
    this.prune(endS - this.keepS);
  }

  /** Busy time, non-busy energy and all energy in [fromS, toS]. */
  stats(fromS: number, toS: number): WindowStats {
    const out = { busyS: 0, idleJ: 0, energyJ: 0 };
    if (!(toS > fromS)) return out;
    if (this.endS.length === this.head) {
      out.idleJ = out.energyJ = this.fillPowerW * (toS - fromS);
      return out;
    }
    const firstStart = this.startS[this.head] as number;
    const lastEnd = this.lastEndS;
    let fillS = 0;
    if (fromS < firstStart) fillS += Math.min(toS, firstStart) - fromS;
    if (toS > lastEnd) fillS += toS - Math.max(fromS, lastEnd);
    out.idleJ += this.fillPowerW * fillS;
    out.energyJ += this.fillPowerW * fillS;
    const a = Math.max(fromS, firstStart);
    const b = Math.min(toS, lastEnd);
    if (b > a) {
      const ia = this.indexAt(a);
      const ib = this.indexAt(b);
      out.energyJ += this.partial(this.cumJ, ib, b, true) - this.partial(this.cumJ, ia, a, true);
      out.busyS += this.partialBusy(ib, b) - this.partialBusy(ia, a);
      out.idleJ +=
        this.partial(this.cumIdleJ, ib, b, !this.busy[ib]) -
        this.partial(this.cumIdleJ, ia, a, !this.busy[ia]);
    }
    return out;
  }

  /** Index of the first kept segment whose end is >= t. */
  private indexAt(tS: number): number {
    let lo = this.head;
    let hi = this.endS.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.endS[mid] as number) < tS) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** An energy sum up to time t inside segment i, counting segment i's own part if `counts`. */
  private partial(cum: readonly number[], i: number, tS: number, counts: boolean): number {
    const before = i > 0 ? (cum[i - 1] as number) : 0;
    return before + (counts ? (this.powerW[i] as number) * (tS - (this.startS[i] as number)) : 0);
  }

  private partialBusy(i: number, tS: number): number {
    const before = i > 0 ? (this.cumBusyS[i - 1] as number) : 0;
    return before + (this.busy[i] ? tS - (this.startS[i] as number) : 0);
  }

  private push(startS: number, endS: number, powerW: number, busy: boolean): void {
    const n = this.cumJ.length;
    const durS = endS - startS;
    const energy = powerW * durS;
    this.startS.push(startS);
    this.endS.push(endS);
    this.powerW.push(powerW);
    this.busy.push(busy);
    this.cumJ.push((n > 0 ? (this.cumJ[n - 1] as number) : 0) + energy);
    this.cumBusyS.push((n > 0 ? (this.cumBusyS[n - 1] as number) : 0) + (busy ? durS : 0));
    this.cumIdleJ.push((n > 0 ? (this.cumIdleJ[n - 1] as number) : 0) + (busy ? 0 : energy));
  }

  private prune(beforeS: number): void {
    while (this.head < this.endS.length - 1 && (this.endS[this.head] as number) < beforeS) {
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.endS.length) {
      const h = this.head;
      const rebase = (cum: number[]) => {
        const base = cum[h - 1] as number;
        return cum.slice(h).map((c) => c - base);
      };
      this.cumJ = rebase(this.cumJ);
      this.cumBusyS = rebase(this.cumBusyS);
      this.cumIdleJ = rebase(this.cumIdleJ);
      this.startS = this.startS.slice(h);
      this.endS = this.endS.slice(h);
      this.powerW = this.powerW.slice(h);
      this.busy = this.busy.slice(h);
      this.head = 0;
    }
  }
}
