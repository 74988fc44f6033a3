/**
 * The hourly detector (calendar.ts DETECTORS.hour) puts precision first: AI spend whose level
 * ramps up over days (a launch, a growing customer) raises no alert at night, where the daily
 * detector's drift test (what the hourly scan used before) does, while a runaway is still caught
 * in its first hour.
 */
import { describe, expect, it } from 'vitest';
import { detectHourly, DETECTORS, HOURLY_BASELINE } from '../../../src/scans/anomaly/calendar.ts';
import { detect } from '../../../src/scans/anomaly/detector.ts';
import { seeded } from '../../../src/demo/random.ts';
import { series } from './series.ts';

const START = Date.UTC(2026, 2, 2);
const COST = { minImpact: 5, minRelative: 1 };

/** Office-hours AI spend over three weeks, its level tripling smoothly over the last nine days. */
function ramping(seed: number): number[] {
  return series(24 * 21, 20, { noise: 0.1, seed }).map((x, h) => {
    const ramp = h < 24 * 12 ? 1 : 1 + (2 * (h - 24 * 12)) / (24 * 9);
    return x * ramp * (h % 24 >= 8 && h % 24 < 20 ? 2 : 0.5);
  });
}
const dated = (v: number[]) => v.map((value, h) => ({ hour: new Date(START + h * 3_600_000).toISOString(), value }));

describe('the hourly detector', () => {
  it('raises no alert on a ramp over days, where the daily detector does', () => {
    const before = [1, 2, 3].map((seed) => detect(ramping(seed), { ...COST, baseline: HOURLY_BASELINE }));
    expect(before.flat().length).toBeGreaterThan(0);
    for (const seed of [1, 2, 3]) expect(detectHourly(dated(ramping(seed)), COST), `seed ${seed}`).toEqual([]);
  });

  it('still catches a runaway in its first hour, and says which detector it used', () => {
    const v = ramping(4);
    for (let h = 24 * 19 + 3; h < 24 * 19 + 9; h++) v[h] = v[h]! * 15;
    expect(detectHourly(dated(v), COST).map((a) => a.start)).toEqual(['2026-03-21T03:00:00Z']);
    expect(DETECTORS.hour.text).toMatch(/^hourly: square-root .*a spike is .*a burst is/);
  });
});

describe('an office-hours series', () => {
  /** AI spend from 09:00 to 17:00 UTC only, nothing at night: most hours of every day are 0. */
  const officeHours = (seed: number) => series(24 * 14, 20, { noise: 0.15, seed }).map((x, h) => (h % 24 >= 9 && h % 24 < 17 ? x : 0));

  it('has a baseline, so a runaway in office hours is caught in its first hour, and quiet days raise nothing', () => {
    for (const seed of [1, 2, 3]) expect(detectHourly(dated(officeHours(seed)), COST), `seed ${seed}`).toEqual([]);
    const v = officeHours(4);
    for (let h = 24 * 12 + 10; h < 24 * 12 + 14; h++) v[h] = v[h]! * 10;
    expect(detectHourly(dated(v), COST).map((a) => a.start)).toEqual(['2026-03-14T10:00:00Z']);
  });

  it('is caught at night too, when an agent keeps calling after hours', () => {
    const v = officeHours(5);
    for (let h = 24 * 12 + 1; h < 24 * 12 + 5; h++) v[h] = 30;
    expect(detectHourly(dated(v), COST).map((a) => a.start)).toEqual(['2026-03-14T01:00:00Z']);
  });
});

it('gives a night hour of a series busy three hours a day a finite baseline', () => {
  const v = series(24 * 14, 20, { noise: 0.15, seed: 8 }).map((x, h) => (h % 24 >= 9 && h % 24 < 12 ? x : 0));
  for (let h = 24 * 12 + 1; h < 24 * 12 + 5; h++) v[h] = 30;
  const found = detectHourly(dated(v), COST);
  expect(found.map((a) => [a.start, a.expected])).toEqual([['2026-03-14T01:00:00Z', 0]]);
});

describe('precision tests of the hourly detector', () => {
  const flat = (seed: number) => series(24 * 14, 20, { noise: 0.1, seed });
  const METRIC = { minImpact: 0, minRelative: 0.2, drift: false as const, baseline: HOURLY_BASELINE };

  it('persistence: a one-hour blip waits for a second hour, and is reported from its first; an extreme one at once', () => {
    const blip = flat(6);
    blip[24 * 12 + 5] = 60;
    const held = { ...METRIC, persistence: { steps: 2, immediateScore: Infinity } };
    expect(detect(blip, METRIC).map((a) => a.index)).toEqual([24 * 12 + 5]);
    expect(detect(blip, held)).toEqual([]);
    const twoHours = [...blip];
    twoHours[24 * 12 + 6] = 60;
    expect(detect(twoHours, held).map((a) => [a.index, a.raisedIndex])).toEqual([[24 * 12 + 5, 24 * 12 + 6]]);
    expect(detect(blip, { ...held, persistence: { steps: 2, immediateScore: 4 } }).map((a) => a.raisedIndex)).toEqual([24 * 12 + 5]);
  });

  it('novelty: an hour no higher than that time of day reached in the last week is not news', () => {
    const v = flat(7);
    v[24 * 9 + 14] = 70;
    v[24 * 12 + 14] = 65;
    const novel = { ...METRIC, novelty: { cycles: 7, halfWidth: 1 } };
    expect(detect(v, METRIC).map((a) => a.index)).toEqual([24 * 9 + 14, 24 * 12 + 14]);
    expect(detect(v, novel).map((a) => a.index)).toEqual([24 * 9 + 14]);
    v[24 * 12 + 14] = 90;
    expect(detect(v, novel).map((a) => a.index)).toEqual([24 * 9 + 14, 24 * 12 + 14]);
  });

  it('novelty with a margin: just beyond last week, within the noise, is not news either', () => {
    const v = flat(7);
    v[24 * 9 + 14] = 70;
    v[24 * 12 + 14] = 72;
    const novel = (margin: number) => ({ ...METRIC, novelty: { cycles: 7, halfWidth: 1, margin } });
    expect(detect(v, novel(0)).map((a) => a.index)).toEqual([24 * 9 + 14, 24 * 12 + 14]);
    expect(detect(v, novel(1)).map((a) => a.index)).toEqual([24 * 9 + 14]);
    v[24 * 12 + 14] = 90;
    expect(detect(v, novel(1)).map((a) => a.index)).toEqual([24 * 9 + 14, 24 * 12 + 14]);
  });
});

describe('a series idle most of the time', () => {
  const METRIC = { minImpact: 0, minRelative: 0.2 };
  /** One call at 09:00 every day, nothing else but a stray call every 30 to 50 hours, at any hour. */
  const blips = () => {
    const rand = seeded(9);
    const v = Array.from({ length: 24 * 14 }, (_, h): number => (h % 24 === 9 ? 1 : 0));
    for (let h = 10; h < v.length; h += 30 + Math.floor(rand() * 20)) v[h] = 1;
    return v;
  };

  it('is judged on the spread of its blips, so one more stray call is not an anomaly', () => {
    expect(detectHourly(dated(blips()), METRIC)).toEqual([]);
  });

  it('still flags thirty calls in an hour', () => {
    const v = blips();
    for (let h = 24 * 12 + 3; h < 24 * 12 + 6; h++) v[h] = 30;
    expect(detectHourly(dated(v), METRIC).map((a) => a.start)).toEqual(['2026-03-14T03:00:00Z']);
  });
});

it('level shift: +50 % held for hours, no hour of it z ≥ 4, is reported at its third hour and dated from its first', () => {
  const METRIC = { minImpact: 0, minRelative: 0.2, drift: false as const, baseline: HOURLY_BASELINE };
  const v = series(24 * 14, 20, { noise: 0.1, seed: 10 });
  const from = 24 * 12 + 2;
  for (let h = from; h < v.length; h++) v[h] = v[h]! * 1.5;
  expect(detect(v, METRIC)).toEqual([]);
  expect(detect(v, { ...METRIC, shift: { steps: 3 } }).map((a) => [a.index, a.raisedIndex])).toEqual([[from, from + 2]]);
});
