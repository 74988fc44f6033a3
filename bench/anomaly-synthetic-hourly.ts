/**
 * Synthetic hourly AI-spend series with known anomalies, for bench/anomaly.ts. Deterministic (seeded).
 *
 * Each series: six weeks of hourly LLM spend at $0.5–50 an hour in busy hours (log-uniform); a
 * daily cycle (busy 08–20 UTC, quieter nights at 10–40 % of it: agents and users) and a weekly one
 * (weekends at 30–80 %); log-normal noise of σ 10–30 %; half the series carry a nightly batch
 * that runs at the same hour every night at 3–8 × the night level (a regular burst, not an
 * anomaly). Into each, after two weeks, 0–2 anomalies: runaways (an agent stuck in a loop:
 * ×4–×20 for 2–8 hours) and deploy step changes (a prompt or model change: ×1.5–×3 from that
 * hour on). The parameters describe spend, not the detector: it never sees them.
 */
import { seeded, type Random } from '../src/demo/random.ts';

export type HourlyKind = 'runaway' | 'step';

export interface HourlyInjected {
  kind: HourlyKind;
  /** Hour index of onset, and hours it lasts (a step lasts to the end). */
  start: number;
  hours: number;
}

export interface HourlySeries {
  values: number[];
  anomalies: HourlyInjected[];
}

export const HOURLY_DAYS = 42;
const HOURS = HOURLY_DAYS * 24;
const uniform = (r: Random, lo: number, hi: number) => lo + (hi - lo) * r();
const normal = (r: Random) => Math.sqrt(-2 * Math.log(Math.max(r(), 1e-12))) * Math.cos(2 * Math.PI * r());

export function syntheticHourly(id: number, seed: number): HourlySeries {
  const r = seeded(seed * 100_003 + id);
  const busy = Math.exp(uniform(r, Math.log(0.5), Math.log(50)));
  const night = uniform(r, 0.1, 0.4);
  const weekend = uniform(r, 0.3, 0.8);
  const sigma = uniform(r, 0.1, 0.3);
  const batchHour = r() < 0.5 ? Math.floor(uniform(r, 0, 6)) : -1;
  const batch = uniform(r, 3, 8);
  const anomalies: HourlyInjected[] = [];
  for (let n = Math.floor(uniform(r, 0, 3)); n > 0; n--) {
    const start = Math.floor(uniform(r, 14 * 24, HOURS - 24));
    if (anomalies.some((a) => Math.abs(a.start - start) < 48)) continue;
    anomalies.push(r() < 0.6 ? { kind: 'runaway', start, hours: Math.floor(uniform(r, 2, 9)) } : { kind: 'step', start, hours: HOURS - start });
  }
  const factors = anomalies.map((a) => (a.kind === 'runaway' ? uniform(r, 4, 20) : uniform(r, 1.5, 3)));
  const values = Array.from({ length: HOURS }, (_, h) => {
    const hour = h % 24;
    const day = Math.floor(h / 24) % 7;
    let v = busy * (hour >= 8 && hour < 20 ? 1 : night) * (day >= 5 ? weekend : 1);
    if (hour === batchHour) v *= batch;
    anomalies.forEach((a, i) => {
      if (h >= a.start && h < a.start + a.hours) v *= factors[i]!;
    });
    return v * Math.exp(sigma * normal(r));
  });
  return { values, anomalies };
}
