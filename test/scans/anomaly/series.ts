/**
 * Hand-made daily series for the anomaly tests: day 0 is Monday 2026-01-05, noise is seeded.
 */
import { seeded } from '../../../src/demo/random.ts';
import type { DailyPoint } from '../../../src/scans/anomaly/calendar.ts';

const START = Date.UTC(2026, 0, 5);

export const dateOf = (day: number) => new Date(START + day * 86_400_000).toISOString().slice(0, 10);

/** `days` values of `level` × weekday factor (Sat/Sun = `weekend`) × log-normal noise of `noise`. */
export function series(days: number, level: number, opts: { weekend?: number; noise?: number; seed?: number } = {}): number[] {
  const rand = seeded(opts.seed ?? 1);
  const noise = opts.noise ?? 0.05;
  return Array.from({ length: days }, (_, d) => {
    const season = d % 7 >= 5 ? (opts.weekend ?? 1) : 1;
    const gauss = Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
    return level * season * Math.exp(noise * gauss);
  });
}

export const points = (values: readonly number[], from = 0): DailyPoint[] => values.map((value, d) => ({ date: dateOf(d + from), value }));
