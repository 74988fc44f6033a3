/**
 * The answer's sentence, written from the query result alone: a total, a change, a ranking, the
 * parts of a change, or a trend. Every number in it is one of the result's numbers, in its currency.
 */
import { isAdditive, isFocusMetric, unitOf, type Metric } from '../../costs/query.ts';
import type { CostResult, CostRow } from '../../costs/run.ts';
import { currencyList } from '../../costs/currency.ts';
import { wholeText, dimensionName, formatDelta, formatValue, metricName, rangeText, rowUnit, scopeText, THRESHOLD_WORDS, thresholdPhrase } from './format.ts';
import type { Coverage } from '../../costs/coverage.ts';
import { coveredDays } from './covered-days.ts';
import { idWithName } from './account-names.ts';

export interface SummaryContext {
  /** The period in the asker's words ("last month"); the dates are added. */
  period: string;
  /** The same query without its grouping: the total the parts add up to. */
  total?: CostResult;
  /** The same query without its "untagged" filter: all spend, for the share. */
  whole?: CostResult;
  /** "average daily spend": the total over the days of the range the data holds. */
  dailyAverage?: boolean;
  /** The data's first and last day, for a daily average. */
  coverage?: Coverage | null;
  /** "did we spend over $10k?": the one total said against this amount. */
  check?: NonNullable<CostResult['query']['threshold']>;
  /** Named values of one dimension set side by side ("search vs checkout"). */
  versus?: { dimension: string; values: string[] };
  /** Named values listed together ("search and checkout"): their total first, then each. */
  set?: { dimension: string; values: string[] };
}

export interface Summary {
  text: string;
  /** The single number when the answer is one number. */
  value: number | null;
  /** How the figure was reached, for the how-line: a daily average's days. */
  reading?: string;
}

export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function num(row: CostRow | undefined, key: string): number | null {
  const v = row?.[key];
  return typeof v === 'number' ? v : null;
}

export function label(row: CostRow, dims: string[]): string {
  return dims.map((d) => (row[d] === null ? `(no ${dimensionName(d)})` : idWithName(row, d))).join(' / ');
}

export function when(result: CostResult, period: string): string {
  const dates = rangeText(result.range);
  return period && period !== dates && !period.includes(dates) ? `${period} (${dates})` : dates;
}

function changeText(cur: number | null, row: CostRow | undefined, unit: string): string {
  const prev = num(row, 'previous');
  const delta = num(row, 'delta');
  if (prev === null || delta === null || cur === null) return '';
  const dir = delta > 0 ? 'up' : delta < 0 ? 'down' : 'unchanged';
  const pct = num(row, 'delta_pct');
  const by = `${formatValue(Math.abs(delta), unit)}${pct === null ? '' : ` (${Math.abs(pct).toFixed(1)}%)`}`;
  return dir === 'unchanged' ? `, unchanged from ${formatValue(prev, unit)}` : `, ${dir} ${by} from ${formatValue(prev, unit)}`;
}

/** What a ratio with no answer had none of: said instead of "nothing to divide by" where it is known. */
const DIVISOR: Partial<Record<Metric, string>> = {
  cost_per_successful_task: 'no successful task outcomes recorded',
  cost_per_task: 'no task outcomes recorded',
  task_success_rate: 'no task outcomes recorded',
  task_failure_rate: 'no task outcomes recorded',
  cost_per_request: 'no calls',
  cost_per_1k_requests: 'no calls',
  cost_per_1m_requests: 'no calls',
};

const totalOf = (result: CostResult) => num(result.rows[0], result.metric) ?? (isAdditive(result.metric) ? 0 : null);

/** A total's change against the period compared with, as its sentence says it (", up $X (P%) from $Y in <dates>"); empty without one. */
export function totalChangeClause(result: CostResult): string {
  return result.previous ? `${changeText(totalOf(result), result.rows[0], result.unit)} in ${rangeText(result.previous)}` : '';
}

function totalSentence(result: CostResult, ctx: SummaryContext): Summary {
  const m = result.metric;
  const value = totalOf(result);
  let text = `${capital(metricName(m))}${scopeText(result.query)}, ${when(result, ctx.period)}: ${formatValue(value, result.unit)}${totalChangeClause(result)}`;
  const all = num(ctx.whole?.rows[0], m);
  if (ctx.whole && all !== null && all !== 0 && value !== null) text += `, ${((value / all) * 100).toFixed(1)}% of ${wholeText(ctx.whole.query)} ${formatValue(all, result.unit)}`;
  if (value === null) text += isFocusMetric(m) ? ' (no matching row carries this FOCUS column)' : ` (${DIVISOR[m] ?? 'nothing to divide by'} in this period)`;
  return { text: `${text}.`, value };
}

function rankingSentence(result: CostResult, ctx: SummaryContext): Summary {
  const m = result.metric;
  const dims = result.query.groupBy;
  const total = num(ctx.total?.rows[0], m);
  const by = dims.map(dimensionName).join(' and ');
  const head = `${capital(metricName(m))}${scopeText(result.query)} by ${by}, ${when(result, ctx.period)}`;
  if (result.rows.length === 0) return { text: `${head}: nothing recorded.`, value: null };
  if (result.previous) {
    const headline = total !== null ? `: ${formatValue(total, result.unit)} in all${changeText(total, ctx.total?.rows[0], result.unit)} in ${rangeText(result.previous)}` : '';
    const movers = result.rows.slice(0, 3).map((r) => `${label(r, dims)} ${formatDelta(num(r, 'delta'), num(r, 'delta_pct'), result.unit)}`);
    return { text: `${head}${headline}. Biggest changes: ${movers.join('; ')}.`, value: total };
  }
  const share = (v: number | null) => (total && v !== null && isAdditive(m) ? ` (${((v / total) * 100).toFixed(0)}%)` : '');
  const parts = result.rows.slice(0, 3).map((r) => `${label(r, dims)} ${formatValue(num(r, m), result.unit)}${share(num(r, m))}`);
  const tail = result.rows.length > 3 ? `, and ${result.rows.length - 3} more` : '';
  const sum = total !== null && isAdditive(m) ? ` (total ${formatValue(total, result.unit)})` : '';
  return { text: `${head}${sum}: ${parts.join(', ')}${tail}.`, value: result.rows.length === 1 ? num(result.rows[0], m) : null };
}

/** "search $X, checkout $Y; search is $D (P%) more than checkout": a named value without rows had none. */
function versusSentence(result: CostResult, ctx: SummaryContext, versus: NonNullable<SummaryContext['versus']>): Summary {
  const m = result.metric;
  const additive = isAdditive(m);
  const amounts = versus.values
    .map((v) => ({
      v,
      amount:
        num(
          result.rows.find((r) => r[versus.dimension] === v),
          m,
        ) ?? (additive ? 0 : null),
    }))
    .sort((a, b) => (b.amount ?? -Infinity) - (a.amount ?? -Infinity));
  const head = `${capital(metricName(m))} by ${dimensionName(versus.dimension)}, ${when(result, ctx.period)}`;
  const parts = amounts.map((a) => `${a.v} ${formatValue(a.amount, result.unit)}`).join(', ');
  const hi = amounts[0]!;
  const lo = amounts[amounts.length - 1]!;
  let diff = '';
  if (hi.amount !== null && lo.amount !== null) {
    const d = hi.amount - lo.amount;
    const pct = lo.amount !== 0 ? ` (${((d / Math.abs(lo.amount)) * 100).toFixed(1)}%)` : '';
    const who = amounts.length === 2 ? `${hi.v} is` : `the highest, ${hi.v}, is`;
    const than = amounts.length === 2 ? lo.v : `the lowest, ${lo.v}`;
    diff = d === 0 ? '; the same' : `; ${who} ${formatValue(d, result.unit)}${pct} more than ${than}`;
  }
  return { text: `${head}: ${parts}${diff}.`, value: null };
}

/** "$X in all: search $A (60%), checkout $B (40%)": the listed values' total is the answer's number; a value without rows had none. */
function setSentence(result: CostResult, ctx: SummaryContext, set: NonNullable<SummaryContext['set']>): Summary {
  const m = result.metric;
  const additive = isAdditive(m);
  const total = num(ctx.total?.rows[0], m) ?? (additive ? 0 : null);
  const parts = set.values.map((v) => {
    const amount =
      num(
        result.rows.find((r) => r[set.dimension] === v),
        m,
      ) ?? (additive ? 0 : null);
    const share = additive && total && amount !== null ? ` (${((amount / total) * 100).toFixed(0)}%)` : '';
    return `${v} ${formatValue(amount, result.unit)}${share}`;
  });
  const all = additive ? 'in all' : 'over them all';
  return { text: `${capital(metricName(m))}${scopeText(result.query)}, ${when(result, ctx.period)}: ${formatValue(total, result.unit)} ${all}; ${parts.join(', ')}.`, value: total };
}

/** The range's total over the days of it the data holds; a day with data and no spend counts as 0. */
function dailyAverageSentence(result: CostResult, ctx: SummaryContext): Summary {
  const m = result.metric;
  const covered = coveredDays(result.range, ctx.coverage ?? null);
  if ('refusal' in covered) return { text: covered.refusal, value: null };
  const { days } = covered;
  const total = result.rows.reduce((s, r) => s + (num(r, m) ?? 0), 0);
  const value = total / days;
  const text = `Average daily ${metricName(m)}${scopeText(result.query)}, ${when(result, ctx.period)}: ${formatValue(value, result.unit)} a day over ${days} days${covered.said} (total ${formatValue(total, result.unit)})`;
  return { text: `${text}.`, value, reading: covered.reading };
}

/** A period as said: a day as its date, an hour as "2026-11-22 07:00 UTC". */
const periodWords = (p: unknown) => (typeof p === 'string' && p.length > 10 ? `${p.slice(0, 10)} ${p.slice(11, 16)} UTC` : String(p));

/** "Most expensive days …: 2026-10-14 $X, 2026-10-15 $Y": a limit on an ungrouped trend ranks its periods. */
function topPeriodsSentence(result: CostResult, ctx: SummaryContext): Summary {
  const m = result.metric;
  const q = result.query;
  const unit = q.granularity === 'total' ? 'period' : q.granularity;
  // "which hour had the most LLM calls": a count is highest, not most expensive.
  const money = unitOf(m) === 'money';
  const which = q.orderBy.direction === 'asc' ? (money ? 'Cheapest' : 'Lowest') : money ? 'Most expensive' : 'Highest';
  const head = `${which} ${q.limit === 1 ? unit : `${q.limit} ${unit}s`} by ${metricName(m)}${scopeText(q)}, ${when(result, ctx.period)}`;
  if (result.rows.length === 0) return { text: `${head}: nothing recorded.`, value: null };
  const parts = result.rows.map((r) => `${periodWords(r.period)} ${formatValue(num(r, m), result.unit)}`);
  return { text: `${head}: ${parts.join(', ')}.`, value: result.rows.length === 1 ? num(result.rows[0], m) : null };
}

function trendSentence(result: CostResult, ctx: SummaryContext): Summary {
  const m = result.metric;
  const g = result.query.granularity;
  if (result.query.limit !== undefined && result.query.groupBy.length === 0) return topPeriodsSentence(result, ctx);
  const head = `${capital(g === 'day' ? 'daily' : `${g}ly`)} ${metricName(m)}${scopeText(result.query)}${result.query.groupBy.length ? ` by ${result.query.groupBy.map(dimensionName).join(' and ')}` : ''}, ${when(result, ctx.period)}`;
  if (result.rows.length === 0) return { text: `${head}: nothing recorded.`, value: null };
  const byPeriod = new Map<string, number>();
  for (const r of result.rows) byPeriod.set(String(r.period), (byPeriod.get(String(r.period)) ?? 0) + (num(r, m) ?? 0));
  const periods = [...byPeriod].sort(([a], [b]) => (a < b ? -1 : 1));
  const additive = isAdditive(m);
  const total = additive ? periods.reduce((s, [, v]) => s + v, 0) : null;
  const [peakAt, peak] = periods.reduce((best, p) => (p[1] > best[1] ? p : best));
  const [lastAt, last] = periods[periods.length - 1]!;
  const parts = [
    ...(total !== null ? [`${formatValue(total, result.unit)} in total`] : []),
    `highest ${periodWords(peakAt)} at ${formatValue(peak, result.unit)}`,
    `latest ${periodWords(lastAt)} at ${formatValue(last, result.unit)}`,
  ];
  return { text: `${head}: ${parts.join(', ')}.`, value: null };
}

/** "services over $1,000": how many rows passed the threshold, or that none did. */
function withThreshold(result: CostResult, ctx: SummaryContext, s: Summary): Summary {
  const phrase = thresholdPhrase(result);
  if (!phrase) return s;
  const q = result.query;
  const what = [...q.groupBy.map(dimensionName), ...(q.granularity === 'total' ? [] : [q.granularity])].join(' and ');
  if (result.rows.length === 0) return { text: `No ${what} was ${phrase}, ${when(result, ctx.period)}.`, value: null };
  const n = result.rows.length;
  if (q.granularity !== 'total') {
    const who = q.groupBy.length ? ` in which a ${q.groupBy.map(dimensionName).join(' and ')} was` : '';
    return { text: `${capital(q.granularity)}s${who} ${phrase}, ${when(result, ctx.period)}: ${periodsOver(result)}.`, value: null };
  }
  const total = ctx.total ? ` (the total covers every ${what})` : '';
  return { ...s, text: `${n} ${n === 1 ? 'row' : 'rows'} by ${what} ${phrase}${total}. ${s.text}` };
}

/** Each group with the periods it passed in ("ml in 12 weeks"), or the periods themselves with their amounts. */
function periodsOver(result: CostResult): string {
  const q = result.query;
  const m = result.metric;
  if (q.groupBy.length === 0) return result.rows.map((r) => `${periodWords(r.period)} ${formatValue(num(r, m), rowUnit(result, r))}`).join(', ');
  const count = new Map<string, number>();
  for (const r of result.rows) count.set(label(r, q.groupBy), (count.get(label(r, q.groupBy)) ?? 0) + 1);
  return [...count]
    .sort((a, b) => b[1] - a[1])
    .map(([k, c]) => `${k} in ${c} ${c === 1 ? q.granularity : `${q.granularity}s`}`)
    .join(', ');
}

const PASSES = { gt: (v: number, x: number) => v > x, gte: (v: number, x: number) => v >= x, lt: (v: number, x: number) => v < x, lte: (v: number, x: number) => v <= x };

/** "That is above $10,000." A total in several currencies is not compared with one amount. */
function withCheck(result: CostResult, ctx: SummaryContext, s: Summary): Summary {
  if (!ctx.check || s.value === null || result.currencies.length > 1) return s;
  const yes = PASSES[ctx.check.op](s.value, ctx.check.value);
  return { ...s, text: `${s.text} That is ${yes ? '' : 'not '}${THRESHOLD_WORDS[ctx.check.op]} ${formatValue(ctx.check.value, result.unit)}.` };
}

/** The part of a result in one currency, as if the data had only that one. */
function inCurrency(result: CostResult, currency: string): CostResult {
  // A rate of money (a savings rate) is kept apart per currency but is no amount in it: still a ratio.
  return { ...result, rows: result.rows.filter((r) => r.currency === currency), unit: result.unit === 'ratio' ? result.unit : currency, currencies: [currency] };
}

/** The answer's sentence; a query converted into one currency says so, and which currencies had no rate. */
export function summarise(result: CostResult, ctx: SummaryContext): Summary {
  const s = withCheck(result, ctx, withThreshold(result, ctx, summariseCurrencies(result, ctx)));
  const target = result.query.currency;
  if (!target) return s;
  const left = result.currencies.filter((c) => c !== target);
  const note = ` Converted to ${target} with the loaded exchange rates, each day at the latest rate on or before it${left.length ? `; ${currencyList(left)} had no rate and ${left.length === 1 ? 'stays' : 'stay'} in ${left.length === 1 ? 'its' : 'their'} own currency` : ''}.`;
  return { ...s, text: `${s.text}${note}` };
}

/**
 * Money in several currencies is answered once per currency, each sentence as if the data held
 * only that one, and says so: amounts in different currencies are never added.
 */
function summariseCurrencies(result: CostResult, ctx: SummaryContext): Summary {
  const per = (c: string, r: CostResult) => {
    const only = (x: CostResult | undefined) => (x ? inCurrency(x, c) : undefined);
    return summariseOne(r, { ...ctx, total: only(ctx.total), whole: only(ctx.whole) });
  };
  if (result.currencies.length < 2) return result.currencies[0] ? per(result.currencies[0], result) : summariseOne(result, ctx);
  const each = result.currencies.map((c) => per(c, inCurrency(result, c)));
  const parts = each.map((p, i) => `In ${result.currencies[i]}: ${p.text}`);
  const reading = each[0]?.reading;
  return {
    text: `The data is in ${currencyList(result.currencies)}, answered per currency (amounts in different currencies are not added). ${parts.join(' ')}`,
    value: null,
    ...(reading ? { reading } : {}),
  };
}

function summariseOne(result: CostResult, ctx: SummaryContext): Summary {
  if (ctx.dailyAverage && result.query.granularity === 'day' && result.query.groupBy.length === 0) return dailyAverageSentence(result, ctx);
  if (result.query.granularity !== 'total') return trendSentence(result, ctx);
  const g = result.query.groupBy;
  if (ctx.versus && !result.previous && g.length === 1 && g[0] === ctx.versus.dimension) return versusSentence(result, ctx, ctx.versus);
  if (ctx.set && !result.previous && g.length === 1 && g[0] === ctx.set.dimension) return setSentence(result, ctx, ctx.set);
  if (g.length > 0) return rankingSentence(result, ctx);
  return totalSentence(result, ctx);
}
