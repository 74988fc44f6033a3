/**
 * Window-sum test, pure: the last `steps` steps added up against their baselines added up, as a
 * cost series is read ("$310 in the last six hours against $60 expected").
 *
 * Bursty series (crash counts, batch jobs) vary by factors hour to hour, so no single hour and no
 * median of a few stands out, while the sum over a few hours does: noise averages out in a sum,
 * a burst does not. The sum's log ratio is judged on the spread of that same statistic over the
 * series' own past (1.4826 × MAD of the earlier windows' log ratios, none overlapping the current
 * one), so the test is calibrated per series, autocorrelation and all, with no assumed noise law.
 */
import { median, type Baseline } from './baseline.ts';

export interface WindowSumOptions {
  /** Steps added up (e.g. 6 hours). */
  steps: number;
  /** Past windows the spread is read from (default 168: a week of hours). */
  memory?: number;
}

/** Floor on the spread, as the baseline's: a flat series is not hair-triggered. */
const MIN_SPREAD = 0.02;

export interface WindowSum {
  /** First step of the window, and the window's actual and expected per-step means. */
  start: number;
  actual: number;
  expected: number;
  /** ln((Σ actual + k·offset) / (Σ expected + k·offset)) in units of its past spread. */
  score: number;
}

/** Fewest past windows a spread is read from. */
const MIN_WINDOWS = 24;

/** Returns `at(t)`: the window ending at t, scored, or null without enough data. */
export function windowSums(values: readonly (number | null)[], baselines: readonly (Baseline | null)[], offset: number, o: WindowSumOptions) {
  const k = o.steps;
  const memory = o.memory ?? 168;
  // Log ratio of the window ending at each step; null where a step or its baseline is missing.
  const ratios: (number | null)[] = values.map((_, t) => {
    if (t < k - 1) return null;
    let actual = 0;
    let expected = 0;
    for (let j = t - k + 1; j <= t; j++) {
      const y = values[j];
      const b = baselines[j];
      if (y === null || y === undefined || !b) return null;
      actual += y;
      expected += b.expected;
    }
    // A window idle as expected says nothing of the noise (as baseline.ts leaves out idle steps).
    if (actual === 0 && expected === 0) return null;
    const a = actual + k * offset;
    const e = expected + k * offset;
    return a > 0 && e > 0 ? Math.log(a / e) : null;
  });
  return (t: number): WindowSum | null => {
    const now = ratios[t];
    if (now === null || now === undefined) return null;
    const past: number[] = [];
    for (let j = Math.max(0, t - memory); j <= t - k; j++) if (ratios[j] !== null && ratios[j] !== undefined) past.push(Math.abs(ratios[j]!));
    if (past.length < MIN_WINDOWS) return null;
    const spread = Math.max(1.4826 * median(past), MIN_SPREAD);
    let actual = 0;
    let expected = 0;
    for (let j = t - k + 1; j <= t; j++) (actual += values[j]!), (expected += baselines[j]!.expected);
    return { start: t - k + 1, actual: actual / k, expected: expected / k, score: now / spread };
  };
}
