import { describe, expect, it } from 'vitest';
import { compactNumber, dimensionLabel, formatPercent, formatPeriod, formatRange, formatValue, metricLabel } from '../../src/charts/format.ts';

describe('chart text', () => {
  it('money is short, with at most three significant digits', () => {
    const cases: Array<[number, string]> = [
      [0, '$0'],
      [5, '$5'],
      [12.5, '$12.5'],
      [123.456, '$123'],
      [999.4, '$999'],
      [999.96, '$1k'],
      [1234, '$1.2k'],
      [12_345, '$12.3k'],
      [123_456, '$123k'],
      [999_990, '$1M'],
      [2_500_000, '$2.5M'],
      [3.2e9, '$3.2B'],
      [-1500, '-$1.5k'],
      [0.00231, '$0.0023'],
      [0.5, '$0.5'],
    ];
    for (const [x, text] of cases) expect(formatValue(x, 'USD'), String(x)).toBe(text);
  });

  it('tokens and requests carry no currency', () => {
    expect(formatValue(1_234_567, 'tokens')).toBe('1.2M');
    expect(formatValue(42, 'requests')).toBe('42');
    expect(compactNumber(-0.0004)).toBe('-0.0004');
  });

  it('changes read as signed percentages, "new" when there was nothing before', () => {
    expect(formatPercent(33.333)).toBe('+33%');
    expect(formatPercent(-4.44)).toBe('-4.4%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('new');
  });

  it('dates and ranges (the range end is exclusive)', () => {
    expect(formatPeriod('2025-11-03', 'day')).toBe('Nov 3, 2025');
    expect(formatPeriod('2025-11-03', 'week')).toBe('week of Nov 3, 2025');
    expect(formatPeriod('2025-11-01', 'month')).toBe('Nov 2025');
    expect(formatRange('2025-10-01', '2025-11-01')).toBe('Oct 1 – 31, 2025');
    expect(formatRange('2025-10-15', '2025-11-15')).toBe('Oct 15 – Nov 14, 2025');
    expect(formatRange('2024-12-15', '2025-01-15')).toBe('Dec 15, 2024 – Jan 14, 2025');
    expect(formatRange('2025-11-03', '2025-11-04')).toBe('Nov 3, 2025');
  });

  it('metric and dimension names as words', () => {
    expect(metricLabel('effective_cost')).toBe('Effective cost');
    expect(metricLabel('cost_per_1k_tokens')).toBe('Cost per 1k tokens');
    expect(dimensionLabel('ServiceName')).toBe('service');
    expect(dimensionLabel('SubAccountId')).toBe('sub account');
    expect(dimensionLabel('RegionId')).toBe('region');
    expect(dimensionLabel('ChargeCategory')).toBe('charge category');
    expect(dimensionLabel('cost_center')).toBe('cost center');
    expect(dimensionLabel('tag:env')).toBe('env tag');
    expect(dimensionLabel('model')).toBe('model');
  });
});
