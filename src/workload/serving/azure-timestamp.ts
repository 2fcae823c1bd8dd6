/**
 * Azure trace timestamps (`2023-11-16 18:15:46.6805900`: UTC, 7 fractional digits) parsed
 * exactly. Date keeps only milliseconds, so the fields are read by hand into a day number and
 * 100 ns ticks within the day; differences of those are exact integers for spans up to ~28 years
 * (2^53 ticks), and one division by 1e7 gives seconds correctly rounded.
 */

/** 100 ns ticks per second and per day. */
export const TICKS_PER_S = 10_000_000;
const TICKS_PER_DAY = 86_400 * TICKS_PER_S;

export interface DayTick {
  /** Days since 1970-01-01 (proleptic Gregorian). */
  day: number;
  /** 100 ns ticks since midnight. */
  tick: number;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?Z?$/;

/** Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** The timestamp as day and tick, or undefined when it is not a valid `YYYY-MM-DD hh:mm:ss[.f]`. */
export function parseAzureTimestamp(text: string): DayTick | undefined {
  const m = PATTERN.exec(text.trim());
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  const frac = Number((m[7] ?? "").padEnd(7, "0"));
  return { day: daysFromCivil(y, mo, d), tick: ((h * 60 + mi) * 60 + s) * TICKS_PER_S + frac };
}

/** Ticks from `origin` to `t` (negative when t is earlier); exact for spans under ~28 years. */
export function ticksBetween(origin: DayTick, t: DayTick): number {
  return (t.day - origin.day) * TICKS_PER_DAY + (t.tick - origin.tick);
}
