import { describe, it, expect } from 'vitest';
import { baselineSeries, DAILY_BASELINE } from '../../../src/scans/anomaly/baseline.ts';

describe('baselineSeries', () => {
  it("widens a young series' alert spread for the few errors its σ is read from, less as they add up", () => {
    // ±5 % every other day: the tail percentile implies no more than the MAD does, so only the
    // small-sample widening can put the alert spread above the spread.
    const values = Array.from({ length: 200 }, (_, d) => 1000 * (d % 2 ? 1.05 : 1 / 1.05));
    const fits = baselineSeries(values, DAILY_BASELINE);
    const ratio = (t: number) => fits[t]!.alertSpread / fits[t]!.spread;
    const young = ratio(DAILY_BASELINE.minHistory);
    expect(young).toBeGreaterThan(1.05);
    expect(ratio(199)).toBeLessThan(young);
    expect(ratio(199)).toBeGreaterThan(1);
    // Without the tail-aware test (hourly) the alert spread is the spread.
    const plain = baselineSeries(values, { ...DAILY_BASELINE, tailAware: false });
    expect(plain[199]!.alertSpread).toBe(plain[199]!.spread);
  });
});
