/**
 * Change-point test for level shifts, pure: a two-sided CUSUM on robustly standardised log errors.
 *
 * The point test asks whether one step is unusual; a deploy that raises spend by half may never
 * make one hour unusual, and the seasonal baseline absorbs the new level within a day. So from the
 * first step a side starts accumulating, its errors are measured against the level of that step,
 * frozen (times each later step's own seasonal factor), in units of that step's robust σ, each
 * clipped to ±`clip` σ so that one spike cannot make a shift on its own: S⁺ = max(0, S⁺ + r − k),
 * and the mirror for drops. A side reaching `h` is a change point: the level moved by about
 * `k` σ or more since its start, the step it is dated from. The alarm resets both sides.
 */
import { median, type Baseline } from './baseline.ts';

export interface ChangePointOptions {
  /** Allowance per step in σ: half the smallest shift worth finding (default 1: shifts of 2 σ). */
  k?: number;
  /** Decision threshold in σ (default 6). */
  h?: number;
  /** Clip on one step's standardised error, in σ (default 3). */
  clip?: number;
}

interface Side {
  sum: number;
  /** Step the side started accumulating at; its baseline is the frozen reference. */
  start: number;
}

export interface ChangePoint {
  direction: 'spike' | 'drop';
  /** The step the shift is dated from, and the steps since then. */
  start: number;
  /** Median log error since `start` against the frozen level: the size of the shift. */
  logShift: number;
  /** Statistic at the alarm, in σ. */
  score: number;
}

/** A CUSUM fed one step at a time; `step` returns a change point when one side reaches h. */
export function changePointTracker(values: readonly (number | null)[], baselines: readonly (Baseline | null)[], offset: number, o: ChangePointOptions = {}) {
  const k = o.k ?? 1;
  const h = o.h ?? 6;
  const clip = o.clip ?? 3;
  const up: Side = { sum: 0, start: -1 };
  const down: Side = { sum: 0, start: -1 };
  /** Log error of step t against the level frozen at `from`. */
  const errorAt = (t: number, from: number) => {
    const ref = baselines[from]!;
    const b = baselines[t]!;
    return Math.log((values[t]! + offset) / (ref.level * b.seasonal + offset));
  };
  const advance = (side: Side, t: number, sign: 1 | -1) => {
    const from = side.sum > 0 ? side.start : t;
    const r = Math.max(-clip, Math.min(clip, (sign * errorAt(t, from)) / baselines[from]!.spread));
    const sum = Math.max(0, side.sum + r - k);
    side.start = sum > 0 ? from : -1;
    side.sum = sum;
  };
  return {
    reset() {
      up.sum = down.sum = 0;
      up.start = down.start = -1;
    },
    step(t: number): ChangePoint | null {
      const y = values[t];
      const b = baselines[t];
      if (y === null || y === undefined || !b || !(b.level > 0) || y + offset <= 0) return null;
      advance(up, t, 1);
      advance(down, t, -1);
      const side = up.sum >= h ? up : down.sum >= h ? down : null;
      if (!side) return null;
      const errors: number[] = [];
      for (let j = side.start; j <= t; j++) if (values[j] !== null && values[j] !== undefined && baselines[j]) errors.push(errorAt(j, side.start));
      const cp: ChangePoint = { direction: side === up ? 'spike' : 'drop', start: side.start, logShift: median(errors), score: side.sum };
      this.reset();
      return cp;
    },
  };
}
