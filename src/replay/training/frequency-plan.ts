/**
 * Which SM clock each op runs at: one clock for every op, or one per op id. Communication ops
 * do not move with the clock; their entry is ignored when their costs are flat.
 */
export type FrequencyPlan = number | readonly number[];

export function planClockMHz(plan: FrequencyPlan, id: number): number | undefined {
  return typeof plan === "number" ? plan : plan[id];
}

/** The highest clock of every op's choices: the fastest plan. */
export function maxClockPlan(choices: readonly { freqMHz: readonly number[] }[]): number[] {
  return choices.map((c) => Math.max(...c.freqMHz));
}
