/**
 * Robust seasonal baseline for one regularly spaced series (days, or hours), pure arithmetic.
 *
 * expected(t) = level(t) × seasonal(t):
 * - seasonal: for the phase of t (weekday for daily data), the median over the last `cycles`
 *   complete cycles of value / median-of-that-cycle. A ratio to the cycle's own median keeps the
 *   profile valid across level changes; the median over cycles ignores a past spike. A cycle idle
 *   most of the time (office-hours AI calls) is normalised by its mean instead, and a phase idle
 *   in most cycles is expected at 0 and left out of the level.
 * - level: the median of the deseasonalised last `levelWindow` steps, carried forward to t along a
 *   Theil–Sen trend of the cycle medians, so a trend does not leave the baseline behind and one
 *   spike moves neither the median nor the slope.
 * - spread: a robust σ of ln(actual / expected), the larger of two estimates: 1.4826 × MAD of the
 *   leave-one-out log residuals of the seasonal history (widened for the error of the level), and
 *   1.4826 × MAD of the one-step-ahead errors the baseline really made over that history; new
 *   alerts on daily series are judged on the σ the 80th percentile of those errors implies where
 *   it is larger (tailAware), widened by √(1 + 2/n) for the n errors it was read from (a young
 *   series' σ is itself uncertain).
 * With an offset (hourly), every log ratio above is of (value + offset), as the detector scores.
 * Missing steps are `null`; they are skipped, never read as zero. Daily series with dates also get
 * day-of-month seasonality (month-days.ts), folded into `seasonal` and `expected`.
 */
import type { MonthDays } from './month-days.ts';

export interface BaselineOptions {
  /** Steps per seasonal cycle: 7 for daily data with weekly seasonality, 24 or 168 hourly, 1 none. */
  period: number;
  /** How many past cycles the seasonal profile and the spread look at. */
  cycles: number;
  /** Steps the level median is taken over. */
  levelWindow: number;
  /** Warm-up: non-missing past steps needed before any verdict. */
  minHistory: number;
  /** Floor on the log spread, so a perfectly flat series is not hair-triggered. */
  minSpread: number;
  /** Follow a trend (Theil–Sen slope); off, the level is the plain median of the window. */
  trend: boolean;
  /**
   * Judge new alerts on a spread widened to what the 80th percentile of the past one-step errors
   * implies (the same σ for normal errors): heavy-tailed day-to-day noise then does not read as
   * z ≥ 4 every few months. An episode already open is still held on the MAD's spread, so a ramp
   * that widens the errors does not split into two alerts.
   */
  tailAware?: boolean;
  /**
   * Added to both sides of every log ratio the spread is measured on (default 0), in series units:
   * the detector scores ln((actual + offset) / (expected + offset)), so its σ must be of that same
   * quantity, or the noise of near-idle hours (2 against 5 calls) inflates the σ busy hours are
   * judged on.
   */
  offset?: number;
}

export const DAILY_BASELINE: BaselineOptions = {
  period: 7,
  cycles: 8,
  levelWindow: 14,
  minHistory: 21,
  minSpread: 0.02,
  trend: true,
  tailAware: true,
};

export interface Baseline {
  /** What step t should be, given its history. */
  expected: number;
  /** Deseasonalised level at t and the seasonal factor of t's phase (expected = level × seasonal). */
  level: number;
  seasonal: number;
  /**
   * Robust σ of ln(actual / expected) for step t: costs vary by a factor, not by dollars, so a
   * +45 % day is as likely as a −31 % one and the test is symmetric in log space.
   */
  spread: number;
  /** The spread a new alert is judged on: `spread`, or wider where past errors are heavy-tailed (tailAware). */
  alertSpread: number;
  /** How many steps the level median was taken over. */
  windowSize: number;
}

/** Median of a numeric array (NaN for none); sorts a copy. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** 1.4826 × median absolute deviation from `center`: σ for normal data, blind to outliers. */
function robustSigma(xs: readonly number[], center: number): number {
  return 1.4826 * median(xs.map((x) => Math.abs(x - center)));
}

/**
 * σ implied by the 80th percentile of the errors' distance from their median (the normal's 80 %
 * two-sided quantile is 1.2816 σ). From the median, not 0: while a ramp is under way every error
 * is positive, and that lag is the drift test's business, not noise.
 */
function tailSigma(errors: readonly number[]): number {
  const center = median(errors);
  const abs = errors.map((e) => Math.abs(e - center)).sort((a, b) => a - b);
  return abs[Math.min(abs.length - 1, Math.floor(0.8 * abs.length))]! / 1.2816;
}

/**
 * Whether a one-step error says something about the noise. Without an offset a zero on either side
 * is a gap in the data, and would put ∞ into the log spread. With one, an idle step that was
 * expected idle is still left out: in a series idle most of the time those exact zeros would make
 * the spread nil, and every stray call an anomaly.
 */
const isNoise = (actual: number, expected: number, offset: number) => (offset > 0 ? actual > 0 || expected > 0 : actual > 0 && expected > 0);

/** Variance factor of a median of n samples relative to one sample (π/2 / n for large n). */
const medianVariance = (n: number) => (n > 0 ? Math.PI / 2 / n : 1);

/**
 * Seasonal factor for each phase offset o = (j − t) mod period, from the complete cycles before t,
 * plus leave-one-out log residuals: each history step against its cycle median times the factor
 * the OTHER cycles give. In-sample residuals would be too small (with three cycles a third of them
 * are exactly zero), and the spread must measure how well unseen steps are predicted.
 */
function seasonalProfile(values: readonly (number | null)[], t: number, o: BaselineOptions) {
  const P = o.period;
  const blocks: { start: number; median: number }[] = [];
  for (let k = 0; k < o.cycles; k++) {
    const start = t - (k + 1) * P;
    if (start < 0) break;
    const vs = values.slice(start, start + P).filter((v): v is number => v !== null);
    // A cycle with most of its steps missing says little about the shape of a cycle.
    if (vs.length * 2 < P) continue;
    // A cycle idle most of the time (AI calls in office hours only) has a median of 0: its mean
    // still says how busy it was, so such a series gets a profile instead of no baseline at all.
    const m = median(vs) > 0 ? median(vs) : vs.reduce((a, b) => a + b, 0) / vs.length;
    if (m > 0) blocks.push({ start, median: m });
  }
  const profile = new Array<number>(P).fill(1);
  const residuals: number[] = [];
  if (P === 1) return { profile, residuals, blocks };
  const shift = o.offset ?? 0;
  for (let off = 0; off < P; off++) {
    const ratios: number[] = [];
    const scales: number[] = [];
    for (const b of blocks) {
      const v = values[b.start + off];
      if (v !== null && v !== undefined) ratios.push(v / b.median), scales.push(b.median);
    }
    // A phase with no spend in most cycles (a night hour, a closed weekday) is expected at 0.
    const r = median(ratios);
    profile[off] = Number.isFinite(r) && r >= 0 ? r : 1;
    if (ratios.length < 2) continue;
    ratios.forEach((x, i) => {
      const others = median(ratios.filter((_, j) => j !== i));
      // Zero days are gaps in the data, not noise: they would put −∞ into the log spread. With an
      // offset they would not, but a stray call at an idle hour would then widen every hour's σ.
      if (x > 0 && others > 0) residuals.push(Math.log((x * scales[i]! + shift) / (others * scales[i]! + shift)));
    });
  }
  return { profile, residuals, blocks };
}

/** Theil–Sen slope of y over x: the median of pairwise slopes, 0 with fewer than two points. */
function theilSenSlope(xs: readonly number[], ys: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) slopes.push((ys[j]! - ys[i]!) / (xs[j]! - xs[i]!));
  }
  return slopes.length ? median(slopes) : 0;
}

/**
 * Relative slope per step. With seasonality it comes from the cycle medians (weeks for daily data):
 * long enough to be steady, and a spike inside one cycle leaves its median alone.
 */
function trendSlope(blocks: readonly { start: number; median: number }[], xs: readonly number[], ds: readonly number[], center: number, P: number): number {
  if (P === 1) return ds.length >= 7 ? theilSenSlope(xs, ds) / center : 0;
  if (blocks.length < 3) return 0;
  const medians = blocks.map((b) => b.median);
  return (
    theilSenSlope(
      blocks.map((b) => b.start),
      medians,
    ) / median(medians)
  );
}

/** The baseline for step t from values[0 .. t−1] (values[t] itself is never read), spread from the fit. */
function fitAt(values: readonly (number | null)[], t: number, o: BaselineOptions): Baseline | null {
  const P = o.period;
  const { profile, residuals, blocks } = seasonalProfile(values, t, o);
  if (P > 1 && blocks.length === 0) return null;
  const xs: number[] = [];
  const ds: number[] = [];
  for (let j = Math.max(0, t - o.levelWindow); j < t; j++) {
    const v = values[j];
    const factor = profile[(((j - t) % P) + P) % P]!;
    // Idle phases say nothing about the level of the busy ones.
    if (v === null || v === undefined || factor === 0) continue;
    xs.push(j - t);
    ds.push(v / factor);
  }
  if (ds.length === 0) return null;
  const center = median(ds);
  const slope = o.trend && center > 0 ? trendSlope(blocks, xs, ds, center, P) : 0;
  // The window median sits at the window's mean offset; carry it forward to t along the trend, but
  // no further than the recent half of the window confirms: weeks after a level shift the cycle
  // medians still climb, and the window, already all at the new level, must not be pushed above it.
  const lag = -xs.reduce((a, x) => a + x, 0) / xs.length;
  // With the recent half all in idle phases there is nothing newer than the window to go by.
  const recentDs = ds.filter((_, i) => xs[i]! >= -Math.ceil(o.levelWindow / 2));
  const recent = recentDs.length ? median(recentDs) : center;
  const carried = center * (1 + slope * lag);
  const level = Math.max(0, Math.min(Math.max(carried, Math.min(center, recent)), Math.max(center, recent)));
  const seasonal = profile[0]!;
  const expected = level * seasonal;
  // Without seasonality every cycle is one step, so the spread comes from the level window.
  const logResiduals = P > 1 && residuals.length >= 7 ? residuals : ds.filter((d) => d > 0 && center > 0).map((d) => Math.log(d / center));
  const raw = logResiduals.length >= 3 ? robustSigma(logResiduals, 0) : 0;
  // The level is a median of the window, so it carries (π/2)/n of one step's variance.
  const spread = Math.max(raw * Math.sqrt(1 + medianVariance(ds.length)), o.minSpread);
  return { expected, level, seasonal, spread, alertSpread: spread, windowSize: ds.length };
}

/**
 * Baselines for every step of a series (null while warming up). The spread of step t is the larger
 * of the fit's own spread and the robust σ of the actual one-step-ahead log errors of the last
 * `cycles` cycles (at least four level windows): those errors are what the next prediction will really make, trend and level
 * error included, and the median absolute deviation ignores the errors made on past spikes.
 * Fitting starts after one cycle so that errors are already collected when the warm-up ends.
 */
export function baselineSeries(values: readonly (number | null)[], options: BaselineOptions = DAILY_BASELINE, month?: MonthDays): (Baseline | null)[] {
  const o = options;
  const memory = Math.max(o.period * o.cycles, 4 * o.levelWindow);
  const out: (Baseline | null)[] = [];
  const errors: { t: number; e: number }[] = [];
  // Steps idle as expected within the memory (left out of the errors), oldest first.
  const idle: number[] = [];
  let seen = 0;
  for (let t = 0; t < values.length; t++) {
    const fit = seen >= Math.max(o.period, 7) ? fitAt(values, t, o) : null;
    while (errors.length && errors[0]!.t < t - memory) errors.shift();
    while (idle.length && idle[0]! < t - memory) idle.shift();
    // A series idle most of the time has few errors to go by, and the few it has are its blips:
    // judged on them, one more stray call is not an anomaly.
    if (fit && (errors.length >= 7 || (errors.length > 0 && idle.length > errors.length))) {
      const e = errors.map((x) => x.e);
      fit.spread = Math.max(fit.spread, robustSigma(e, 0));
      // A σ read off few errors is itself uncertain (a young series): widened as a prediction
      // interval is, by √(1 + 2/n), so it matters over the first weeks and fades after.
      fit.alertSpread = o.tailAware ? Math.max(fit.spread, tailSigma(e)) * Math.sqrt(1 + 2 / e.length) : fit.spread;
    }
    // A place in the month that has been off its weekly baseline month after month is expected so.
    const monthly = fit && month ? month.effect(t, fit.spread) : 0;
    if (fit && monthly !== 0) {
      fit.expected *= Math.exp(monthly);
      fit.seasonal *= Math.exp(monthly);
    }
    out.push(seen >= o.minHistory ? fit : null);
    const v = values[t];
    if (v === null || v === undefined) continue;
    seen++;
    const shift = o.offset ?? 0;
    if (fit && isNoise(v, fit.expected, shift)) {
      const e = Math.log((v + shift) / (fit.expected + shift));
      errors.push({ t, e });
      month?.record(t, e + monthly);
    } else if (fit && shift > 0) idle.push(t);
  }
  return out;
}
