/**
 * A third generator of synthetic daily cost series for bench/anomaly.ts, with calendar shapes the
 * other two lack: month-end bumps, public holidays, outages that lose several days of data at
 * once, and noise that is mostly quiet with occasional blips (a contaminated normal, unlike the
 * first generator's log-normal and the second's Student t). Written after the daily detector's
 * choices were made and never used for one: seed 2026 is a held-out test. Deterministic (seeded).
 *
 * Each series: a base of $30–30,000 a day (log-uniform); a business week (weekends at 30–70 %,
 * holidays at the weekend level) or a seven-day service (every day 0.9–1.1); the last two days of
 * each month ×1.05–1.25 (reports, batch jobs); growth of −25 % to +80 % a year; normal noise of
 * 4–12 % with a 2 % chance a day is ×1.15–1.5 or ÷1.15–1.5 instead; data outages starting on
 * 1 % of days and lasting 1–5 days. A fifth of the series begin within the first 150 days.
 * Anomalies as the first generator injects them (anomaly-synthetic.ts): 0–3 after a four-week
 * warm-up, 45 days apart or more: spikes (×1.5–4 for 1–3 days), level shifts (×1.3–2.5 from that
 * day on) and drifts (a ramp to ×1.5–2.5 over 14–35 days).
 */
import { seeded, type Random } from '../src/demo/random.ts';
import { effect, injectAnomalies, type SyntheticSeries } from './anomaly-synthetic.ts';

/** A calendar-shaped series, with the days whose noise was an upward blip (labelled normal). */
export interface CalendarSeries extends SyntheticSeries {
  blipsUp: Set<number>;
}

export const CALENDAR_HELD_OUT_SEED = 2026;

/** Day indices (day 0 is a Monday, 1 January) of a year's fixed public holidays. */
const HOLIDAYS = new Set([0, 18, 46, 95, 146, 184, 244, 326, 358, 359]);
/** Day index of the first day of each month in a 365-day year. */
const MONTH_STARTS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

const uniform = (r: Random, lo: number, hi: number) => lo + (hi - lo) * r();
const normal = (r: Random) => Math.sqrt(-2 * Math.log(Math.max(r(), 1e-12))) * Math.cos(2 * Math.PI * r());
export const isMonthEnd = (d: number) => MONTH_STARTS.some((m) => m > 0 && (d === m - 1 || d === m - 2));

export function calendarSeries(id: number, seed: number, length = 365): CalendarSeries {
  const r = seeded(seed * 130_363 + id);
  const base = 30 * Math.exp(r() * Math.log(1000));
  const business = r() < 0.6;
  const weekend = uniform(r, 0.3, 0.7);
  const weekdays = Array.from({ length: 7 }, (_, d) => (business ? (d >= 5 ? weekend : 1) : uniform(r, 0.9, 1.1)));
  const monthEnd = uniform(r, 1.05, 1.25);
  const growth = Math.log(1 + uniform(r, -0.25, 0.8)) / 365;
  const sigma = uniform(r, 0.04, 0.12);
  const begin = r() < 0.2 ? Math.floor(r() * 150) : 0;
  const anomalies = injectAnomalies(r, begin, length);
  let outage = 0;
  const blipsUp = new Set<number>();
  const values = Array.from({ length }, (_, d) => {
    if (outage === 0 && r() < 0.01) outage = 1 + Math.floor(r() * 5);
    if (d < begin || outage > 0) {
      outage = Math.max(0, outage - 1);
      return null;
    }
    const day = business && HOLIDAYS.has(d) ? weekend : weekdays[d % 7]!;
    const isBlip = r() < 0.02;
    const blip = isBlip ? uniform(r, 1.15, 1.5) ** (r() < 0.5 ? 1 : -1) : Math.exp(sigma * normal(r));
    if (isBlip && blip > 1) blipsUp.add(d);
    const shock = anomalies.reduce((m, a) => m * effect(a, d), 1);
    return Math.round(base * Math.exp(growth * d) * day * (isMonthEnd(d) ? monthEnd : 1) * blip * shock * 100) / 100;
  });
  return { id, values, anomalies, begin, blipsUp };
}

/** What a day flagged outside every anomaly held: a month-end bump, an upward blip, a week after a data outage; "noise" for none. */
export function calendarFalseAlert(s: CalendarSeries, day: number): string {
  const afterOutage = s.values.slice(Math.max(s.begin, day - 7), day).some((v) => v === null);
  const held = [isMonthEnd(day) && 'month-end', s.blipsUp.has(day) && 'blip', afterOutage && 'after an outage'].filter(Boolean);
  return held.join(' + ') || 'noise';
}
