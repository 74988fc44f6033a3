/**
 * Time resolution against asOf: the rules of docs/design.md's `--as-of` (nothing on or after asOf,
 * calendar months and quarters, relative ranges ending the day before asOf) and the previous
 * periods that compare uses. Expected dates are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { latestCompleteDay, resolveTime, todayUtc } from '../../src/costs/time.ts';

// 2026-11-22 is a Sunday, 2026-11-23 a Monday.
describe('resolveTime', () => {
  it('last month is the calendar month before asOf, previous the month before that', () => {
    expect(resolveTime({ period: 'last_month' }, '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-11-01', previous: { from: '2026-09-01', to: '2026-10-01' } });
    // on the first of a month, last month is still the month before, whole
    expect(resolveTime({ period: 'last_month' }, '2026-11-01')).toMatchObject({ from: '2026-10-01', to: '2026-11-01' });
    // across a year boundary
    expect(resolveTime({ period: 'last_month' }, '2026-01-15')).toEqual({ from: '2025-12-01', to: '2026-01-01', previous: { from: '2025-11-01', to: '2025-12-01' } });
  });

  it('last N days ends the day before asOf', () => {
    expect(resolveTime({ last_n_days: 30 }, '2026-11-23')).toEqual({ from: '2026-10-24', to: '2026-11-23', previous: { from: '2026-09-24', to: '2026-10-24' } });
    expect(resolveTime({ last_n_days: 1 }, '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-03-01', previous: { from: '2026-02-27', to: '2026-02-28' } });
    expect(resolveTime({ last_n_days: 7 }, '2026-11-23')).toMatchObject({ from: '2026-11-16', to: '2026-11-23' });
  });

  it('the latest complete day is the day before asOf', () => {
    expect(latestCompleteDay('2026-11-23')).toBe('2026-11-22');
    expect(latestCompleteDay('2024-03-01')).toBe('2024-02-29');
    expect(latestCompleteDay('2026-01-01')).toBe('2025-12-31');
  });

  it('this month and month to date run from the 1st up to asOf, compared with the same days of the month before', () => {
    const mtd = { from: '2026-11-01', to: '2026-11-23', previous: { from: '2026-10-01', to: '2026-10-23' } };
    expect(resolveTime({ period: 'this_month' }, '2026-11-23')).toEqual(mtd);
    expect(resolveTime({ period: 'month_to_date' }, '2026-11-23')).toEqual(mtd);
    // the previous stretch never runs into the current month (Mar 1–30 vs Feb 1–28)
    expect(resolveTime({ period: 'month_to_date' }, '2026-03-31')).toEqual({ from: '2026-03-01', to: '2026-03-31', previous: { from: '2026-02-01', to: '2026-03-01' } });
    // on the 1st the month so far is empty
    expect(resolveTime({ period: 'this_month' }, '2026-11-01')).toMatchObject({ from: '2026-11-01', to: '2026-11-01' });
  });

  it('weeks are ISO weeks starting on Monday', () => {
    // asOf Sunday 22nd: this week is Mon 16th – Sat 21st, last week Mon 9th – Sun 15th
    expect(resolveTime({ period: 'this_week' }, '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22', previous: { from: '2026-11-09', to: '2026-11-15' } });
    expect(resolveTime({ period: 'last_week' }, '2026-11-22')).toEqual({ from: '2026-11-09', to: '2026-11-16', previous: { from: '2026-11-02', to: '2026-11-09' } });
    // asOf Monday 23rd: last week is the whole week just ended
    expect(resolveTime({ period: 'last_week' }, '2026-11-23')).toMatchObject({ from: '2026-11-16', to: '2026-11-23' });
  });

  it('quarters are calendar quarters', () => {
    expect(resolveTime({ period: 'this_quarter' }, '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-11-23', previous: { from: '2026-07-01', to: '2026-08-23' } });
    expect(resolveTime({ period: 'last_quarter' }, '2026-11-23')).toEqual({ from: '2026-07-01', to: '2026-10-01', previous: { from: '2026-04-01', to: '2026-07-01' } });
    expect(resolveTime({ period: 'last_quarter' }, '2026-02-10')).toEqual({ from: '2025-10-01', to: '2026-01-01', previous: { from: '2025-07-01', to: '2025-10-01' } });
  });

  it('year to date runs from Jan 1, compared with the same days of last year', () => {
    expect(resolveTime({ period: 'year_to_date' }, '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-11-23', previous: { from: '2025-01-01', to: '2025-11-23' } });
  });

  it('absolute ranges are [from, to) cut at asOf, previous is the same length before', () => {
    expect(resolveTime({ from: '2026-10-01', to: '2026-10-15' }, '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-10-15', previous: { from: '2026-09-17', to: '2026-10-01' } });
    // a range reaching past asOf stops at asOf: data on or after it is ignored
    expect(resolveTime({ from: '2026-11-01', to: '2026-12-01' }, '2026-11-23')).toMatchObject({ from: '2026-11-01', to: '2026-11-23' });
    // a range wholly after asOf is empty
    expect(resolveTime({ from: '2026-12-01', to: '2027-01-01' }, '2026-11-23')).toMatchObject({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('refuses an asOf that is not a calendar date', () => {
    expect(() => resolveTime({ last_n_days: 7 }, '2026-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => resolveTime({ last_n_days: 7 }, 'yesterday')).toThrow(/YYYY-MM-DD/);
  });

  it('today is the UTC date', () => {
    expect(todayUtc(new Date('2026-11-23T23:30:00-05:00'))).toBe('2026-11-24');
  });
});
