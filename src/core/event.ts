/** A scheduled callback: the heap entry and the handle given back to the caller of `schedule`. */
import type { EventHeap, HeapEntry } from "./event-heap.js";
import type { Simulator } from "./simulator.js";

export type EventHandler = (sim: Simulator) => void;

/** What `schedule` returns: enough to inspect or cancel the event, nothing more. */
export interface EventHandle {
  /** Simulated time at which the event runs (or would have run). */
  readonly timeS: number;
  readonly priority: number;
  /** True once cancelled before it ran. */
  readonly cancelled: boolean;
  /**
   * Prevents the event from running. Returns true if this call cancelled it; false if it was
   * already cancelled or has already run (both harmless).
   */
  cancel(): boolean;
}

export class ScheduledEvent implements HeapEntry, EventHandle {
  // `declare` fields plus one constructor keeps every event on a single hidden class with
  // fields initialised in a fixed order (no define-semantics pass through undefined).
  declare readonly timeS: number;
  declare readonly priority: number;
  declare readonly handler: EventHandler;
  declare seq: number;
  declare cancelled: boolean;
  declare queued: boolean;
  declare private readonly heap: EventHeap<ScheduledEvent>;

  constructor(
    timeS: number,
    priority: number,
    handler: EventHandler,
    heap: EventHeap<ScheduledEvent>,
  ) {
    this.timeS = timeS;
    this.priority = priority;
    this.handler = handler;
    this.seq = 0;
    this.cancelled = false;
    this.queued = false;
    this.heap = heap;
  }

  cancel(): boolean {
    return this.heap.cancel(this);
  }
}
