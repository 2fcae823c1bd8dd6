/**
 * A progress bar with ETA on stderr while a sweep runs, only when stderr is a terminal: logs,
 * CI and the tests see nothing of it.
 */
import cliProgress from "cli-progress";

export interface Progress {
  tick(failed: number): void;
  stop(): void;
}

const QUIET: Progress = { tick: () => undefined, stop: () => undefined };

export function sweepProgress(total: number, done: number, show: boolean): Progress {
  if (!show || total === 0) return QUIET;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "sweep [{bar}] {value}/{total} points | {failed} failed | ETA {eta_formatted}",
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.legacy,
  );
  bar.start(total, done, { failed: 0 });
  return {
    tick: (failed) => bar.increment(1, { failed }),
    stop: () => bar.stop(),
  };
}
