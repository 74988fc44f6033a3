import { describe, it, expect } from 'vitest';
import { detectDaily } from '../../../src/scans/anomaly/calendar.ts';
import { ruleMatching } from '../../../src/scans/anomaly/feedback.ts';
import { dateOf, points, series } from './series.ts';

const COST = { minImpact: 10, minRelative: 0.2 };

describe('detectDaily', () => {
  it('raises nothing on a flat series with noise', () => {
    expect(detectDaily(points(series(365, 500, { noise: 0.08 })), { ...COST, drops: true })).toEqual([]);
  });

  it('flags a weekday spike on its first day with a sane expected value', () => {
    const v = series(120, 1000, { weekend: 0.6 });
    v[86] = 2500; // a Wednesday
    const found = detectDaily(points(v), COST);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ start: dateOf(86), direction: 'spike', kind: 'point', actual: 2500 });
    expect(found[0]!.expected).toBeGreaterThan(900);
    expect(found[0]!.expected).toBeLessThan(1100);
    expect(found[0]!.delta).toBeCloseTo(2500 - found[0]!.expected);
    expect(found[0]!.score).toBeGreaterThan(4);
  });

  it('does not flag the normal weekend dip, even with drops on', () => {
    const v = series(120, 1000, { weekend: 0.5 });
    expect(detectDaily(points(v), { ...COST, drops: true })).toEqual([]);
    // A weekday as low as a weekend is a drop, though.
    v[100] = 500; // a Thursday
    expect(detectDaily(points(v), { ...COST, drops: true }).map((a) => [a.start, a.direction])).toEqual([[dateOf(100), 'drop']]);
    expect(detectDaily(points(v), COST)).toEqual([]);
  });

  it('keeps a past spike out of the baseline, so the next spike is still caught', () => {
    const v = series(120, 1000, { weekend: 0.7 });
    v[58] = 8000; // Tuesday
    v[72] = 1800; // Tuesday, two weeks later
    const found = detectDaily(points(v), COST);
    expect(found.map((a) => a.start)).toEqual([dateOf(58), dateOf(72)]);
    expect(found[1]!.expected).toBeLessThan(1100);
  });

  it('says nothing during the warm-up of a new series', () => {
    const v = series(40, 1000);
    v[10] = 5000;
    v[30] = 5000;
    expect(detectDaily(points(v, 200), COST).map((a) => a.start)).toEqual([dateOf(230)]);
  });

  it('flags a level shift once, on its first day, and then adapts', () => {
    const v = series(200, 1000, { weekend: 0.7 }).map((x, d) => (d >= 80 ? x * 2 : x));
    expect(detectDaily(points(v), COST).map((a) => a.start)).toEqual([dateOf(80)]);
    // Three and seven weeks on, the new level is the baseline: spikes are measured against it.
    v[101] = 5000; // Thursday
    v[128] = 5000; // Friday
    const found = detectDaily(points(v), COST);
    expect(found.map((a) => a.start)).toEqual([dateOf(80), dateOf(101), dateOf(128)]);
    for (const a of found.slice(1)) {
      expect(a.expected).toBeGreaterThan(1800);
      expect(a.expected).toBeLessThan(2200);
    }
  });

  it('catches a slow drift within three weeks, once', () => {
    const v = series(200, 1000, { weekend: 0.7 }).map((x, d) => x * (1 + Math.min(1, Math.max(0, d - 80) / 30)));
    const found = detectDaily(points(v), COST);
    expect(found).toHaveLength(1);
    expect(found[0]!.start > dateOf(80) && found[0]!.start <= dateOf(101)).toBe(true);
  });

  it('sees a level shift in a series younger than the drift lookback, against its first level', () => {
    // +45 % on day 30 of a noisy new series: no single day reaches z 4, and four weeks ago is before the series began.
    const v = series(120, 1000, { noise: 0.15 }).map((x, d) => (d >= 30 ? x * 1.45 : x));
    const found = detectDaily(points(v), COST);
    expect(found).toHaveLength(1);
    // Once the level median has turned, well before day 49 (the first day four weeks after the warm-up).
    expect(found[0]!.start >= dateOf(30) && found[0]!.start < dateOf(45)).toBe(true);
  });

  it('ignores a large relative jump worth less than the absolute threshold', () => {
    const v = series(90, 0.4);
    v[70] = 2;
    expect(detectDaily(points(v), COST)).toEqual([]);
    expect(detectDaily(points(v), { minImpact: 1, minRelative: 0.2 }).map((a) => a.start)).toEqual([dateOf(70)]);
  });

  it('treats absent days as missing, not as zero', () => {
    const pts = points(series(120, 1000, { weekend: 0.7 })).filter((_, d) => d % 9 !== 4);
    expect(detectDaily(pts, { ...COST, drops: true })).toEqual([]);
  });

  it('lets feedback suppress an expected change, and its following days', () => {
    const v = series(120, 1000).map((x, d) => (d >= 90 && d < 95 ? x * 3 : x));
    expect(detectDaily(points(v), COST).map((a) => a.start)).toEqual([dateOf(90)]);
    const planned = ruleMatching([{ id: 1, rule: { from: dateOf(89), to: dateOf(91), direction: 'spike' } }]);
    expect(detectDaily(points(v), { ...COST, isSuppressed: (a) => planned(a) !== undefined })).toEqual([]);
    const small = ruleMatching([{ id: 2, rule: { upToRelative: 0.5 } }]);
    expect(detectDaily(points(v), { ...COST, isSuppressed: (a) => small(a) !== undefined })).toHaveLength(1);
  });

  it('raises a spike on top of a level shift whose episode is still open as a new alert, once', () => {
    const v = series(140, 1000, { weekend: 0.7 }).map((x, d) => (d >= 80 ? x * 2 : x));
    // Three days into the doubled level (still the shift's episode), a day at three times it.
    v[83] = v[83]! * 3; // Friday
    expect(detectDaily(points(v), COST).map((a) => a.start)).toEqual([dateOf(80), dateOf(83)]);
    // A four-day spike is one event: its later days sit at its first day's level.
    const w = series(140, 1000, { weekend: 0.7 }).map((x, d) => (d >= 80 && d < 84 ? x * 3 : x));
    expect(detectDaily(points(w), COST).map((a) => a.start)).toEqual([dateOf(80)]);
  });

  it('raises a new spike two days after a short one ended as its own alert', () => {
    const v = series(140, 1000);
    v[86] = 3000;
    v[89] = 9000; // within the cool-down of the first, but three times its height
    expect(detectDaily(points(v), COST).map((a) => a.start)).toEqual([dateOf(86), dateOf(89)]);
  });

  it('does not alert on the ±25 % days a heavy-tailed series has every week or so, only on the real spike', () => {
    // Every fourth day jolts by ×1.25 or ×0.8: a MAD-only spread calls two of them anomalies.
    const v = series(120, 1000, { noise: 0.04, seed: 3 }).map((x, d) => (d % 4 === 0 ? x * (d % 8 === 0 ? 1.25 : 0.8) : x));
    v[101] = v[101]! * 1.3;
    v[110] = v[110]! * 2.5;
    expect(detectDaily(points(v), COST).map((a) => a.start)).toEqual([dateOf(110)]);
    expect(detectDaily(points(v), { ...COST, baseline: { tailAware: false } }).map((a) => a.start)).toEqual([dateOf(88), dateOf(96), dateOf(110)]);
  });
});
