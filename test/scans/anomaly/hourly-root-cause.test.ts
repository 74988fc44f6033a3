import { describe, it, expect } from 'vitest';
import { detectHourly } from '../../../src/scans/anomaly/calendar.ts';
import { rankContributors, rootCause } from '../../../src/scans/anomaly/root-cause.ts';
import { dateOf, points, series } from './series.ts';

describe('detectHourly', () => {
  it('flags a runaway agent within its first hour', () => {
    const start = Date.UTC(2026, 2, 2);
    const v = series(24 * 14, 20, { noise: 0.1 }).map((x, h) => x * (h % 24 >= 8 && h % 24 < 20 ? 2 : 0.5));
    for (let h = 24 * 12 + 3; h < 24 * 12 + 9; h++) v[h] = v[h]! * 15;
    const hourly = v.map((value, h) => ({ hour: new Date(start + h * 3_600_000).toISOString(), value }));
    const found = detectHourly(hourly, { minImpact: 5, minRelative: 1 });
    expect(found.map((a) => a.start)).toEqual(['2026-03-14T03:00:00Z']);
  });
});

describe('rootCause', () => {
  it('ranks the planted contributor first with its $ impact', () => {
    const day = 100;
    const mk = (level: number, seed: number, bump = 0) => {
      const v = series(day + 1, level, { weekend: 0.7, seed });
      v[day] = v[day]! + bump;
      return points(v);
    };
    const found = rootCause(
      [
        { key: { ServiceName: 'Amazon S3' }, points: mk(300, 2) },
        { key: { ServiceName: 'Amazon EC2' }, points: mk(900, 3, 700) },
        { key: { ServiceName: 'AWS Lambda' }, points: mk(120, 4, 40) },
        { key: { ServiceName: 'Amazon Bedrock' }, points: [{ date: dateOf(day), value: 90 }] },
      ],
      dateOf(day),
      'spike',
    );
    expect(found.map((c) => c.key.ServiceName).slice(0, 2)).toEqual(['Amazon EC2', 'Amazon Bedrock']);
    expect(found[0]!.delta).toBeGreaterThan(600);
    expect(found[0]!.delta).toBeLessThan(800);
    expect(found[0]!.share).toBeGreaterThan(0.6);
    expect(found[1]).toMatchObject({ expected: 0, actual: 90, delta: 90 });
  });

  it('leaves out contributors that moved the other way', () => {
    const ranked = rankContributors(
      [
        { key: 'a', expected: 100, actual: 90 },
        { key: 'b', expected: 100, actual: 300 },
      ],
      'spike',
    );
    expect(ranked).toEqual([{ key: 'b', expected: 100, actual: 300, delta: 200, share: 200 / 190 }]);
  });
});
