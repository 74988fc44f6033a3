import { describe, expect, it } from 'vitest';
import { isTimeZone, nextSlots, previousSlot, type CronSpec } from '../../src/scheduler/slots.ts';

const at = (iso: string) => new Date(iso);

describe('previousSlot', () => {
  it('reads the fields in the time zone, not in UTC', () => {
    const spec = { expression: '0 7 * * *', timezone: 'Europe/Berlin' };
    // 07:00 in Berlin is 06:00 UTC in winter.
    expect(previousSlot(spec, at('2026-11-23T06:30:00Z'))).toEqual(at('2026-11-23T06:00:00Z'));
    expect(previousSlot(spec, at('2026-11-23T05:59:59Z'))).toEqual(at('2026-11-22T06:00:00Z'));
    expect(previousSlot(spec, at('2026-11-23T06:00:00Z'))).toEqual(at('2026-11-23T06:00:00Z'));
  });

  it('skips a wall-clock time that does not exist on the spring-forward day, as node-cron does', () => {
    const spec = { expression: '30 2 * * *', timezone: 'America/New_York' };
    // 2026-03-08 02:30 does not exist in New York; the slot before noon that day is the 7th's.
    expect(previousSlot(spec, at('2026-03-08T16:00:00Z'))).toEqual(at('2026-03-07T07:30:00Z'));
    expect(previousSlot(spec, at('2026-03-09T16:00:00Z'))).toEqual(at('2026-03-09T06:30:00Z'));
  });

  it('runs a time repeated on the fall-back day once, at its first occurrence', () => {
    const spec = { expression: '30 1 * * *', timezone: 'America/New_York' };
    expect(previousSlot(spec, at('2026-11-01T06:45:00Z'))).toEqual(at('2026-11-01T05:30:00Z'));
  });

  it('handles weekday, last-day-of-month and second-precision expressions', () => {
    expect(previousSlot({ expression: '0 9 * * 1', timezone: 'UTC' }, at('2026-11-23T08:00:00Z'))).toEqual(at('2026-11-16T09:00:00Z'));
    expect(previousSlot({ expression: '0 0 L * *', timezone: 'UTC' }, at('2026-03-15T00:00:00Z'))).toEqual(at('2026-02-28T00:00:00Z'));
    expect(previousSlot({ expression: '*/10 * * * * *', timezone: 'Asia/Kolkata' }, at('2026-11-23T10:00:09.500Z'))).toEqual(at('2026-11-23T10:00:00Z'));
    expect(previousSlot({ expression: '0 0 29 2 *', timezone: 'UTC' }, at('2026-11-23T00:00:00Z'))).toEqual(at('2024-02-29T00:00:00Z'));
  });

  // node-cron's own walker yields the upcoming slots; walking back from each must find the one before.
  it.each<CronSpec>([
    { expression: '30 2 * * *', timezone: 'America/New_York' },
    { expression: '30 1 * * *', timezone: 'America/New_York' },
    { expression: '15 */3 * * *', timezone: 'Europe/Berlin' },
    { expression: '0 6 * * 1-5', timezone: 'Australia/Sydney' },
    { expression: '45 23 L * *', timezone: 'Asia/Kolkata' },
  ])('agrees with node-cron on every slot for the next 200 ($expression, $timezone)', (spec) => {
    const slots = nextSlots(spec, 200);
    for (let i = 1; i < slots.length; i++) {
      expect(previousSlot(spec, slots[i]!)).toEqual(slots[i]);
      expect(previousSlot(spec, new Date(slots[i]!.getTime() - 1))).toEqual(slots[i - 1]);
    }
  });
});

it('knows IANA time zones', () => {
  expect(isTimeZone('Europe/Berlin')).toBe(true);
  expect(isTimeZone('UTC')).toBe(true);
  expect(isTimeZone('Mars/Olympus')).toBe(false);
});
