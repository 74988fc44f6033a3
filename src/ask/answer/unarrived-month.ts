/**
 * A forecast or budget standing of the current month when the month's data has not arrived: cloud
 * billing exports land days or weeks late, and a month with none of its rows yet reads as "spent
 * $0.00 so far", with the run rate averaged over weeks that hold no data. Such a forecast is
 * declined, saying where the data ends and which month it last covers, rather than given.
 * A dataset that reaches into the month is forecast as before; a budget's amount needs no spend.
 */
import type pg from 'pg';
import { dataEnds } from '../../costs/coverage.ts';
import { monthlyPeriod } from '../../scans/budget/forecast.ts';
import { DATASET_NAMES } from '../planner/latest-data.ts';

/** The refusal of a forecast of this month when a dataset that has data ends before the month began; null when each reaches into it. */
export async function unarrivedMonth(pool: pg.Pool, asOf: string, timeoutMs?: number): Promise<string | null> {
  const period = monthlyPeriod(asOf);
  const ends = await dataEnds(pool, asOf, timeoutMs);
  const behind = (['cloud', 'ai'] as const).filter((d) => ends[d] !== null && ends[d]! < period.start);
  if (behind.length === 0) return null;
  const said = behind.map((d) => `${DATASET_NAMES[d]} ends ${ends[d]}`).join(' and ');
  const last = behind.map((d) => ends[d]!).reduce((a, b) => (a > b ? a : b));
  return (
    `I can't forecast ${period.label} or say where its budgets stand: ${said}, before ${period.label} began, so none of this month's spend has arrived and it would read as $0.00 so far. ` +
    `Ask for the spend of the latest month with data (e.g. "spend in ${last.slice(0, 7)}"), or for the latest 30 days of data.`
  );
}
