/**
 * The daily detector across episodes: a change that follows an earlier alert is still its own
 * finding, reported as soon as its own evidence allows.
 */
import { describe, it, expect } from 'vitest';
import { detectDaily } from '../../../src/scans/anomaly/calendar.ts';
import { dateOf, points, series } from './series.ts';

const COST = { minImpact: 10, minRelative: 0.2 };

describe('detectDaily after an earlier episode', () => {
  it('reports a level shift no single day shows within two weeks, though a spike was reported three weeks before it', () => {
    // ×1.5 on a series with 12 % noise: its first day scores about z 3, so the level test finds it.
    const v = series(160, 1000, { weekend: 0.7, noise: 0.12, seed: 3 }).map((x, d) => (d >= 80 ? x * 1.5 : x));
    v[58] = 5000;
    const found = detectDaily(points(v), COST);
    expect(found.map((a) => [a.kind, a.start])).toEqual([
      ['point', dateOf(58)],
      ['drift', expect.any(String)],
    ]);
    // Before, the level test waited until six weeks after the spike (day 101).
    expect(found[1]!.start >= dateOf(80) && found[1]!.start <= dateOf(94)).toBe(true);
  });
});
