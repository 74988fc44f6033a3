/**
 * The anomaly scan: daily cost series per configured dimension set (cloud, AI or both summed) and
 * hourly series on AI usage, aggregated in SQL; the detector (detector.ts via calendar.ts) on each,
 * stored feedback as suppressions, root cause from the store for the largest; one finding per
 * anomaly episode, fingerprinted by its scope and first day (or hour), so an episode running for
 * days stays one finding. The same change seen at several levels (a service, its team, its
 * provider) is one finding at the narrowest level that shows it, the others listed in evidence.
 * Each series is judged with its scope's thresholds (thresholds.ts); a daily series with less
 * history than minHistoryDays (an hourly one, minHistoryHours) is not judged but returned in
 * `tooYoung`, for the scan's output.
 * Every series is in one currency: a scope spending in two has two series, two findings.
 */
import type pg from 'pg';
import { NON_USAGE_KINDS } from '../../costs/charge-kind.ts';
import { DEFAULT_CURRENCY } from '../../costs/currency.ts';
import { canonicalScope } from '../../findings/fingerprint.ts';
import type { FindingDraft } from '../../findings/finding.ts';
import { suppressionsFor, type Coverage } from '../../findings/store.ts';
import type { AnomalyParams } from '../params.ts';
import { addDays, daysBetween, DAYS_PER_MONTH, type ScanSource } from '../sql.ts';
import { money, percent, scopeText } from '../format.ts';
import { detectDaily, detectHourly, DETECTORS, HOURLY_CHANGE_POINT, HOURLY_WINDOW_SUM, usesLogDetector, type DatedAnomaly } from './calendar.ts';
import { explainAnomaly, type RootCause } from './explain.ts';
import { ruleMatching, type SuppressionRule } from './feedback.ts';
import type { SuppressedAnomaly } from './suppressed.ts';
import { fetchSeries, type Series } from './series-sql.ts';
import { thresholdsFor } from './thresholds.ts';

export const DAILY_TYPE = 'cost_anomaly';
export const HOURLY_TYPE = 'cost_anomaly_hourly';

const HOUR_MS = 3_600_000;
const hourAfter = (t: string, n: number) => new Date(Date.parse(t) + n * HOUR_MS).toISOString().replace('.000Z', 'Z');

/** The charge kinds left out of the series: every one that is not usage, unless the workflow asks for it. */
const excludedCharges = (o: AnomalyParams) => NON_USAGE_KINDS.filter((k) => !o.includeCharges.includes(k));
const sourcesOf = (s: 'cloud' | 'ai' | 'all'): ScanSource[] => (s === 'all' ? ['cloud', 'ai'] : [s]);

/**
 * The fingerprint's dated part: the episode's start, and the currency unless it is the default, so
 * a scope's series in two currencies are two findings while USD ones keep their fingerprints.
 */
const episodeKey = (start: string, currency: string) => (currency === DEFAULT_CURRENCY ? start : `${start} ${currency}`);

/** Every step from the series' first to `last`, with 0 where nothing was spent. */
function filled(series: Series, last: string, step: (t: string) => string): { t: string; v: number }[] {
  const first = [...series.points.keys()].reduce((a, b) => (a < b ? a : b));
  const out: { t: string; v: number }[] = [];
  for (let t = first; t <= last; t = step(t)) out.push({ t, v: series.points.get(t) ?? 0 });
  return out;
}

/**
 * Per scope and currency, which stored feedback rule (its id) silences an anomaly of this type, if
 * any. A rule stored without a currency (given before Penny kept one) applies in every currency.
 */
async function suppressionIndex(pool: pg.Pool, type: string) {
  const rules = new Map<string, { id: number; currency: string | null; rule: SuppressionRule }[]>();
  for (const s of await suppressionsFor(pool, type)) {
    const k = canonicalScope(s.scope);
    rules.set(k, [...(rules.get(k) ?? []), { id: s.id, currency: s.currency, rule: s.rule as SuppressionRule }]);
  }
  return (scope: Record<string, string>, currency: string) => {
    const r = rules.get(canonicalScope(scope))?.filter((x) => x.currency === null || x.currency === currency);
    return r?.length ? ruleMatching(r) : undefined;
  };
}

const silenced = (suppressionId: number, type: string, s: Series, a: DatedAnomaly, perMonth: number): SuppressedAnomaly => ({
  suppressionId,
  type,
  scope: s.scope,
  start: a.start,
  direction: a.direction,
  expected: a.expected,
  actual: a.actual,
  impactMonthly: Math.abs(a.delta) * perMonth,
  currency: s.currency,
});

/** A series with too little history to be judged yet: not alerted on, said so in the scan's output. */
export interface YoungSeries {
  type: string;
  scope: Record<string, string>;
  /** Its first day (hour, for an hourly series) with spend, the days (hours) of data it has, and when it will be judged. */
  since: string;
  days?: number;
  hours?: number;
  judgedFrom: string;
}

export interface AnomalyScan {
  drafts: FindingDraft[];
  tooYoung: YoungSeries[];
  /** Anomalies stored feedback kept quiet, each with the rule that did. */
  suppressed: SuppressedAnomaly[];
}

interface Candidate {
  /** The feedback rule that says this pattern is expected: not reported, and neither is the same change seen elsewhere. */
  suppressedBy: number | undefined;
  series: Series;
  sources: ScanSource[];
  anomaly: DatedAnomaly;
  tail: { t: string; v: number }[];
  cause?: RootCause;
}

/** Who to tell: the team and resource that carry at least half of the change, if any. */
function ownerScope(cause: RootCause | undefined): Record<string, string> | undefined {
  const keys = ['team', 'resource_id'].flatMap((d) => {
    const top = cause?.byDimension[d]?.[0];
    return top && top.share >= 0.5 && top.key !== '(none)' ? [[d, top.key] as const] : [];
  });
  return keys.length ? Object.fromEntries(keys) : undefined;
}

function dailyDraft(c: Candidate, alsoSeenIn: Record<string, string>[]): FindingDraft {
  const a = c.anomaly;
  const ongoing = a.end === c.tail.at(-1)?.t;
  const cur = c.series.currency;
  return {
    type: DAILY_TYPE,
    scope: c.series.scope,
    key: episodeKey(a.start, cur),
    title: `${scopeText(c.series.scope)}: ${money(a.actual, cur)}/day on ${a.start} vs ${money(a.expected, cur)} expected (${percent(a.relative)})${a.kind === 'drift' ? ', a gradual drift' : ''}`,
    expected: a.expected,
    actual: a.actual,
    unit: `${cur}/day`,
    impactMonthly: Math.abs(a.delta) * DAYS_PER_MONTH,
    currency: cur,
    evidence: {
      start: a.start,
      end: a.end,
      ongoing,
      kind: a.kind,
      direction: a.direction,
      relative: a.relative,
      score: a.score,
      detector: DETECTORS.day.text,
      sources: c.sources,
      basis: `the first day's difference from the seasonal baseline (${money(a.delta, cur)}/day), as if it lasted a month`,
      series: c.tail.slice(-14).map((p) => ({ date: p.t, cost: Number(p.v.toFixed(2)) })),
      rootCause: c.cause?.byDimension ?? null,
      mainCause: c.cause?.main ?? null,
      alsoSeenIn,
    },
    remediation: c.cause?.main
      ? `Look at ${c.cause.main.dimension} ${c.cause.main.value}, which explains ${Math.round(c.cause.main.share * 100)} % of the change. If it was expected or planned, give that feedback so the same pattern is not alerted again.`
      : 'Check the root-cause breakdown in the evidence for what changed. If it was expected or planned, give that feedback so the same pattern is not alerted again.',
    ownerScope: ownerScope(c.cause),
  };
}

async function dailyAnomalies(pool: pg.Pool, asOf: string, o: AnomalyParams): Promise<AnomalyScan> {
  const exclude = excludedCharges(o);
  const range = { from: addDays(asOf, -o.historyDays), to: asOf, step: 'day' as const, exclude };
  const series = new Map<string, Series>();
  let through: string | null = null;
  for (const source of ['cloud', 'ai'] as const) {
    const sets = o.daily.map((s, id) => ({ id, keys: s.dimensions, sources: sourcesOf(s.source) })).filter((s) => s.sources.includes(source));
    if (sets.length === 0) continue;
    const latest = await fetchSeries(pool, source, sets, range, series);
    if (latest && (through === null || latest > through)) through = latest;
  }
  if (through === null) return { drafts: [], tooYoung: [], suppressed: [] };
  const suppressed = await suppressionIndex(pool, DAILY_TYPE);
  const tooYoung: YoungSeries[] = [];
  const reportFrom = addDays(through, -(o.reportDays - 1));
  const candidates: Candidate[] = [];
  for (const s of series.values()) {
    const th = thresholdsFor(o, s.scope);
    if (Math.max(...s.points.values()) < th.minImpact) continue;
    const tail = filled(s, through, (t) => addDays(t, 1));
    const since = tail[0]!.t;
    if (daysBetween(since, through) < th.minHistoryDays) {
      tooYoung.push({ type: DAILY_TYPE, scope: s.scope, since, days: tail.length, judgedFrom: addDays(since, th.minHistoryDays) });
      continue;
    }
    const found = detectDaily(
      tail.map((p) => ({ date: p.t, value: p.v })),
      {
        minImpact: th.minImpact,
        minRelative: th.minRelative,
        zThreshold: o.zThreshold,
        drops: o.drops,
        baseline: { minHistory: th.minHistoryDays },
      },
    );
    // Suppression is applied after detection (as the detector would: the episode still opens),
    // so that a suppressed change can still absorb the same change seen at other levels below.
    const isSuppressed = suppressed(s.scope, s.currency);
    for (const anomaly of found) {
      if (anomaly.start >= reportFrom || anomaly.end === through) {
        candidates.push({ suppressedBy: isSuppressed?.(anomaly), series: s, sources: sourcesOf(o.daily[s.set]!.source), anomaly, tail });
      }
    }
  }
  candidates.sort((a, b) => a.series.set - b.series.set || Math.abs(b.anomaly.delta) - Math.abs(a.anomaly.delta));
  const explained = [...candidates].sort((a, b) => Math.abs(b.anomaly.delta) - Math.abs(a.anomaly.delta)).slice(0, o.rootCauseLimit);
  for (const c of explained) c.cause = await explainAnomaly(pool, c.sources, c.series.scope, c.series.currency, c.anomaly.start, c.anomaly.direction, c.anomaly.delta, exclude);
  // One finding per (first day, direction, main cause): the narrowest set (listed first) keeps it.
  // A suppressed candidate also keeps its place, silencing the same change at the other levels.
  const kept = new Map<string, { c: Candidate; also: Record<string, string>[] }>();
  const drafts: { c: Candidate; also: Record<string, string>[] }[] = [];
  for (const c of candidates) {
    const main = c.cause?.main;
    const id = main ? `${c.anomaly.start}\u0000${c.series.currency}\u0000${c.anomaly.direction}\u0000${main.dimension}\u0000${main.value}` : undefined;
    const earlier = id ? kept.get(id) : undefined;
    if (earlier) {
      earlier.also.push(c.series.scope);
      continue;
    }
    const entry = { c, also: [] };
    if (id) kept.set(id, entry);
    drafts.push(entry);
  }
  return {
    drafts: drafts.filter(({ c }) => c.suppressedBy === undefined).map(({ c, also }) => dailyDraft(c, also)),
    tooYoung,
    suppressed: drafts.flatMap(({ c }) => (c.suppressedBy === undefined ? [] : [silenced(c.suppressedBy, DAILY_TYPE, c.series, c.anomaly, DAYS_PER_MONTH)])),
  };
}

/** Which hourly detector ran and which of its tests fired, for the finding's evidence. */
function hourlyEvidence(a: DatedAnomaly, logSpace: boolean): { detector: string; fired: string } {
  if (logSpace) {
    const fired = a.kind === 'shift' ? 'level shift: the change-point test (CUSUM), three hours off their baselines, or three hours added up' : 'spike: one hour against its hour-of-day baseline';
    return { detector: DETECTORS.hourLog.text, fired };
  }
  const fired = a.kind === 'shift' ? 'burst: three hours added up against the same hours on the last seven days' : 'spike: one hour against the same hour on the last seven days';
  return { detector: DETECTORS.hour.text, fired };
}

/** An hour's spike is told by its hour; a level shift by when it began and the typical hour since. */
function hourlyTitle(s: Series, a: DatedAnomaly): string {
  const hour = `${a.start.slice(0, 13).replace('T', ' ')}:00 UTC`;
  const vs = `vs ${money(a.expected, s.currency)} expected (${percent(a.relative)})`;
  if (a.kind === 'shift') return `${scopeText(s.scope)}: level ${a.direction === 'spike' ? 'up' : 'down'} since ${hour}, about ${money(a.actual, s.currency)}/hour ${vs}`;
  return `${scopeText(s.scope)}: ${money(a.actual, s.currency)} in the hour from ${hour} ${vs}`;
}

async function hourlyAnomalies(pool: pg.Pool, asOf: string, o: AnomalyParams): Promise<AnomalyScan> {
  const none = { drafts: [], suppressed: [], tooYoung: [] };
  if (o.hourly.length === 0) return none;
  const series = new Map<string, Series>();
  const last = await fetchSeries(
    pool,
    'ai',
    o.hourly.map((keys, id) => ({ id, keys })),
    { from: addDays(asOf, -9), to: asOf, step: 'hour' },
    series,
  );
  if (last === null) return none;
  const suppressed = await suppressionIndex(pool, HOURLY_TYPE);
  const hits: SuppressedAnomaly[] = [];
  const reportFrom = new Date(Date.parse(last) - (o.reportHours - 1) * HOUR_MS).toISOString().replace('.000Z', 'Z');
  const nextHour = (t: string) => hourAfter(t, 1);
  const drafts: FindingDraft[] = [];
  const tooYoung: YoungSeries[] = [];
  for (const s of series.values()) {
    const th = thresholdsFor(o, s.scope);
    if (Math.max(...s.points.values()) < th.hourlyMinImpact) continue;
    const tail = filled(s, last, nextHour);
    if (tail.length - 1 < th.minHistoryHours) {
      const since = tail[0]!.t;
      tooYoung.push({ type: HOURLY_TYPE, scope: s.scope, since, hours: tail.length, judgedFrom: hourAfter(since, th.minHistoryHours) });
      continue;
    }
    const ruleFor = suppressed(s.scope, s.currency);
    const isSuppressed =
      ruleFor &&
      ((a: DatedAnomaly) => {
        const id = ruleFor(a);
        if (id !== undefined && a.start >= reportFrom) hits.push(silenced(id, HOURLY_TYPE, s, a, 24 * DAYS_PER_MONTH));
        return id !== undefined;
      });
    const asked = { ...(o.hourlyChangePoint ? { changePoint: HOURLY_CHANGE_POINT } : {}), ...(o.hourlyWindowSum ? { windowSum: HOURLY_WINDOW_SUM } : {}) };
    const found = detectHourly(
      tail.map((p) => ({ hour: p.t, value: p.v })),
      {
        minImpact: th.hourlyMinImpact,
        minRelative: th.hourlyMinRelative,
        zThreshold: o.zThreshold,
        drops: o.drops,
        isSuppressed,
        baseline: { minHistory: th.minHistoryHours },
        ...asked,
      },
    );
    for (const a of found.filter((x) => x.start >= reportFrom || x.end === last)) {
      drafts.push({
        type: HOURLY_TYPE,
        scope: s.scope,
        key: episodeKey(a.start, s.currency),
        title: hourlyTitle(s, a),
        expected: a.expected,
        actual: a.actual,
        unit: `${s.currency}/hour`,
        impactMonthly: Math.abs(a.delta) * 24 * DAYS_PER_MONTH,
        currency: s.currency,
        evidence: {
          start: a.start,
          end: a.end,
          ongoing: a.end === last,
          direction: a.direction,
          relative: a.relative,
          score: a.score,
          ...hourlyEvidence(a, usesLogDetector(asked)),
          basis: `the hour's difference from its hour-of-day baseline (${money(a.delta, s.currency)}/hour), as if it went on around the clock for a month`,
          series: tail.slice(-24).map((p) => ({ hour: p.t, cost: Number(p.v.toFixed(4)) })),
        },
        remediation: 'A sudden hourly jump in AI spend is often a runaway agent or a retry storm: check the calls of this scope in the last hours, and cap or pause the caller if it is stuck.',
      });
    }
  }
  return { drafts, suppressed: hits, tooYoung };
}

/** The findings a run with these parameters speaks for: its daily and hourly dimension sets. */
export function anomalyCoverage(params: AnomalyParams): Coverage[] {
  return [...params.daily.map((s) => ({ type: DAILY_TYPE, scopeKeys: s.dimensions })), ...params.hourly.map((keys) => ({ type: HOURLY_TYPE, scopeKeys: keys }))];
}

export async function scanAnomalies(pool: pg.Pool, asOf: string, params: AnomalyParams): Promise<AnomalyScan> {
  const daily = await dailyAnomalies(pool, asOf, params);
  const hourly = await hourlyAnomalies(pool, asOf, params);
  return { drafts: [...daily.drafts, ...hourly.drafts], tooYoung: [...daily.tooYoung, ...hourly.tooYoung], suppressed: [...daily.suppressed, ...hourly.suppressed] };
}
