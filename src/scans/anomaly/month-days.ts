/**
 * Day-of-month seasonality for daily cost series: month-end closes, batch reports on the last day,
 * monthly jobs on the 1st or a payroll day. A weekly baseline sees each of them as a spike every
 * month. Each day of a month is keyed by its place in the month (the 1st, the 15th, the last day,
 * the day before it: months differ in length, so the last days count from the end). Where that
 * place was off its weekly baseline the same way in each of its last months, by more than the
 * series' noise (MARGIN), the next occurrence is expected that much off too: by the smallest of those
 * excursions, so one month's spike on that day does not set what the next month may do unseen.
 */

/** Occurrences of a day's place in the month read back (the last few months). */
const MONTHS_READ = 3;
/** Fewest months that must agree before a place is expected off its weekly baseline. */
const MONTHS_NEEDED = 2;
/**
 * Spreads by which each of those months must have been off. Two months beyond 1.5 σ the same way
 * happen by chance at about 1 % of a month's days (at 1 σ, at 5 %, which cost day-one detections
 * on series with no monthly rhythm at all).
 */
const MARGIN = 1.5;
/** Days at the end of a month keyed from the end. */
const END_DAYS = 3;

export interface MonthDays {
  /** Log factor step t is expected off its weekly baseline by (0 when its place shows none). */
  effect(t: number, spread: number): number;
  /** Keeps step t's log error against its weekly baseline, month factor left out. */
  record(t: number, logError: number): void;
}

/** The place of a UTC day in its month: `d5` for the 5th, `e0` for the last day, `e1` the day before. */
function placeInMonth(ms: number): string {
  const date = new Date(ms);
  const day = date.getUTCDate();
  const length = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  return length - day < END_DAYS ? `e${length - day}` : `d${day}`;
}

/** Day-of-month seasonality for a daily series whose step 0 is the UTC day starting at `firstDayMs`. */
export function monthDays(firstDayMs: number): MonthDays {
  const DAY_MS = 86_400_000;
  const history = new Map<string, number[]>();
  const keyOf = (t: number) => placeInMonth(firstDayMs + t * DAY_MS);
  return {
    effect(t, spread) {
      const past = history.get(keyOf(t))?.slice(-MONTHS_READ) ?? [];
      if (past.length < MONTHS_NEEDED) return 0;
      const sign = Math.sign(past[0]!);
      if (!past.every((e) => Math.sign(e) === sign && Math.abs(e) >= MARGIN * spread)) return 0;
      return sign * Math.min(...past.map(Math.abs));
    },
    record(t, logError) {
      const key = keyOf(t);
      const past = history.get(key) ?? [];
      past.push(logError);
      history.set(key, past);
    },
  };
}
