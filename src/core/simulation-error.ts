/** Raised by `Simulator.run`/`step` when an event handler throws; the original is `cause`. */
export class SimulationError extends Error {
  /** Simulated time of the failing event. */
  readonly timeS: number;

  constructor(timeS: number, cause: unknown, prefix = "event handler failed") {
    super(`${prefix} at t=${timeS} s: ${messageOf(cause)}`, { cause });
    this.name = "SimulationError";
    this.timeS = timeS;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
