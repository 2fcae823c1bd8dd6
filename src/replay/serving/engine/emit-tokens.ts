/**
 * Records the tokens an iteration emitted at `nowS`: first tokens, and inter-token gaps. Most
 * sequences emitted their previous token at the previous iteration's end, so they share one gap,
 * stored once with their count; the rest (after a preemption or a handoff) get their own.
 */
import type { RecentStats } from "../policy/policy.js";
import type { RequestLog } from "../metrics/request-log.js";
import type { Sequence } from "./sequence.js";
import type { SteadyWindow } from "../metrics/steady-window.js";

export function emitTokens(
  emitted: readonly Sequence[],
  nowS: number,
  prevEndS: number,
  log: RequestLog,
  recent: RecentStats,
  steady?: SteadyWindow,
): void {
  const window = steady?.measuring === true ? steady.itl : undefined;
  const times = log.tokenTimes;
  let group = 0;
  for (const seq of emitted) {
    const id = seq.request.id;
    if (seq.generated === 1) log.first(id, nowS);
    else if (seq.lastTokenS === prevEndS) group++;
    else {
      const gapS = nowS - seq.lastTokenS;
      log.itl.add(gapS);
      window?.add(gapS);
      recent.itlSumS += gapS;
      recent.itlCount++;
    }
    seq.lastTokenS = nowS;
    if (times !== undefined) (times[id] as number[]).push(nowS);
  }
  if (group > 0) {
    const gapS = nowS - prevEndS;
    log.itl.add(gapS, group);
    window?.add(gapS, group);
    recent.itlSumS += gapS * group;
    recent.itlCount += group;
  }
}
