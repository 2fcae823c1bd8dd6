/**
 * The one search for "the highest clock that fits a cap", shared by the steady and the windowed
 * cap controllers: over grid indices 0..ceilingIndex, the highest whose cost `fits`. Power rises
 * monotonically with the clock, so a binary search finds it in log2(grid) pricings. When even
 * the lowest clock does not fit, the device runs there, over its cap (capBound either way).
 */
export interface FittingChoice<C> {
  cost: C;
  /** Grid index of the clock chosen. */
  index: number;
  /** True when the cap, not the ceiling, set the clock. */
  capBound: boolean;
  /** True when even the lowest clock does not fit: the device runs there, over its cap. */
  capUnreachable: boolean;
}

export function highestFittingClock<C>(
  ceilingIndex: number,
  costAt: (index: number) => C,
  fits: (cost: C) => boolean,
  hintIndex?: number,
): FittingChoice<C> {
  const top = costAt(ceilingIndex);
  if (fits(top)) return { cost: top, index: ceilingIndex, capBound: false, capUnreachable: false };
  // Invariant: index hi does not fit; lo fits, or lo = -1 while nothing has fit yet.
  let lo = -1;
  let hi = ceilingIndex;
  let best: C | undefined;
  if (hintIndex !== undefined && hintIndex >= 0 && hintIndex < ceilingIndex) {
    // A controller's answer moves by a step or two between calls: bracket it by galloping out
    // from the last one (a few pricings instead of log2(grid)), then bisect the bracket.
    const h = costAt(hintIndex);
    if (fits(h)) {
      [lo, best] = [hintIndex, h];
      for (let step = 1; lo + step < hi; step *= 2) {
        const c = costAt(lo + step);
        if (!fits(c)) {
          hi = lo + step;
          break;
        }
        [lo, best] = [lo + step, c];
      }
    } else {
      hi = hintIndex;
      for (let step = 1; hi - step > lo; step *= 2) {
        const c = costAt(hi - step);
        if (fits(c)) {
          [lo, best] = [hi - step, c];
          break;
        }
        hi -= step;
      }
    }
  }
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
    ? { cost: costAt(0), index: 0, capBound: true, capUnreachable: true }
    : { cost: best, index: lo, capBound: true, capUnreachable: false };
}
