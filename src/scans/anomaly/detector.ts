/**
 * Anomaly detector over a regularly spaced series, pure: no database, no clock.
 *
 * Each step is compared with its robust seasonal baseline (baseline.ts, built from earlier steps
 * only; for a daily series given its first day, with day-of-month seasonality, month-days.ts). A step is anomalous when all three hold: the score |ln(actual / expected)| / spread
 * reaches `zThreshold` (it is unusual: costs vary by factors, so the test is in log space),
 * |actual − expected| reaches `minImpact` (it is worth money) and |relative change| reaches
 * `minRelative` (it is not a rounding of a big bill). Anomalous steps form an episode reported on
 * its FIRST step. The episode continues while the step still passes at half the thresholds, or the
 * level test below still sees the change at half strength (hysteresis), and a new flag in the same
 * direction within `cooldown` steps of its end extends it: a level shift is one alert, and once the
 * baseline has absorbed the new level the episode ends without a new one. A full point flag on an
 * episode that only the level test still holds is a new alert (a spike weeks after a shift), and so
 * is one whose error stands out by z from the episode's last few steps' errors, while the episode
 * is open or within its cool-down (a spike days after a shift, or just after a short spike).
 *
 * Two precision tests for noisy (hourly) series, off unless asked: `novelty`, a new alert's step
 * must lie beyond every value seen at the same phase (± a few steps) in the last cycles, by `margin`
 * spreads, so a level the series already reached at that time of day last week, give or take its
 * noise, is not news (its episode opens quietly); and `persistence`, a new episode is reported only
 * once it has lasted that many steps, unless its first step is extreme. A recall test for them,
 * also off unless asked: `shift`, a level shift no single step shows, seen in the median of the
 * last few steps' errors (reported at once, dated from its first step), and `windowSum`, a burst
 * seen only in the last few steps added up (window-sum.ts), each beyond last cycles' levels.
 *
 * A slow drift never makes one day stand out, so a second test compares the level now with the
 * level `drift.lookback` steps ago (in a series younger than that, with its first level; within
 * the lookback of an episode's end, with the first level that postdates it, so a change that a
 * reported one did not explain is seen within two level windows, not held off for the lookback
 * as well) and reports a 'drift' episode once the change is material.
 * Drops are reported only when asked: for costs, money going away is rarely an alert.
 */
import { baselineSeries, DAILY_BASELINE, median, type Baseline, type BaselineOptions } from './baseline.ts';
import { monthDays } from './month-days.ts';
import { isNovel, isNovelLevel, type NoveltyOptions } from './novelty.ts';
import { changePointTracker, type ChangePoint, type ChangePointOptions } from './change-point.ts';
import { windowSums, type WindowSum, type WindowSumOptions } from './window-sum.ts';

export type Direction = 'spike' | 'drop';
/** Which test raised the alert: one step (`point`), a level shift (`shift`), or a slow `drift`. */
export type AnomalyKind = 'point' | 'shift' | 'drift';

export interface DriftOptions {
  /** Steps between the two levels compared (28 for daily: four weeks). */
  lookback: number;
  /** Relative level change that makes a drift, e.g. 0.3. */
  minRelative: number;
}

export interface DetectOptions<A = Anomaly> {
  /** Smallest |actual − expected| worth an alert, in series units ($ per day for daily cost). */
  minImpact: number;
  /** Smallest |actual − expected| / expected worth an alert, e.g. 0.2 for 20 %. */
  minRelative: number;
  /** Robust z-score needed (default 4). */
  zThreshold?: number;
  /**
   * Steps after an episode ends during which a new flag in the same direction extends it instead
   * of raising a new alert (default: one period, a week for daily data).
   */
  cooldown?: number;
  /** Report drops as well as spikes (default false). */
  drops?: boolean;
  /**
   * ISO date (YYYY-MM-DD) of step 0 of a daily series: turns on day-of-month seasonality
   * (month-days.ts), so a month-end close the series makes every month is not a spike.
   */
  firstDay?: string;
  /**
   * Added to both sides of the log ratio (default 0), in series units or as a share of the series'
   * median non-zero step: a step to or from zero then has a finite score, so a series that idles
   * at zero between bursts is judged on its noise instead of alerting on every start and stop.
   */
  offset?: number | { ofMedian: number };
  baseline?: Partial<BaselineOptions>;
  /** Slow-drift test; false turns it off. Defaults to four weeks and `max(minRelative, 0.25)`. */
  drift?: DriftOptions | false;
  /**
   * A new alert's step must lie beyond all values at its phase ± `halfWidth` steps over the last
   * `cycles` cycles, by `margin` spreads in (offset) log space (default 0: just beyond).
   */
  novelty?: NoveltyOptions;
  /**
   * Level-shift test, for changes no single step shows: the last `steps` steps all off their
   * baselines the same way, their median log error reaching z as a level, each beyond last cycles' (novelty).
   */
  shift?: { steps: number };
  /** Window-sum test (window-sum.ts): the last few steps added up, for bursts no single step shows. */
  windowSum?: WindowSumOptions;
  /** Change-point test (change-point.ts) for level shifts: a CUSUM against the level frozen where the change began. */
  changePoint?: ChangePointOptions;
  /** Anomalous steps an episode needs before it is reported; a first step scoring `immediateScore` or more is reported at once. */
  persistence?: { steps: number; immediateScore: number };
  /**
   * Feedback hook: an anomaly for which this returns true ("expected", "planned", "not an
   * anomaly") is not reported, but still opens its episode so the next steps are not re-alerted.
   */
  isSuppressed?: (anomaly: A) => boolean;
}

export interface Anomaly {
  /** First step of the episode, and the last step that still belonged to it. */
  index: number;
  endIndex: number;
  /** The step the alert was raised at: the first, or a later one when persistence held it back. */
  raisedIndex: number;
  kind: AnomalyKind;
  direction: Direction;
  /** Figures of the first step. For a drift: the step's expected value from the older level. */
  expected: number;
  actual: number;
  delta: number;
  /** delta / expected; Infinity when the baseline is 0 and something was spent. */
  relative: number;
  /** Robust z-score of the first step in log space (signed; for a drift, of the level change). */
  score: number;
}

interface Verdict {
  kind: AnomalyKind;
  direction: Direction;
  expected: number;
  actual: number;
  delta: number;
  relative: number;
  score: number;
}

const relativeOf = (delta: number, expected: number) => (expected > 0 ? delta / expected : delta === 0 ? 0 : Math.sign(delta) * Infinity);

/** ln(actual / expected) in units of σ; ±∞ when one side is zero. */
function logScore(actual: number, expected: number, sigma: number): number {
  if (actual > 0 && expected > 0) return Math.log(actual / expected) / sigma;
  return actual === expected ? 0 : actual > expected ? Infinity : -Infinity;
}

function verdict(kind: AnomalyKind, expected: number, actual: number, score: number): Verdict {
  const delta = actual - expected;
  const direction: Direction = score > 0 ? 'spike' : 'drop';
  return { kind, direction, expected, actual, delta, relative: relativeOf(delta, expected), score };
}

/** The options the verdicts read, with the offset resolved for the series at hand. */
type Tests = Pick<DetectOptions, 'minImpact' | 'minRelative'> & { offset: number };

/**
 * Point test of one step against its baseline; `strength` scales the thresholds (hysteresis). A new
 * alert is judged on the baseline's `alertSpread` (tail-aware), holding an episode on `spread`.
 */
function pointVerdict(actual: number, b: Baseline, o: Tests, z: number, strength: number, spread = b.spread): Verdict | null {
  const off = o.offset;
  const v = verdict('point', b.expected, actual, logScore(actual + off, b.expected + off, spread));
  if (Math.abs(v.score) < z * strength || v.score === 0) return null;
  if (Math.abs(v.delta) < o.minImpact * strength || Math.abs(v.relative) < o.minRelative * strength) return null;
  return v;
}

/** Drift test: today's level against the level `lookback` steps ago, read in today's season. */
function driftVerdict(actual: number, now: Baseline, then: Baseline, o: Tests, d: DriftOptions, z: number, strength: number): Verdict | null {
  // Each level is a median of about a window of steps; their ratio has about √2 × its log error.
  const window = Math.max(1, Math.min(now.windowSize, then.windowSize));
  const levelError = now.spread * Math.sqrt((2 * Math.PI) / 2 / window);
  const expected = then.level * now.seasonal;
  const off = o.offset;
  const v = verdict('drift', expected, now.level * now.seasonal, logScore(now.level + off, then.level + off, levelError));
  if (Math.abs(v.score) < z * strength || v.score === 0) return null;
  if (Math.abs(v.relative) < d.minRelative * strength || Math.abs(v.delta) < o.minImpact * strength) return null;
  // The figures describe the day; the test is on the level.
  return { ...v, actual, delta: actual - expected, relative: relativeOf(actual - expected, expected) };
}

/**
 * Level-shift test at t: the last `k` steps all off their own baselines the same way, their median
 * log error reaching z as a level (a median of k errors has √(π/2k) of one error's σ), and each
 * step news at its time of day. The figures are of the first step; the score is the level's.
 */
function shiftVerdict(
  values: readonly (number | null)[],
  baselines: readonly (Baseline | null)[],
  t: number,
  k: number,
  o: Tests,
  z: number,
  novel: (j: number, direction: Direction) => boolean,
): Verdict | null {
  const errors: number[] = [];
  for (let j = t - k + 1; j <= t; j++) {
    const y = values[j];
    const bj = baselines[j];
    if (j < 0 || y === null || y === undefined || !bj) return null;
    errors.push(Math.log((y + o.offset) / (bj.expected + o.offset)));
  }
  if (!errors.every((e) => Math.sign(e) === Math.sign(errors[0]!) && e !== 0)) return null;
  const level = median(errors);
  const first = baselines[t - k + 1]!;
  const v = verdict('shift', first.expected, values[t - k + 1]!, level / (baselines[t]!.spread * Math.sqrt(Math.PI / 2 / k)));
  if (Math.abs(v.score) < z || Math.abs(v.delta) < o.minImpact || Math.abs(Math.expm1(level)) < o.minRelative) return null;
  return errors.every((_, i) => novel(t - k + 1 + i, v.direction)) ? v : null;
}

/** Whether a verdict's change is worth an alert: enough money and enough of a change. */
const material = (v: Verdict, o: Tests) => Math.abs(v.delta) >= o.minImpact && Math.abs(v.relative) >= o.minRelative;

/** How far beyond each earlier level a level of `steps` steps must lie: `margin` σ of a median of that many steps. */
const levelMargin = (b: Baseline, n: NonNullable<DetectOptions['novelty']>, steps: number) => Math.exp((n.margin ?? 0) * 2 * b.spread * Math.sqrt(Math.PI / 2 / steps));

/**
 * A change point as a verdict: the expected value of its first step, and that value moved by the
 * shift's median size (the typical step since), scored by the CUSUM statistic.
 */
function changePointVerdict(cp: ChangePoint, baselines: readonly (Baseline | null)[], o: Tests): Verdict | null {
  const expected = baselines[cp.start]!.expected;
  const v = verdict('shift', expected, (expected + o.offset) * Math.exp(cp.logShift) - o.offset, Math.sign(cp.logShift) * cp.score);
  if (v.score === 0 || (v.direction === 'spike') !== (cp.direction === 'spike')) return null;
  return material(v, o) ? v : null;
}

/** A window sum as a verdict: the window's mean step against its expected mean, scored on the sums' own spread. */
function windowSumVerdict(w: WindowSum, o: Tests, z: number): Verdict | null {
  const v = verdict('shift', w.expected, w.actual, w.score);
  return Math.abs(v.score) >= z && v.score !== 0 && material(v, o) ? v : null;
}

/** Steps at the end of an episode a new excursion is measured against. */
const EPISODE_EDGE_STEPS = 3;

/**
 * Whether step t's log error stands out by z of its alert spread, in the episode's direction,
 * from the largest error of episode `a`'s last `EPISODE_EDGE_STEPS` steps. Errors, not levels:
 * each is read against its own step's expected value, so a bursty hour-of-day profile does not
 * make one hour of a burst look new. The days of one multi-day spike, of one level shift or of a
 * ramp sit near the episode's edge; a spike on top of a shifted level does not. With an offset it
 * must stand out with and without it: the offset compresses quiet hours' errors, so a runaway
 * running on from the night into the day would otherwise look like a new one at 08:00.
 */
function beyondEpisode(values: readonly (number | null)[], baselines: readonly (Baseline | null)[], a: Anomaly, t: number, offset: number, z: number): boolean {
  const sign = a.direction === 'spike' ? 1 : -1;
  const standsOut = (off: number) => {
    const errorAt = (j: number) => {
      const y = values[j];
      const bj = baselines[j];
      return y !== null && y !== undefined && bj && y + off > 0 && bj.expected + off > 0 ? sign * Math.log((y + off) / (bj.expected + off)) : null;
    };
    const errors: number[] = [];
    for (let j = Math.max(a.index, a.endIndex - EPISODE_EDGE_STEPS + 1); j <= a.endIndex && j < t; j++) {
      const e = errorAt(j);
      if (e !== null) errors.push(e);
    }
    const now = errorAt(t);
    return now !== null && errors.length > 0 && (now - Math.max(...errors)) / baselines[t]!.alertSpread >= z;
  };
  return standsOut(offset) && (offset === 0 || standsOut(0));
}

/** Detect anomalies in values[0..n−1] (null = missing step); results are episodes, oldest first. */
export function detect(values: readonly (number | null)[], options: DetectOptions): Anomaly[] {
  const bo: BaselineOptions = { ...DAILY_BASELINE, ...options.baseline };
  const z = options.zThreshold ?? 4;
  const cooldown = options.cooldown ?? bo.period;
  const drift: DriftOptions | false = options.drift === false ? false : (options.drift ?? { lookback: 4 * bo.period, minRelative: Math.max(options.minRelative, 0.25) });
  const wanted = (v: Verdict) => v.direction === 'spike' || options.drops === true;
  const positive = values.filter((v): v is number => v !== null && v > 0);
  const offset = typeof options.offset === 'object' ? options.offset.ofMedian * (positive.length ? median(positive) : 0) : (options.offset ?? 0);
  const tests: Tests = { minImpact: options.minImpact, minRelative: options.minRelative, offset };

  const out: Anomaly[] = [];
  // The spread is measured on the same offset log ratios the verdicts score.
  const baselines = baselineSeries(values, { ...bo, offset }, options.firstDay === undefined ? undefined : monthDays(Date.parse(`${options.firstDay}T00:00:00Z`)));
  // A series younger than the lookback is compared with its first level instead, once the two
  // level windows no longer overlap: a shift in its first weeks is otherwise unseen until then.
  const firstFit = baselines.findIndex((x) => x !== null);
  const referenceOf = (t: number, earliest = firstFit) => {
    const since = Math.max(firstFit, earliest);
    return !drift || firstFit < 0 ? -1 : t - drift.lookback >= since ? t - drift.lookback : t - since >= bo.levelWindow ? since : -1;
  };
  const driftAt = (t: number, actual: number, b: Baseline, strength: number, earliest = firstFit) => {
    const ref = referenceOf(t, earliest);
    const then = ref >= 0 ? baselines[ref] : null;
    return drift && then ? driftVerdict(actual, b, then, tests, drift, z, strength) : null;
  };
  // The latest episode of each direction, and the one still running with the test that holds it.
  const last: Record<Direction, Anomaly | null> = { spike: null, drop: null };
  let open: { anomaly: Anomaly; heldBy: AnomalyKind } | null = null;
  // Anomalous steps of each episode not reported yet (persistence), by episode.
  const waiting = new Map<Anomaly, number>();
  const tracker = options.changePoint ? changePointTracker(values, baselines, offset, options.changePoint) : null;
  const sums = options.windowSum ? windowSums(values, baselines, offset, options.windowSum) : null;
  const steps = options.persistence?.steps ?? 1;
  const report = (a: Anomaly, t: number) => {
    waiting.delete(a);
    a.raisedIndex = t;
    if (!options.isSuppressed?.(a)) out.push(a);
  };
  /** Counts one more anomalous step of an episode held back, reporting it once it has enough. */
  const held = (a: Anomaly, t: number) => {
    const n = waiting.get(a);
    if (n === undefined) return;
    if (n + 1 >= steps) report(a, t);
    else waiting.set(a, n + 1);
  };

  for (let t = 0; t < values.length; t++) {
    const actual = values[t];
    const b = baselines[t] ?? null;
    if (actual === null || actual === undefined || b === null) continue;

    const cp = tracker?.step(t) ?? null;
    let v = pointVerdict(actual, b, tests, z, 1, b.alertSpread);
    // What keeps or revives an episode: the point test on the plain spread.
    const plain = pointVerdict(actual, b, tests, z, 1);
    // A full point flag is a new event on top of an episode that only the level test still held,
    // or one that stands out from the episode's own level as well (a spike after a level shift).
    const standsOut = (a: Anomaly | null) => a !== null && v !== null && v.direction === a.direction && beyondEpisode(values, baselines, a, t, tests.offset, z);
    const fresh = v !== null && (open?.heldBy === 'drift' || standsOut(open?.anomaly ?? null));
    if (open && !fresh) {
      // A change keeps its episode while either test still sees it at half strength.
      const still = plain ?? pointVerdict(actual, b, tests, z, 0.5) ?? driftAt(t, actual, b, 0.5);
      if (still && still.direction === open.anomaly.direction) {
        open.anomaly.endIndex = t;
        open.heldBy = still.kind;
        held(open.anomaly, t);
        continue;
      }
    }
    open = null;

    if (!v) {
      // A change already reported is not a new drift: the older level must postdate that episode.
      const settled = Math.max(last.spike?.endIndex ?? -Infinity, last.drop?.endIndex ?? -Infinity) + bo.levelWindow + 1;
      v = driftAt(t, actual, b, 1, settled);
    }
    let shifted = false;
    if (!v && options.shift) {
      v = shiftVerdict(values, baselines, t, options.shift.steps, tests, z, (j, d) => !options.novelty || isNovel(values, j, values[j]!, d, bo.period, options.novelty, offset, b.spread));
      shifted = v !== null;
    }
    let start = shifted ? t - options.shift!.steps + 1 : t;
    const sum = !v && sums ? sums(t) : null;
    if (sum) {
      v = windowSumVerdict(sum, tests, z);
      if (v && options.novelty && !isNovelLevel(values, sum.start, t, v.direction, bo.period, options.novelty.cycles, levelMargin(b, options.novelty, t - sum.start + 1))) v = null;
      shifted = v !== null;
      if (v) start = sum.start;
    }
    if (!v && cp) {
      v = changePointVerdict(cp, baselines, tests);
      if (v && options.novelty && !isNovelLevel(values, cp.start, t, v.direction, bo.period, options.novelty.cycles, levelMargin(b, options.novelty, t - cp.start + 1))) v = null;
      shifted = v !== null;
      start = cp.start;
    }
    const flare = v ?? plain;
    if (!flare || !wanted(flare)) continue;
    const previous = last[flare.direction];
    if (previous && t - previous.endIndex <= cooldown && !fresh && !standsOut(previous)) {
      // The same situation flaring again within the cool-down: still one finding.
      previous.endIndex = t;
      open = { anomaly: previous, heldBy: flare.kind };
      held(previous, t);
      continue;
    }
    if (!v) continue;
    // A shift is dated from its first step, and reported now that it has lasted.
    const anomaly: Anomaly = { index: start, endIndex: t, raisedIndex: t, ...v };
    last[v.direction] = anomaly;
    open = { anomaly, heldBy: v.kind };
    // A change to a level seen at this time of day before still opens its episode, quietly: the
    // steps after it are the same situation, not news either.
    if (!shifted && v.kind === 'point' && options.novelty && !isNovel(values, t, actual, v.direction, bo.period, options.novelty, offset, b.spread)) continue;
    if (shifted || steps <= 1 || Math.abs(v.score) >= (options.persistence?.immediateScore ?? Infinity)) report(anomaly, t);
    else waiting.set(anomaly, 1);
  }
  return out;
}
