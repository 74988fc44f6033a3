/**
 * The change-point path beside the seasonal detector (change-point.ts): a level shift that no hour
 * shows on its own, and that three hours are too few to show, is still found and dated from where
 * it began; a single spike is not a level shift; and a level the series reached at this time of
 * day in the last week (Monday after a weekend) is its rhythm, not a shift.
 */
import { describe, expect, it } from 'vitest';
import { DETECTORS, HOURLY_BASELINE, HOURLY_CHANGE_POINT } from '../../../src/scans/anomaly/calendar.ts';
import { detect, type DetectOptions } from '../../../src/scans/anomaly/detector.ts';
import { series } from './series.ts';

const METRIC: DetectOptions = { minImpact: 0, minRelative: 0.2, drift: false, baseline: HOURLY_BASELINE };

/** Two weeks of a flat hourly metric with 10 % noise, ×`factor` from `from` on. */
function shifted(seed: number, from: number, factor: number): number[] {
  return series(24 * 14, 20, { noise: 0.1, seed }).map((x, h) => (h >= from ? x * factor : x));
}

describe('the change-point test', () => {
  it('finds a +30 % level shift, which the point and three-hour tests can miss, dated from its start', () => {
    const from = 24 * 11 + 5;
    expect(detect(shifted(11, from, 1.3), { ...METRIC, shift: { steps: 3 } })).toEqual([]);
    for (const seed of [11, 12, 13]) {
      const v = shifted(seed, from, 1.3);
      const found = detect(v, { ...METRIC, changePoint: HOURLY_CHANGE_POINT });
      expect(found, `seed ${seed}`).toHaveLength(1);
      expect(found[0]).toMatchObject({ kind: 'shift', direction: 'spike' });
      expect(Math.abs(found[0]!.index - from), `seed ${seed}`).toBeLessThanOrEqual(3);
      expect(found[0]!.raisedIndex - from).toBeLessThanOrEqual(8);
      // The typical hour since, not one noisy hour.
      expect(found[0]!.relative).toBeGreaterThan(0.2);
      expect(found[0]!.relative).toBeLessThan(0.6);
    }
  });

  it('does not read one spike as a level shift', () => {
    const v = series(24 * 14, 20, { noise: 0.1, seed: 14 });
    v[24 * 11 + 5] = 100;
    const found = detect(v, { ...METRIC, changePoint: HOURLY_CHANGE_POINT });
    expect(found.map((a) => a.kind)).toEqual(['point']);
  });

  it('stays quiet on the weekly rhythm beside the hourly scan detector, which compares a new level with the last week', () => {
    const HOURLY = { ...METRIC, ...DETECTORS.hourLog.options, changePoint: HOURLY_CHANGE_POINT };
    // Weekends at three quarters of the weekday level: each Monday the hour-of-day baseline, still at the weekend level, is left behind.
    const v = series(24 * 21, 20, { noise: 0.1, seed: 15 }).map((x, h) => (Math.floor(h / 24) % 7 >= 5 ? x * 0.75 : x));
    const noNovelty = detect(v, { ...METRIC, changePoint: HOURLY_CHANGE_POINT });
    expect(noNovelty.filter((a) => a.kind === 'shift').length).toBeGreaterThan(0);
    expect(detect(v, HOURLY)).toEqual([]);
    // A real shift in the third week is still found.
    const w = v.map((x, h) => (h >= 24 * 16 + 10 ? x * 1.6 : x));
    expect(detect(w, HOURLY).map((a) => a.index)).toEqual([24 * 16 + 10]);
  });
});
