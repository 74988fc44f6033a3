/**
 * Days as Penny's data and contract write them: ISO `YYYY-MM-DD` UTC calendar days, with the
 * arithmetic every module needs on them (a day later, days between, the day of an instant).
 */

export const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant (epoch milliseconds or a Date), as YYYY-MM-DD. */
export function isoDay(at: number | Date): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Midnight UTC starting a YYYY-MM-DD day, in epoch milliseconds. */
export function dayStartMs(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

/** The day `n` days after `iso` (before it when `n` is negative). */
export function addDays(iso: string, n: number): string {
  return isoDay(dayStartMs(iso) + n * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStartMs(to) - dayStartMs(from)) / DAY_MS);
}

/** Whether `text` is a real calendar day written YYYY-MM-DD (2025-02-30 is not). */
export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = dayStartMs(text);
  return !Number.isNaN(ms) && isoDay(ms) === text;
}
