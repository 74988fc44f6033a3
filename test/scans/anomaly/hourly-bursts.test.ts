/**
 * The hourly detector (hourly-detector.ts, calendar.ts DETECTORS.hour) on bursty count series, as
 * crash counts and batch-driven spend are: a few events an hour, each hour varying by factors, so
 * a burst shows against the square-root noise of counts and not in log space.
 */
import { describe, expect, it } from 'vitest';
import { DETECTORS, HOURLY_BASELINE, detectHourly } from '../../../src/scans/anomaly/calendar.ts';
import { detect } from '../../../src/scans/anomaly/detector.ts';
import { detectBursts } from '../../../src/scans/anomaly/hourly-detector.ts';
import { seeded } from '../../../src/demo/random.ts';

const METRIC = { minImpact: 0, minRelative: 0.2, drops: true };
const START = Date.UTC(2026, 2, 2);
const dated = (v: number[]) => v.map((value, h) => ({ hour: new Date(START + h * 3_600_000).toISOString(), value }));

/** Poisson counts over two weeks: about `mean` an hour by day and a third of it at night. */
function counts(seed: number, mean: number): number[] {
  const rand = seeded(seed);
  const poisson = (lambda: number) => {
    let k = 0;
    for (let p = rand(); p > Math.exp(-lambda); p *= rand()) k++;
    return k;
  };
  return Array.from({ length: 24 * 14 }, (_, h) => poisson(h % 24 >= 8 && h % 24 < 20 ? mean : mean / 3));
}

/** The log-space detector the hourly scan used before. */
const before = (v: number[]) => detect(v, { ...METRIC, ...DETECTORS.hourLog.options, baseline: HOURLY_BASELINE });

describe('the hourly detector on bursty counts', () => {
  it('catches a three-hour ×4 burst of crashes that the log-space detector misses, while it runs', () => {
    const seeds = [1, 2, 3];
    for (const seed of seeds) {
      const v = counts(seed, 4);
      const from = 24 * 12 + 10;
      for (let h = from; h < from + 3; h++) v[h] = v[h]! * 4 + 2;
      const found = detectBursts(v, { ...METRIC, baseline: HOURLY_BASELINE });
      expect(found.length, `seed ${seed}`).toBe(1);
      expect(found[0]!.index, `seed ${seed}`).toBeGreaterThanOrEqual(from - 2);
      expect(found[0]!.raisedIndex, `seed ${seed}`).toBeLessThan(from + 3);
      expect(found[0]!.direction).toBe('spike');
    }
    expect(
      seeds
        .flatMap((seed) => before(counts(seed, 4).map((x, h) => (h >= 24 * 12 + 10 && h < 24 * 12 + 13 ? x * 4 + 2 : x))))
        .filter((a) => a.raisedIndex >= 24 * 12 + 8 && a.raisedIndex < 24 * 12 + 14),
    ).toEqual([]);
  });

  it('raises nothing on two weeks of plain Poisson noise', () => {
    for (const seed of [4, 5, 6, 7]) expect(detectBursts(counts(seed, 4), { ...METRIC, baseline: HOURLY_BASELINE }), `seed ${seed}`).toEqual([]);
  });

  it('does not alert on a batch that bursts at the same hour every night', () => {
    const v = counts(8, 4).map((x, h) => (h % 24 === 2 ? x + 40 : x));
    expect(detectBursts(v, { ...METRIC, baseline: HOURLY_BASELINE })).toEqual([]);
  });

  it('alerts once per episode: a runaway of ten hours is one finding, dated at its first hour', () => {
    const v = counts(9, 20);
    for (let h = 24 * 12 + 3; h < 24 * 12 + 13; h++) v[h] = v[h]! * 10;
    expect(detectHourly(dated(v), METRIC).map((a) => [a.start, a.kind])).toEqual([['2026-03-14T03:00:00Z', 'point']]);
  });

  it('a second, larger burst after the series is back at its baseline for hours is a new finding, not part of the first', () => {
    for (const seed of [10, 11, 12]) {
      const v = counts(seed, 4);
      const first = 24 * 12 + 9;
      const second = first + 9;
      for (let h = first; h < first + 2; h++) v[h] = v[h]! * 4 + 12;
      for (let h = second; h < second + 2; h++) v[h] = v[h]! * 8 + 24;
      const found = detectBursts(v, { ...METRIC, baseline: HOURLY_BASELINE });
      expect(
        found.map((a) => a.raisedIndex >= second),
        `seed ${seed}`,
      ).toEqual([false, true]);
      expect(found[0]!.raisedIndex, `seed ${seed}`).toBeGreaterThanOrEqual(first);
      expect(found[1]!.raisedIndex, `seed ${seed}`).toBeLessThan(second + 2);
    }
  });

  it('an incident that escalates while its episode is open is raised again: ×1.8 first, then ×6 five hours on, never back at baseline', () => {
    for (const seed of [13, 15, 16, 17]) {
      const v = counts(seed, 20);
      const first = 24 * 12 + 9;
      const worse = first + 5;
      for (let h = first; h < worse; h++) v[h] = v[h]! * 1.8 + 6;
      for (let h = worse; h < worse + 6; h++) v[h] = v[h]! * 6 + 20;
      const found = detectBursts(v, { ...METRIC, baseline: HOURLY_BASELINE });
      expect(
        found.map((a) => (a.raisedIndex < first ? 'before' : a.raisedIndex < worse ? 'first' : a.raisedIndex < worse + 3 ? 'escalation' : 'late')),
        `seed ${seed}`,
      ).toEqual(['first', 'escalation']);
      expect(found[1]!.delta, `seed ${seed}`).toBeGreaterThan(found[0]!.delta);
    }
  });
});
