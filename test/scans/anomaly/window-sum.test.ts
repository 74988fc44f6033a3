/**
 * The window-sum test beside the hourly detector (window-sum.ts): a burst on a bursty series, where
 * hours vary by factors and no hour stands out, is found in the sum of three hours and dated from
 * the window's first hour; one spike stays one point alert; and the sum of hours the series reaches
 * at that time every day is its rhythm, not news.
 */
import { describe, expect, it } from 'vitest';
import { DETECTORS, HOURLY_BASELINE, HOURLY_WINDOW_SUM } from '../../../src/scans/anomaly/calendar.ts';
import { detect, type DetectOptions } from '../../../src/scans/anomaly/detector.ts';
import { series } from './series.ts';

const HOURLY: DetectOptions = { minImpact: 0, minRelative: 0.2, ...DETECTORS.hourLog.options, baseline: HOURLY_BASELINE };
const FROM = 24 * 11 + 5;

/** Two weeks of an hourly metric with log-normal noise of 50 % (crash counts, batch spend), ×4 for four hours from FROM. */
const bursty = (seed: number) => series(24 * 14, 20, { noise: 0.5, seed }).map((x, h) => (h >= FROM && h < FROM + 4 ? x * 4 : x));

describe('the window-sum test', () => {
  it('finds a four-hour ×4 burst no hour shows on a noisy series, dated from the window it was seen in', () => {
    for (const seed of [1, 2]) {
      const v = bursty(seed);
      expect(detect(v, HOURLY), `seed ${seed}`).toEqual([]);
      const found = detect(v, { ...HOURLY, windowSum: HOURLY_WINDOW_SUM });
      expect(found, `seed ${seed}`).toHaveLength(1);
      expect(found[0]).toMatchObject({ kind: 'shift', direction: 'spike', index: FROM, raisedIndex: FROM + 2 });
      // The window's mean hour against its expected mean: about ×4.
      expect(found[0]!.relative).toBeGreaterThan(1.5);
    }
  });

  it('keeps one spike one point alert', () => {
    const v = series(24 * 14, 20, { noise: 0.1, seed: 14 });
    v[FROM] = 200;
    expect(detect(v, { ...HOURLY, windowSum: HOURLY_WINDOW_SUM }).map((a) => [a.kind, a.index])).toEqual([['point', FROM]]);
  });

  it('does not flag the burst the series has at that time every day', () => {
    const v = series(24 * 14, 20, { noise: 0.5, seed: 3 }).map((x, h) => (h % 24 >= 5 && h % 24 < 9 ? x * 4 : x));
    expect(detect(v, { ...HOURLY, windowSum: HOURLY_WINDOW_SUM })).toEqual([]);
  });
});
