/**
 * Binary min-heap of pending events ordered by (timeS, priority, seq). `seq` is an insertion
 * counter owned by the heap instance, so ties in time and priority run first-in first-out and
 * two simulators never share a counter.
 *
 * Cancellation is lazy: a cancelled entry stays in the array and is skipped when it reaches the
 * top, which keeps `cancel` O(1). When cancelled entries outnumber live ones the array is
 * compacted so a cancel-heavy workload cannot grow the heap without bound.
 */

/** The fields the heap orders by and maintains. */
export interface HeapEntry {
  readonly timeS: number;
  readonly priority: number;
  /** Insertion order; written by the heap on push. */
  seq: number;
  cancelled: boolean;
  /** True while the entry sits in a heap and has not been popped or compacted away. */
  queued: boolean;
}

/** Compaction below this many dead entries is not worth a rebuild. */
const COMPACT_MIN_DEAD = 1024;

export class EventHeap<T extends HeapEntry> {
  // Times live in a parallel typed array so the common comparison (distinct times) reads
  // unboxed doubles without touching the entry objects; ties fall back to the entries.
  private timesS = new Float64Array(64);
  // Slots at index >= count are cleared, not removed, so the array never reallocates.
  private readonly items: (T | undefined)[] = [];
  private count = 0;
  private nextSeq = 0;
  private liveCount = 0;

  /** Number of entries that will still run (pushed, not popped, not cancelled). */
  get size(): number {
    return this.liveCount;
  }

  /** Number of array slots, including cancelled entries not yet discarded. */
  get slots(): number {
    return this.count;
  }

  push(entry: T): void {
    if (entry.queued) throw new Error("EventHeap.push: entry is already queued");
    entry.seq = this.nextSeq++;
    entry.cancelled = false;
    entry.queued = true;
    this.liveCount++;
    const n = this.count++;
    if (n === this.timesS.length) this.grow();
    this.siftUp(entry, n);
  }

  /**
   * Marks a queued entry cancelled. Returns false (and changes nothing) if it was already
   * cancelled or is not in the heap, so cancelling twice or after it ran is harmless.
   */
  cancel(entry: T): boolean {
    if (!entry.queued || entry.cancelled) return false;
    entry.cancelled = true;
    this.liveCount--;
    const dead = this.count - this.liveCount;
    if (dead >= COMPACT_MIN_DEAD && dead > this.liveCount) this.compact();
    return true;
  }

  /** Next live entry without removing it, or undefined when none is left. */
  peek(): T | undefined {
    this.dropCancelledTop();
    return this.count > 0 ? this.items[0] : undefined;
  }

  /** Removes and returns the next live entry, or undefined when none is left. */
  pop(): T | undefined {
    this.dropCancelledTop();
    if (this.count === 0) return undefined;
    const top = this.removeTop();
    top.queued = false;
    this.liveCount--;
    return top;
  }

  /** Like `pop`, but only if the next live entry is due at or before `limitS`. */
  popDue(limitS: number): T | undefined {
    this.dropCancelledTop();
    if (this.count === 0 || (this.timesS[0] as number) > limitS) return undefined;
    const top = this.removeTop();
    top.queued = false;
    this.liveCount--;
    return top;
  }

  private dropCancelledTop(): void {
    const items = this.items;
    while (this.count > 0) {
      const top = items[0] as T;
      if (!top.cancelled) return;
      top.queued = false;
      this.removeTop();
    }
  }

  /** Removes the root; the caller checks that the heap is not empty. */
  private removeTop(): T {
    const items = this.items;
    const top = items[0] as T;
    const n = --this.count;
    const last = items[n] as T;
    items[n] = undefined; // no stale reference keeps a finished event alive
    if (n > 0) this.siftDown(last, 0);
    return top;
  }

  private grow(): void {
    const bigger = new Float64Array(this.timesS.length * 2);
    bigger.set(this.timesS);
    this.timesS = bigger;
  }

  /** Drops cancelled entries and rebuilds the heap; seq keys are unique so order is unchanged. */
  private compact(): void {
    const items = this.items;
    const times = this.timesS;
    let w = 0;
    for (let r = 0; r < this.count; r++) {
      const e = items[r] as T;
      if (e.cancelled) {
        e.queued = false;
      } else {
        items[w] = e;
        times[w++] = e.timeS;
      }
    }
    for (let r = w; r < this.count; r++) items[r] = undefined;
    this.count = w;
    for (let i = (w >> 1) - 1; i >= 0; i--) this.siftDown(items[i] as T, i);
  }

  // The comparisons below are written out inline (no comparator callback): this loop is the
  // simulator's hot path.

  /** Places `e` at hole index `i` and moves it up; writes each displaced parent once. */
  private siftUp(e: T, i: number): void {
    const items = this.items;
    const times = this.timesS;
    const t = e.timeS;
    while (i > 0) {
      const parentIdx = (i - 1) >> 1;
      const pt = times[parentIdx] as number;
      if (pt < t) break;
      const parent = items[parentIdx] as T;
      if (pt === t && !lessOnTie(e, parent)) break;
      items[i] = parent;
      times[i] = pt;
      i = parentIdx;
    }
    items[i] = e;
    times[i] = t;
  }

  /** Places `e` at hole index `i` (count already final) and moves it down. */
  private siftDown(e: T, i: number): void {
    const items = this.items;
    const times = this.timesS;
    const n = this.count;
    const t = e.timeS;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = times[c] as number;
      const r = c + 1;
      if (r < n) {
        const rt = times[r] as number;
        if (rt < ct || (rt === ct && lessOnTie(items[r] as T, items[c] as T))) {
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && lessOnTie(e, items[c] as T))) break;
      items[i] = items[c] as T;
      times[i] = ct;
      i = c;
    }
    items[i] = e;
    times[i] = t;
  }
}

/** Order of two entries with equal times: priority, then insertion. */
function lessOnTie(a: HeapEntry, b: HeapEntry): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
}
