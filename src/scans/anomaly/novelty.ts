/**
 * Novelty tests for noisy (hourly) series, pure: whether a step, or the level of the last few
 * steps, lies beyond what the series already did at the same phase of its last cycles. A level
 * the series reached at this time of day last week is its rhythm, not news.
 */
import { median } from './baseline.ts';
import type { Direction } from './detector.ts';

/** A new alert's step must lie beyond all values at its phase ± `halfWidth` steps over the last `cycles` cycles, by `margin` spreads. */
export interface NoveltyOptions {
  cycles: number;
  halfWidth: number;
  margin?: number;
}

/** Whether `actual` at t lies beyond every value at t's phase ± halfWidth over the last cycles (the step itself excluded), by the margin. */
export function isNovel(values: readonly (number | null)[], t: number, actual: number, direction: Direction, period: number, n: NoveltyOptions, off: number, spread: number): boolean {
  const beyond = Math.exp((n.margin ?? 0) * spread);
  for (let c = 1; c <= n.cycles; c++) {
    for (let j = -n.halfWidth; j <= n.halfWidth; j++) {
      const y = values[t - c * period + j];
      if (y === null || y === undefined || t - c * period + j < 0) continue;
      if (direction === 'spike' ? (y + off) * beyond >= actual + off : y + off <= (actual + off) * beyond) return false;
    }
  }
  return true;
}

/**
 * Whether the level of steps [from, t] (their median) lies beyond the level of the same steps in
 * each of the last `cycles` cycles: a shift to where the series was at this time of day last week
 * (a Monday after a weekend) is its rhythm, not news. Cycles with no data there are skipped.
 */
export function isNovelLevel(values: readonly (number | null)[], from: number, t: number, direction: Direction, period: number, cycles: number, margin: number): boolean {
  const levelOf = (shift: number) => {
    const ys: number[] = [];
    for (let j = from - shift; j <= t - shift; j++) if (j >= 0 && values[j] !== null && values[j] !== undefined) ys.push(values[j]!);
    return ys.length ? median(ys) : NaN;
  };
  const now = levelOf(0);
  for (let c = 1; c <= cycles; c++) {
    const then = levelOf(c * period);
    if (Number.isNaN(then)) continue;
    if (direction === 'spike' ? then * margin >= now : then >= now * margin) return false;
  }
  return true;
}
