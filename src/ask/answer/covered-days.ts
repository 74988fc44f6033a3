/**
 * The days a daily average divides by: the days of the range the stored data holds. A day after the
 * data ends (the rest of a month billed through the 28th, a calendar window past the last export)
 * or before it starts is not a day of no spend, and counted as one it pulls the average down. The
 * data's coverage is the load's (every team's), as the weekly and monthly averages' is
 * (period-average.ts): a day on which one team spent nothing still counts for it.
 */
import type { Coverage } from '../../costs/coverage.ts';
import { addDays, daysBetween } from '../../schema/days.ts';
import { rangeText } from './format.ts';

export interface CoveredDays {
  days: number;
  /** The days divided by, for the how-line. */
  reading: string;
  /** " with data (2026-05-01 to 2026-05-28)" when days of the range were left out, else "". */
  said: string;
}

export function coveredDays(range: { from: string; to: string }, coverage: Coverage | null): CoveredDays | { refusal: string } {
  const from = coverage && coverage.first > range.from ? coverage.first : range.from;
  const end = coverage ? addDays(coverage.last, 1) : range.from;
  const to = end < range.to ? end : range.to;
  const covers = coverage ? `cost data covers ${coverage.first} to ${coverage.last}` : 'no cost data is stored yet';
  if (from >= to) return { refusal: `No day of ${rangeText(range)} is held by the data (${covers}), so there is no daily average to give.` };
  const days = daysBetween(from, to);
  const held = { from, to };
  if (from === range.from && to === range.to) return { days, reading: `a daily average divides by the ${days} days of ${rangeText(range)}`, said: '' };
  return {
    days,
    reading: `a daily average divides by the ${days} days the data holds, ${rangeText(held)} (${covers}), not the ${daysBetween(range.from, range.to)} of the period`,
    said: ` with data (${rangeText(held)})`,
  };
}
