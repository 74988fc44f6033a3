/**
 * Day-of-month seasonality in the daily detector: a month-end close the series makes every month
 * stops being an alert once two months have shown it, while a spike on top of it, or on a day of
 * the month with no rhythm, is still one.
 */
import { describe, it, expect } from 'vitest';
import { detectDaily } from '../../../src/scans/anomaly/calendar.ts';
import { dateOf, points, series } from './series.ts';

const COST = { minImpact: 10, minRelative: 0.2 };

/** Whether day d (of series.ts, day 0 = 2026-01-05) is one of the last two days of its month. */
const isMonthEnd = (d: number) => dateOf(d + 2).slice(5, 7) !== dateOf(d).slice(5, 7);

/** A year of $1,000 days, 5 % noise, whose last two days of each month run ×1.4 (a month-end close). */
const withClose = (seed: number) => series(365, 1000, { weekend: 0.6, noise: 0.05, seed }).map((x, d) => (isMonthEnd(d) ? x * 1.4 : x));

describe('detectDaily with a monthly rhythm', () => {
  it.each([1, 2, 3])('alerts on a month-end close only until two months have shown it (seed %i)', (seed) => {
    const found = detectDaily(points(withClose(seed)), COST);
    // Before, most months' close was a new spike (eight alerts after March on seed 1).
    expect(found.filter((a) => a.start >= '2026-04-01')).toEqual([]);
  });

  it('still flags a spike on top of a learned month-end', () => {
    const v = withClose(4);
    const day = v.findIndex((_, d) => d > 250 && isMonthEnd(d));
    v[day]! *= 2;
    expect(detectDaily(points(v), COST).map((a) => a.start)).toContain(dateOf(day));
  });

  it('flags a spike on the same day of two months running: one month is not a rhythm', () => {
    const v = series(365, 1000, { noise: 0.05, seed: 5 });
    const fifteenths = v
      .map((_, d) => d)
      .filter((d) => dateOf(d).endsWith('-15') && d > 120)
      .slice(0, 2);
    for (const d of fifteenths) v[d]! *= 2.5;
    expect(detectDaily(points(v), COST).map((a) => a.start)).toEqual(fifteenths.map(dateOf));
  });
});
