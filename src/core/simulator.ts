/**
 * The discrete-event kernel: a clock, a heap of pending events and named RNG streams, all owned
 * by one instance (no module-global state, so simulators never interfere).
 */
import { EventHeap } from "./event-heap.js";
import { ScheduledEvent, type EventHandle, type EventHandler } from "./event.js";
import { deriveSeed, RngStream } from "./rng.js";
import { SimulationError } from "./simulation-error.js";

export interface SimulatorOptions {
  /** Scenario seed; every RNG stream is derived from it and the stream name. Default 0. */
  seed?: number | string;
}

export class Simulator {
  readonly seed: number | string;
  private clockS = 0;
  private readonly heap = new EventHeap<ScheduledEvent>();
  private readonly streams = new Map<string, RngStream>();
  private stopRequested = false;
  private running = false;
  private failure: SimulationError | undefined;

  constructor(options: SimulatorOptions = {}) {
    this.seed = options.seed ?? 0;
  }

  /** Current simulated time in seconds. */
  get nowS(): number {
    return this.clockS;
  }

  /** Number of events still pending (cancelled ones excluded). */
  get pendingCount(): number {
    return this.heap.size;
  }

  /** True once a handler has thrown; `run` and `step` then refuse to continue. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Runs `handler` after `delayS` seconds; ties in time run by priority (lower first), then FIFO. */
  schedule(delayS: number, handler: EventHandler, priority = 0): EventHandle {
    // Written so NaN fails too.
    if (!(delayS >= 0 && delayS < Infinity))
      throw new RangeError(`schedule: delayS must be finite and >= 0, got ${delayS}`);
    return this.push(this.clockS + delayS, handler, priority);
  }

  /** Runs `handler` at absolute time `timeS` (>= nowS). */
  scheduleAt(timeS: number, handler: EventHandler, priority = 0): EventHandle {
    if (!(timeS >= this.clockS && timeS < Infinity))
      throw new RangeError(
        `scheduleAt: timeS must be finite and >= nowS (${this.clockS}), got ${timeS}`,
      );
    return this.push(timeS, handler, priority);
  }

  /**
   * Runs events in order while their time is <= untilS (default: until none is left). When it
   * ends because no event is due by a finite untilS, the clock advances to untilS. Returns early,
   * clock at the last event, if a handler calls `stop()`.
   */
  run(untilS = Infinity): void {
    this.checkRunnable("run");
    if (!(untilS >= this.clockS))
      throw new RangeError(`run: untilS must be >= nowS (${this.clockS}), got ${untilS}`);
    const heap = this.heap;
    this.stopRequested = false;
    this.running = true;
    let ev: ScheduledEvent | undefined;
    try {
      while ((ev = heap.popDue(untilS)) !== undefined) {
        this.clockS = ev.timeS;
        ev.handler(this);
        if (this.stopRequested) return;
      }
      if (untilS !== Infinity) this.clockS = untilS;
    } catch (err) {
      throw this.fail(err);
    } finally {
      this.running = false;
    }
  }

  /** Runs the next event, if any. Returns false when none was pending. */
  step(): boolean {
    this.checkRunnable("step");
    const ev = this.heap.pop();
    if (ev === undefined) return false;
    this.clockS = ev.timeS;
    this.running = true;
    try {
      ev.handler(this);
    } catch (err) {
      throw this.fail(err);
    } finally {
      this.running = false;
    }
    return true;
  }

  /** Makes the current `run` return once the handler now executing finishes. */
  stop(): void {
    this.stopRequested = true;
  }

  /** The named random stream, created on first use; independent of every other stream. */
  rng(name: string): RngStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new RngStream(deriveSeed(this.seed, name));
      this.streams.set(name, stream);
    }
    return stream;
  }

  private push(timeS: number, handler: EventHandler, priority: number): ScheduledEvent {
    if (priority !== priority) throw new RangeError("schedule: priority is NaN");
    const ev = new ScheduledEvent(timeS, priority, handler, this.heap);
    this.heap.push(ev);
    return ev;
  }

  private checkRunnable(what: string): void {
    if (this.failure !== undefined)
      throw new SimulationError(
        this.failure.timeS,
        this.failure.cause,
        `${what}: simulator already failed; handler failed`,
      );
    if (this.running) throw new Error(`${what}: called from inside an event handler`);
  }

  private fail(err: unknown): SimulationError {
    this.failure = new SimulationError(this.clockS, err);
    return this.failure;
  }
}
