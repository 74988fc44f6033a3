import { expect, it } from 'vitest';
import { runsPerMonth } from '../../src/review/cron.ts';

const perMonth = (perYear: number) => perYear / 12;

it('counts runs per average month for cron, macros, seconds and AWS forms', () => {
  expect(runsPerMonth('0 * * * *')).toBeCloseTo(perMonth(365 * 24));
  expect(runsPerMonth('*/15 * * * *')).toBeCloseTo(perMonth(365 * 24 * 4));
  expect(runsPerMonth('0 9 * * 1-5')).toBeCloseTo(perMonth(261)); // weekdays of 2025
  expect(runsPerMonth('0 0 1,15 * *')).toBeCloseTo(24 / 12);
  expect(runsPerMonth('0 0 1 * 1')).toBeCloseTo(perMonth(12 + 52 - 2)); // 1st OR Monday; two 1sts are Mondays in 2025
  expect(runsPerMonth('30 2 * JAN,jul *')).toBeCloseTo(perMonth(62));
  expect(runsPerMonth('@daily')).toBeCloseTo(perMonth(365));
  expect(runsPerMonth('@hourly')).toBe(runsPerMonth('0 * * * *'));
  expect(runsPerMonth('*/30 * * * * *')).toBeCloseTo(perMonth(365 * 1440 * 2));
  expect(runsPerMonth('cron(0 12 ? * MON-FRI *)')).toBeCloseTo(perMonth(261));
  expect(runsPerMonth('cron(0 12 ? * 2-6 *)')).toBeCloseTo(perMonth(261)); // AWS counts Sunday as 1
  expect(runsPerMonth('rate(5 minutes)')).toBeCloseTo(perMonth((365 * 1440) / 5));
  expect(runsPerMonth('"0 6 * * 0"')).toBeCloseTo(perMonth(52));
});

it('refuses what is not a schedule', () => {
  for (const bad of ['hello', '* * * *', '61 * * * *', '0 25 * * *', '*/0 * * * *', 'rate(0 minutes)', '0 0 32 * *']) {
    expect(runsPerMonth(bad), bad).toBeUndefined();
  }
});
