/**
 * The one search for "the highest clock that fits a cap", shared by the steady and the windowed
 * cap controllers: over grid indices 0..ceilingIndex, the highest whose cost `fits`. Power rises
 * monotonically with the clock, so a binary search finds it in log2(grid) pricings. When even
 * the lowest clock does not fit, the device runs there, over its cap (capBound either way).
 */
export interface FittingChoice<C> {
  cost: C;
  /** True when the cap, not the ceiling, set the clock. */
  capBound: boolean;
  /** True when even the lowest clock does not fit: the device runs there, over its cap. */
  capUnreachable: boolean;
}

export function highestFittingClock<C>(
  ceilingIndex: number,
  costAt: (index: number) => C,
  fits: (cost: C) => boolean,
): FittingChoice<C> {
  const top = costAt(ceilingIndex);
  if (fits(top)) return { cost: top, capBound: false, capUnreachable: false };
  // Invariant: index hi does not fit; lo fits, or lo = -1 while nothing has fit yet.
  let lo = -1;
  let hi = ceilingIndex;
  let best: C | undefined;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const c = costAt(mid);
    if (fits(c)) {
      lo = mid;
      best = c;
    } else {
      hi = mid;
    }
  }
  // Nothing fit: index 0 was tried last (or was the ceiling) and drew more than the cap.
  return best === undefined
    ? { cost: costAt(0), capBound: true, capUnreachable: true }
    : { cost: best, capBound: true, capUnreachable: false };
}
