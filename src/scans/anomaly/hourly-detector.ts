/**
 * The hourly detector, pure: bursts and jumps in hourly series that vary by factors hour to hour
 * (crash counts, request rates, batch-driven AI spend), where a log-space test on one hour cannot
 * tell a ×10 burst from the noise.
 *
 * - Noise model: the square root of each hour. Counts have a variance that grows with their level;
 *   the square root makes it about constant (Anscombe), while a log blows up the quiet hours. A
 *   z-score of square roots does not depend on the unit (√(a·x) = √a·√x), so dollars work too.
 * - Baseline: the median of the same hour on each of the last seven days, moved by how far the last
 *   24 hours ran from their own same-hour medians (today's level).
 * - Scores at two scales: the residual of one hour, and the sum of the last three hours' residuals
 *   (a burst that no single hour shows), each in units of 1.4826 × MAD of that same statistic over
 *   the last week, so each series is judged on its own noise, autocorrelation and all.
 * - Per-series calibration: an alert's score must reach z and exceed every score of that scale
 *   the series produced in the last week, so a series cannot alert more often than it breaks its
 *   own record; and the hours must be beyond the same hour on each of the last seven days by
 *   `NOVELTY_MARGIN` σ (last Tuesday's batch at 02:00 is not news).
 * - One alert per episode: after an alert, the hours that follow belong to its episode for up to
 *   24 hours, but three hours back at the baseline end it, so a second incident the same day is a
 *   new alert (it must still beat the series' record, the first burst included). A runaway that
 *   keeps going stays one finding, unless it escalates to `ESCALATION` × the score that raised it.
 * Parameters were chosen on NAB's development half, the development half of Microsoft's set and
 * synthetic hourly seed 7 (`npm run bench:anomaly` prints the held-out halves beside them).
 */
import { median } from './baseline.ts';
import type { Anomaly, DetectOptions, Direction } from './detector.ts';

/** Steps added up at each scale: one hour, and three hours. */
export const HOURLY_SCALES = [1, 3] as const;
/** Hours of history each scale's spread and record are read from (a week). */
const MEMORY = 168;
/** Fewest past scores a spread is read from: a day, or half the history a series needs where that is less (a young series judged early on request). */
const MIN_SCORES = 24;
/** Days of same-hour history the baseline and the novelty test read. */
const DAYS = 7;
/** Same-hour days a seasonal median needs; with fewer, the last 24 hours' median is the baseline. */
const MIN_DAYS = 6;
/** σ by which the hours must lie beyond the same hour on each of the last days. */
const NOVELTY_MARGIN = 2;
/** Hours after an alert that belong to its episode. */
const EPISODE_HOURS = 24;
/**
 * Hours in a row without an elevated hour (one-hour z on the alert's side below half the
 * threshold) that end an episode before EPISODE_HOURS. Chosen over 1, 2, 6 and 12 on the
 * development halves: 1 and 2 cost synthetic seed 7 precision, 6 and 12 gave back Microsoft's recall.
 */
const QUIET_HOURS = 3;
/**
 * How many times the score that raised an episode an hour inside it must reach to be a new alert:
 * an incident that escalates (×1.3 at first, ×2.5 nine hours later; a second, larger crash burst
 * within the quiet hours) is news the first alert did not carry. Chosen over 2, 3, 4 and 6 on the
 * development halves: 2 cost synthetic seed 7 precision (a runaway's own climb re-alerted), 4 and
 * 6 gave back Microsoft's recall.
 */
const ESCALATION = 3;
/** Floor on a one-hour spread in √ units, as a share of the series' median √ level, so a flat series is not hair-triggered. */
const MIN_SPREAD = 0.03;

const root = (x: number) => Math.sqrt(Math.max(0, x));

/** Median of the values at t − 24·d for d = 1..DAYS, with how many there were. */
function sameHour(y: readonly (number | null)[], t: number): { value: number; days: number } {
  const xs: number[] = [];
  for (let d = 1; d <= DAYS; d++) {
    const v = y[t - 24 * d];
    if (v !== null && v !== undefined) xs.push(v);
  }
  return { value: median(xs), days: xs.length };
}

/** The expected √ value of each hour (null while there is too little history). */
function baselines(y: readonly (number | null)[]): (number | null)[] {
  const seasonal = y.map((_, t) => sameHour(y, t));
  return y.map((_, t) => {
    const recent: number[] = [];
    const offSeason: number[] = [];
    for (let j = Math.max(0, t - 24); j < t; j++) {
      const v = y[j];
      if (v === null || v === undefined) continue;
      recent.push(v);
      if (seasonal[j]!.days >= 2) offSeason.push(v - seasonal[j]!.value);
    }
    if (recent.length < 12) return null;
    const level = median(recent);
    // Young: today's median, unless the series idles most of the day and the same hour says more.
    if (seasonal[t]!.days < MIN_DAYS) return level === 0 && seasonal[t]!.days >= 2 ? seasonal[t]!.value : level;
    return seasonal[t]!.value + (offSeason.length >= 12 ? median(offSeason) : 0);
  });
}

interface Scored {
  /** Robust z of the window ending at each step, and the spread it was judged on (√ units). */
  z: (number | null)[];
  spread: number[];
}

/** Each window's summed residual, standardised against the same statistic over the last week. */
function scoreScale(residuals: readonly (number | null)[], k: number, floor: number, minScores: number): Scored {
  const sums = residuals.map((_, t) => {
    if (t < k - 1) return null;
    let s = 0;
    for (let j = t - k + 1; j <= t; j++) {
      if (residuals[j] === null || residuals[j] === undefined) return null;
      s += residuals[j]!;
    }
    return s;
  });
  const spread = new Array<number>(sums.length).fill(0);
  const z = sums.map((s, t) => {
    if (s === null) return null;
    const past: number[] = [];
    // Windows overlapping this one are left out: they share its hours.
    for (let j = Math.max(0, t - MEMORY); j <= t - k; j++) if (sums[j] !== null) past.push(sums[j]!);
    if (past.length < minScores) return null;
    const center = median(past);
    spread[t] = Math.max(1.4826 * median(past.map((x) => Math.abs(x - center))), floor * Math.sqrt(k));
    return (s - center) / spread[t]!;
  });
  return { z, spread };
}

/** Whether |z| at t beats every score of its scale in the last week (the series' own record). */
function beatsRecord(z: readonly (number | null)[], t: number): boolean {
  const now = Math.abs(z[t]!);
  for (let j = Math.max(0, t - MEMORY); j < t; j++) if (z[j] !== null && Math.abs(z[j]!) >= now) return false;
  return true;
}

/** Detect hourly anomalies in values (null = missing hour); the thresholds of `options` apply per hour. */
export function detectBursts(values: readonly (number | null)[], options: DetectOptions): Anomaly[] {
  const zThreshold = options.zThreshold ?? 4;
  const minHistory = options.baseline?.minHistory ?? 0;
  const y = values.map((v) => (v === null ? null : root(v)));
  const roots = y.filter((v): v is number => v !== null && v > 0);
  const floor = MIN_SPREAD * (roots.length ? median(roots) : 0);
  const expected = baselines(y);
  const residuals = y.map((v, t) => (v === null || expected[t] === null ? null : v - expected[t]!));
  const minScores = Math.min(MIN_SCORES, Math.max(6, Math.floor(minHistory / 2)));
  const scales = HOURLY_SCALES.map((k) => ({ k, ...scoreScale(residuals, k, floor, minScores) }));
  /** The window of k hours ending at t, added up: actual and expected (back from √). */
  const window = (t: number, k: number) => {
    let actual = 0;
    let wanted = 0;
    for (let j = t - k + 1; j <= t; j++) (actual += values[j]!), (wanted += expected[j]! ** 2);
    return { actual, expected: wanted };
  };
  /** The same window on each of the last days, added up; null where an hour is missing. */
  const novel = (t: number, k: number, sign: number, spread: number) => {
    const now = root(window(t, k).actual / k);
    for (let d = 1; d <= DAYS; d++) {
      for (let h = -1; h <= 1; h++) {
        const end = t - 24 * d + h;
        let sum = 0;
        for (let j = end - k + 1; j <= end; j++) {
          if (j < 0 || values[j] === null || values[j] === undefined) sum = NaN;
          else sum += values[j]!;
        }
        if (!Number.isNaN(sum) && sign * (now - root(sum / k)) <= (NOVELTY_MARGIN * spread) / k) return false;
      }
    }
    return true;
  };

  const out: Anomaly[] = [];
  let seen = 0;
  let episode: Anomaly | null = null;
  for (let t = 0; t < values.length; t++) {
    if (values[t] === null || values[t] === undefined) continue;
    seen++;
    if (seen <= minHistory) continue;
    const open = episode && t - episode.raisedIndex <= EPISODE_HOURS && t - episode.endIndex <= QUIET_HOURS ? episode : null;
    if (open) {
      const sign = open.direction === 'spike' ? 1 : -1;
      const z = scales[0]!.z[t];
      if (z !== null && z !== undefined && sign * z >= zThreshold / 2) open.endIndex = t;
      // An hour at ESCALATION × the score that raised the episode is judged afresh (it must still pass every test below).
      if (!scales.some(({ z: zs }) => sign * (zs[t] ?? 0) >= ESCALATION * Math.abs(open.score))) continue;
    }
    for (const { k, z, spread } of scales) {
      const score = z[t];
      if (score === null || score === undefined || Math.abs(score) < zThreshold) continue;
      const direction: Direction = score > 0 ? 'spike' : 'drop';
      if (direction === 'drop' && options.drops !== true) continue;
      const w = window(t, k);
      const delta = (w.actual - w.expected) / k;
      const mean = w.expected / k;
      const relative = mean > 0 ? delta / mean : Math.sign(delta) * Infinity;
      if (Math.abs(delta) < options.minImpact || Math.abs(relative) < options.minRelative) continue;
      if (!beatsRecord(z, t) || !novel(t, k, Math.sign(score), spread[t]!)) continue;
      episode = { index: t - k + 1, endIndex: t, raisedIndex: t, kind: k === 1 ? 'point' : 'shift', direction, expected: mean, actual: w.actual / k, delta, relative, score };
      if (!options.isSuppressed?.(episode)) out.push(episode);
      break;
    }
  }
  return out;
}
