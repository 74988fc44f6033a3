/**
 * An answer to a cost question, as every face shows it (CLI, Slack): the sentence, the single
 * number when there is one, the rows, the query that produced them, and how fresh the data is.
 * `answerOffline` answers through the deterministic planner; the agent builds the same Answer
 * from its tool's result (src/agent).
 */
import type pg from 'pg';
import { dataCoverage, dataEnds } from '../../costs/coverage.ts';
import { isAdditive, isConvertible, isTagCoverage, type CostQuery } from '../../costs/query.ts';
import { runCostQuery, type CostResult, type CostRow, type Viewer } from '../../costs/run.ts';
import { todayUtc } from '../../costs/time.ts';
import { loadCatalog, type Catalog } from '../planner/catalog.ts';
import { howText } from './format.ts';
import { withAccountNames } from './account-names.ts';
import { resolveLiteralIds } from './literal-ids.ts';
import { planConversion } from './conversion.ts';
import { answerDerived, type DerivedAnswer } from './derived.ts';
import { answerOutlookKind, outlookHow } from './outlook.ts';
import type { Derived } from '../planner/derived.ts';
import type { Portion } from '../planner/portion.ts';
import { readOutlook } from '../planner/outlook.ts';
import { askedPart, type AskedPart } from '../planner/asked-sentence.ts';
import { planQuestion, type Plan, type Refusal } from '../planner/plan.ts';
import { withStoredTagKeys } from '../planner/stored-tag-keys.ts';
import { absentRefusal } from '../planner/absent-clouds.ts';
import { SUGGESTIONS } from '../planner/suggestions.ts';
import { summarise, type SummaryContext } from './summary.ts';
import { mixedList } from './mixed-list.ts';
import { answerPortion } from './portion.ts';
import { sharedNameNote } from './shared-names.ts';
import { callStatusScope } from './call-status.ts';
import { taskCountNote } from './task-counts.ts';
import { withPlanNotes } from './plan-notes.ts';
import { resourceGroupNote } from './resource-groups.ts';
import { hourlyRows } from './hourly.ts';
import { answerCount } from './distinct-count.ts';
import { withoutUncoveredChange } from './uncovered-change.ts';
import { periodAverage } from './period-average.ts';
import { groupShares } from './group-shares.ts';
import { noneLeftOutNote } from './none-left-out.ts';
import { answerCallPercentile } from './call-percentile.ts';
import { dailyStatistic } from './daily-statistic.ts';
import { answerGroupAverage } from './group-average.ts';
import { answerAiBesideCloud } from './ai-beside-cloud.ts';

export interface Answer {
  answer: string;
  value: number | null;
  unit: string;
  rows: CostRow[];
  query: CostQuery | null;
  asOf: string;
  dataThrough: string | null;
  llmCalls: number;
  promptTokens: number;
  /** One line: what was summed, over which dates, and how fresh the data is. */
  how: string | null;
  /** Phrasings that can be answered, when this question could not be. */
  suggestions: string[];
  /** The full query result, for charts and tables; absent when nothing was queried. */
  result?: CostResult;
  /** The rows' column holding each row's figure when it is not the query's metric (savings against list price per group). */
  column?: string;
  /** A statistic over single calls, not the metric's total or average: "median", "p95" (answer/call-percentile.ts). */
  statistic?: string;
}

export interface AskOptions {
  viewer: Viewer;
  asOf?: string;
  /** Statement timeout of each query (default: the query layer's). */
  timeoutMs?: number;
  /** Answer money in this currency, converted with the loaded exchange rates. */
  currency?: string;
  /** The asker's teams from the owner map, for "my team" (Slack); undefined when nobody is known. */
  myTeams?: readonly string[];
}

/** The result a table or chart may show: none when the rows hold a figure of their own (savings per group), which is not the result's metric. */
export const tabulated = (answer: Answer): CostResult | null => (answer.column ? null : (answer.result ?? null));

/** An offline answer's fields taken from its query result: its dates and freshness, no model calls, nothing to suggest. */
export const offlineFields = (result: CostResult) => ({ asOf: result.asOf, dataThrough: result.dataThrough, llmCalls: 0, promptTokens: 0, suggestions: [] as string[] });

/** Rows as the JSON contract has them: dimensions, period, the metric and the comparison. */
export function publicRows(result: CostResult): CostRow[] {
  return result.rows.map(({ exact: _exact, ...row }) => row);
}

/**
 * The companion queries a sentence needs: the total behind a ranking, all spend behind untagged.
 * They depend on the query alone, so they can run while the query itself does.
 */
export async function summaryContext(
  pool: pg.Pool,
  q: CostQuery,
  asOf: string,
  options: AskOptions & { period: string; share?: boolean } & Pick<SummaryContext, 'versus' | 'set' | 'dailyAverage' | 'check'>,
): Promise<SummaryContext> {
  const run = (input: object) => runCostQuery(pool, { ...q, ...input }, { viewer: options.viewer, asOf, timeoutMs: options.timeoutMs, dataThrough: false });
  const [total, whole, coverage] = await Promise.all([
    q.groupBy.length > 0 && q.granularity === 'total' ? run({ groupBy: [], limit: undefined, threshold: undefined, orderBy: { by: 'metric', direction: 'desc' } }) : undefined,
    options.share ? run({ filters: q.filters.filter((f) => !isTagCoverage(f)) }) : undefined,
    options.dailyAverage ? dataCoverage(pool, q.dataset, options.timeoutMs) : undefined,
  ]);
  return {
    period: options.period,
    ...(total ? { total } : {}),
    ...(whole ? { whole } : {}),
    ...(options.versus ? { versus: options.versus } : {}),
    ...(options.set ? { set: options.set } : {}),
    ...(options.dailyAverage ? { dailyAverage: true, coverage: coverage ?? null } : {}),
    ...(options.check ? { check: options.check } : {}),
  };
}

export function answerFromResult(result: CostResult, ctx: SummaryContext, extra: { assumptions?: string[]; corrections?: string[]; llmCalls?: number; promptTokens?: number } = {}): Answer {
  const summary = summarise(result, ctx);
  return {
    answer: summary.text,
    value: summary.value,
    unit: result.unit,
    rows: publicRows(result),
    query: result.query,
    asOf: result.asOf,
    dataThrough: result.dataThrough,
    llmCalls: extra.llmCalls ?? 0,
    promptTokens: extra.promptTokens ?? 0,
    how: howText(result, [...(extra.assumptions ?? []), ...(summary.reading ? [summary.reading] : [])], extra.corrections),
    suggestions: [],
    result,
  };
}

/** A derived measure's answer (savings against list, cache hit rate): its own sentence and figures, read and dated like its query's. */
export function answerFromDerived(d: DerivedAnswer, derived: Derived, period: string, extra: { assumptions?: string[]; corrections?: string[] } = {}): Answer {
  const basis = {
    savings: 'savings = list cost minus effective cost',
    negotiated_savings: 'negotiated savings = list cost minus contracted cost (the negotiated rates, before commitments and credits)',
    billed_gap: 'billed cost carries commitment purchases when paid; effective cost spreads them over the usage they cover',
    cache_hit_rate: 'cache hit rate = cached input tokens over all input tokens',
    calls_per_task: 'calls per task = LLM calls over distinct task ids in task outcomes, in the same scope and period',
    token_kinds: 'input and output tokens, each summed over the same calls (cache reads are part of input)',
    cache_savings: "saved by the cache = cached input tokens at each model's input price less at its cache-read price (list prices, an average call per model)",
  }[derived];
  return {
    ...answerFromResult(d.result, { period }, { assumptions: [basis, ...(extra.assumptions ?? [])], corrections: extra.corrections }),
    answer: d.text,
    value: d.value,
    unit: d.unit,
    rows: d.rows,
    ...(d.column ? { column: d.column } : {}),
  };
}

/** Nothing found: no rows, or only zeros and gaps in the period asked about. */
function foundNothing(result: CostResult): boolean {
  return result.rows.every((r) => r[result.metric] === null || r[result.metric] === 0);
}

/**
 * An answer that found nothing says which days the stored data covers, so a 0 is not read as
 * "spent nothing"; a 0 that rows summed to says that instead. A comparison with days before the
 * data starts ("the same month last year") says so, so "up from $0.00" is not read as growth; one
 * wholly before them ("yoy" over the first year of data) has no change to give, and is declined.
 */
export async function sayCoverage(pool: pg.Pool, answer: Answer, timeoutMs?: number): Promise<Answer> {
  const previous = answer.result?.previous;
  if (answer.result && previous && !foundNothing(answer.result)) {
    const c = await dataCoverage(pool, answer.result.query.dataset, timeoutMs);
    if (c && previous.to <= c.first) return withoutUncoveredChange(answer, answer.result, c.first);
    const note = c && previous.from < c.first ? ` Cost data starts ${c.first}, so the period compared with is only partly covered.` : '';
    return { ...answer, answer: `${answer.answer}${note}` };
  }
  // Under a threshold no rows is an answer of its own ("no service was above $1,000").
  if (!answer.result || !foundNothing(answer.result) || answer.result.query.threshold) return answer;
  // A ratio with nothing to divide by said so already: its rows did not sum to 0.
  if (answer.result.matched) return isAdditive(answer.result.metric) ? { ...answer, answer: `${answer.answer} Rows matched and sum to 0.` } : answer;
  const c = await dataCoverage(pool, answer.result.query.dataset, timeoutMs);
  const note = c ? `No data matched; cost data covers ${c.first} to ${c.last}.` : 'No data matched; no cost data is stored yet.';
  return { ...answer, answer: `${answer.answer} ${note}` };
}

export function declined(message: string, suggestions: string[], asOf: string, usage: { llmCalls?: number; promptTokens?: number } = {}): Answer {
  return { answer: message, value: null, unit: 'USD', rows: [], query: null, asOf, dataThrough: null, llmCalls: usage.llmCalls ?? 0, promptTokens: usage.promptTokens ?? 0, how: null, suggestions };
}

/** The refusal of a question longer than `max` characters, or null when it is not. */
export function tooLongMessage(question: string, max: number): string | null {
  if (question.length <= max) return null;
  const n = (x: number) => x.toLocaleString('en-US');
  return `That question is ${n(question.length)} characters long; I read questions of up to ${n(max)} characters. Ask it in a sentence or two.`;
}

/**
 * A share's answer (portion.ts): the part's total over the whole's, saying which calls have a known
 * status when it counts calls by status (call-status.ts); or why it cannot be given. The offline
 * planner's shares and the agent's failure rate are both answered here.
 */
export async function answerShare(
  pool: pg.Pool,
  query: CostQuery,
  portion: Portion,
  period: string,
  options: AskOptions & { asOf: string },
  reading: { assumptions: string[]; corrections?: string[] },
): Promise<Answer | { refusal: string }> {
  const [p, status] = await Promise.all([answerPortion(pool, query, portion, period, options), callStatusScope(pool, query, options)]);
  if (status && 'decline' in status) return { refusal: status.decline };
  if (p.rows.length === 0) return { refusal: p.text };
  const assumptions = ["share = the part's total over the whole's, same period and metric", ...reading.assumptions];
  const base = answerFromResult(p.result, { period }, { assumptions, corrections: reading.corrections });
  // Shares per currency or per group have no one value: each row's figure is its share, as group shares' are.
  return { ...base, answer: status ? `${p.text} ${status.note}` : p.text, value: p.value, unit: 'ratio', rows: p.rows, ...(p.value === null ? { column: 'share' } : {}) };
}

/** Answers with the offline planner: no model, the same CostQuery, or a plain "I can't" with phrasings. */
export async function answerOffline(pool: pg.Pool, question: string, options: AskOptions): Promise<Answer> {
  const asOf = options.asOf ?? todayUtc();
  const [catalog, ends] = await Promise.all([loadCatalog(pool, options.viewer, asOf), dataEnds(pool, asOf, options.timeoutMs)]);
  // A long message's greeting, reason and thanks are not the question (asked-sentence.ts).
  const part = askedPart(question, catalog, asOf);
  if (part) question = part.question;
  const outlook = readOutlook(question, catalog, asOf);
  if (outlook) {
    if ('refusal' in outlook) return declined(outlook.refusal, SUGGESTIONS.slice(0, 3), asOf);
    const o = await answerOutlookKind(pool, outlook.kind, outlook.scope, options.viewer, asOf, { closed: outlook.closedMonth, ask: outlook.ask, waste: outlook.waste });
    return { ...declined(o.text, [], asOf), value: o.value, rows: o.rows, how: outlookHow(outlook.kind, outlook.scope, asOf, outlook.waste?.label) };
  }
  const planned = withAskedPart(withStoredTagKeys(planQuestion(question, { asOf, catalog, dataEnds: ends, myTeams: options.myTeams }), catalog), part);
  // The catalog is the viewer's: a cloud "with no charges" may have charges of teams they cannot see.
  const limited = !options.viewer.admin;
  if (!planned.ok) return declined(planned.absent && limited ? absentRefusal(planned.absent, true) : planned.message, planned.suggestions, asOf);
  return withPlanNotes(pool, planned, await answerPlanned(pool, planned, catalog, options, asOf), options.timeoutMs, limited);
}

/** A plan read from a long message's asking sentence says so in its how-line. */
const withAskedPart = (planned: Plan | Refusal, part: AskedPart | null): Plan | Refusal => (part && planned.ok ? { ...planned, assumptions: [...planned.assumptions, part.reading] } : planned);

/** The answer to a question the planner read: its literal ids resolved, then its query run and said. */
async function answerPlanned(pool: pg.Pool, planned: Plan, catalog: Catalog, options: AskOptions, asOf: string): Promise<Answer> {
  const ids = await resolveLiteralIds(pool, planned.query, catalog, options.viewer, asOf);
  if ('refusal' in ids) return declined(ids.refusal, [], asOf);
  const plan = ids.corrections.length > 0 ? { ...planned, query: ids.query, corrections: [...(planned.corrections ?? []), ...ids.corrections] } : planned;
  if (plan.derived) {
    const d = await answerDerived(pool, plan.derived, plan.query, plan.period, { ...options, asOf });
    // A saving of 0 over no rows is no data, not no saving.
    return sayCoverage(pool, answerFromDerived(d, plan.derived, plan.period, { assumptions: plan.assumptions, corrections: plan.corrections }), options.timeoutMs);
  }
  if (plan.aiBeside) return answerAiBesideCloud(pool, { ...plan, aiBeside: plan.aiBeside }, { ...options, asOf });
  if (plan.count) return answerCount(pool, plan, { ...options, asOf });
  if (plan.percentile) return answerCallPercentile(pool, plan, { ...options, asOf });
  if ((plan.average || plan.dailyAverage) && plan.query.groupBy.length > 0) return answerGroupAverage(pool, plan, { ...options, asOf });
  if (plan.portion) {
    const share = await answerShare(pool, plan.query, plan.portion, plan.period, { ...options, asOf }, plan);
    return 'refusal' in share ? declined(share.refusal, [], asOf) : share;
  }
  let query = options.currency && isConvertible(plan.query.metric) ? { ...plan.query, currency: options.currency } : plan.query;
  // Asked in words ("in euros"): say the rates used, or decline when a currency has none.
  const conversion = plan.query.currency ? await planConversion(pool, query, options.viewer, asOf) : null;
  if (conversion && !conversion.ok) return declined(conversion.message, [], asOf);
  if (conversion) query = conversion.query;
  const [read, ctx, shared, status, tasks, groups, noneOut] = await Promise.all([
    runCostQuery(pool, query, { viewer: options.viewer, asOf, timeoutMs: options.timeoutMs }).then((r) => withAccountNames(pool, r, options)),
    summaryContext(pool, query, asOf, { ...options, period: plan.period, share: plan.share, versus: plan.versus, set: plan.set, dailyAverage: plan.dailyAverage, check: plan.check }),
    sharedNameNote(pool, query, asOf, options),
    callStatusScope(pool, query, { ...options, asOf }),
    taskCountNote(pool, query, asOf, options),
    resourceGroupNote(pool, query, asOf, options),
    noneLeftOutNote(pool, query, plan.noneLeftOut, asOf, options),
  ]);
  if (status && 'decline' in status) return declined(status.decline, [], asOf);
  const { result, note: hours, refusal: noHours } = await hourlyRows(pool, read, { ...options, asOf });
  if (noHours) return declined(noHours, [], asOf);
  const plain = answerFromResult(result, ctx, { assumptions: plan.assumptions, corrections: plan.corrections });
  const notes = [shared, status?.note, tasks, groups, noneOut, hours].filter((n): n is string => Boolean(n));
  const answer = notes.length ? { ...plain, answer: [plain.answer, ...notes].join(' ') } : plain;
  if (plan.dailyStatistic) {
    const stat = dailyStatistic(result, plan.dailyStatistic, plan.period);
    if ('refusal' in stat) return declined(stat.refusal, [], asOf);
    return { ...answer, answer: [stat.text, ...notes].join(' '), value: stat.value, statistic: plan.dailyStatistic.name };
  }
  if (plan.average) {
    const avg = periodAverage(result, plan.average, await dataCoverage(pool, query.dataset, options.timeoutMs), plan.annualized);
    if ('refusal' in avg) return declined(avg.refusal, [], asOf);
    return { ...answer, answer: [avg.text, ...notes].join(' '), value: avg.value, rows: publicRows({ ...result, rows: avg.rows }), result: { ...result, rows: avg.rows } };
  }
  if (plan.shares) {
    const shares = groupShares({ ...result, rows: answer.rows }, ctx.total, plan.period);
    // Each row's figure is its share: a ratio, as a share of one part is (answerShare).
    return sayCoverage(pool, { ...answer, answer: [shares.text, ...notes].join(' '), value: null, unit: 'ratio', rows: shares.rows, column: 'share' }, options.timeoutMs);
  }
  if (plan.mixed) {
    const list = mixedList(result, plan.mixed, plan.period);
    if ('refusal' in list) return declined(list.refusal, [], asOf);
    return sayCoverage(pool, { ...answer, answer: list.text, value: list.value, rows: list.rows, result: { ...result, rows: list.matched } }, options.timeoutMs);
  }
  return sayCoverage(pool, conversion?.note ? { ...answer, answer: `${answer.answer} ${conversion.note}` } : answer, options.timeoutMs);
}
