import { describe, expect, it } from 'vitest';
import { addDays, DAY_MS, daysBetween, isIsoDay, isoDay } from '../../src/schema/days.ts';

describe('ISO days', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('counts whole days between two days, either way', () => {
    expect(daysBetween('2025-01-01', '2025-03-01')).toBe(59);
    expect(daysBetween('2025-03-01', '2025-01-01')).toBe(-59);
  });

  it('gives the UTC day of an instant', () => {
    expect(isoDay(Date.UTC(2025, 0, 31, 23, 59))).toBe('2025-01-31');
    expect(isoDay(new Date(Date.UTC(2025, 1, 1) + DAY_MS))).toBe('2025-02-02');
  });

  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2025-1-05')).toBe(false);
    expect(isIsoDay('2025-01-05T00:00:00Z')).toBe(false);
  });
});
