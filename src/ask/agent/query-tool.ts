/**
 * The agent's cost tool, the offline planner's capabilities with zod-typed inputs: `run_cost_query`
 * takes a CostQuery (threshold, metrics, dimensions, billing-period basis, charge categories as
 * filters, per-X as groupBy) plus what the planner reads beside a query: the asker's own teams
 * (`mine`), a measure the planner derives from two metrics (savings against list price, the cache
 * hit rate, …), a share the planner answers (a part of the query's spend named by `part`,
 * commitment coverage or utilization, the failure rate of LLM calls: share-measures.ts), a daily
 * average, and a total checked against an amount. As the planner does, named values of one
 * dimension are set side by side, untagged spend is given with its share, a name several accounts
 * share says what it summed, a count of calls by status says which calls record one, a cost per
 * task says the tasks it divides by, quantities are split by their unit, invoices over every
 * stored period are said to be read whole, "this week" on a Monday is last week, and a tag key typed
 * in another case than stored is read as stored.
 * A query asked in a currency is converted as the planner converts it, saying the rates and their
 * dates, or declined when a currency has no rate. It records what it computed for the answer to
 * lead with. One tool, not one per capability: each tool's schema is prompt tokens on every question.
 */
import { tool } from '@langchain/core/tools';
import type pg from 'pg';
import { isConvertible, isFocusMetric, isTagCoverage, parseCostQuery, type CostQuery, type Filter } from '../../costs/query.ts';
import { runCostQuery, type CostResult } from '../../costs/run.ts';
import { answerShare, summaryContext } from '../answer/answer.ts';
import { callStatusScope } from '../answer/call-status.ts';
import { planConversion } from '../answer/conversion.ts';
import { answerDerived } from '../answer/derived.ts';
import { mixedList } from '../answer/mixed-list.ts';
import { resolveLiteralIds } from '../answer/literal-ids.ts';
import { sharedNameNote } from '../answer/shared-names.ts';
import { summarise, type SummaryContext } from '../answer/summary.ts';
import { taskCountNote } from '../answer/task-counts.ts';
import { hourlyRows } from '../answer/hourly.ts';
import { resourceGroupNote } from '../answer/resource-groups.ts';
import { DERIVED, type Derived } from '../planner/derived.ts';
import { withUnitGrouping } from '../planner/focus.ts';
import { ALL_TIME } from '../planner/defaults.ts';
import { defaultPeriod } from '../planner/latest-data.ts';
import { dataEnds } from '../../costs/coverage.ts';
import { loadCatalog } from '../planner/catalog.ts';
import { wholeInvoiceNote } from '../planner/invoice-totals.ts';
import { readJustBegun } from '../planner/just-begun.ts';
import { isTagDimension, queryWithStoredTagKeys } from '../planner/stored-tag-keys.ts';
import type { TimeWords } from '../planner/time.ts';
import { askersTeams } from './my-team.ts';
import { areaFilter, mixedListQuery, purchasesAtBilledCost, unmatchedName } from './planner-readings.ts';
import { QueryInputSchema, type QueryInput } from './query-input.ts';
import { isShareMeasure, readShareMeasure, type ShareMeasure } from './share-measures.ts';
import type { Runtime } from './tools.ts';

/** Rows the model sees per result; the face shows them all. */
export const MODEL_ROWS = 15;

/** What the model reads back: the sentence Penny would say, and the first rows. */
function forModel(result: CostResult, sentence: string): string {
  const rows = result.rows.slice(0, MODEL_ROWS).map(({ exact: _exact, ...r }) => r);
  return JSON.stringify({
    summary: sentence,
    range: result.range,
    previous: result.previous,
    unit: result.unit,
    currencies: result.currencies,
    rows,
    moreRows: Math.max(0, result.rows.length - MODEL_ROWS),
    dataThrough: result.dataThrough,
  });
}

/** A question Penny declines (no team known, no exchange rate): the model is told, and the answer leads with it. */
export function decline(rt: Runtime, refusal: string): string {
  rt.context.computed.set(rt.toolCallId, { forModel: JSON.stringify({ declined: refusal }), refusal });
  return JSON.stringify({ declined: refusal });
}

/** The asker's teams added to the filters, with how "my team" was read; or why it cannot be. */
function withMine(filters: Filter[], mine: boolean | undefined, rt: Runtime): { filters: Filter[]; assumptions: string[] } | { refusal: string } {
  if (!mine) return { filters, assumptions: [] };
  const teams = askersTeams(rt.context.myTeams);
  if ('refusal' in teams) return teams;
  return { filters: [...filters, teams.filter], assumptions: [teams.reading] };
}

/** "search vs checkout": a breakdown by one dimension over named values of it answers them side by side. */
function sideBySide(q: CostQuery): SummaryContext['versus'] {
  const [d, ...more] = q.groupBy;
  if (!d || more.length > 0 || q.granularity !== 'total' || q.compare) return undefined;
  const named = q.filters.find((f): f is Extract<Filter, { op: 'in' }> => f.op === 'in' && f.dimension === d);
  return named && named.values.length > 1 ? { dimension: d, values: named.values } : undefined;
}

/** Invoices asked over every stored period ("invoice totals", no period said): each read whole, said as the planner says it. */
function wholeInvoices(q: CostQuery): string | null {
  const allTime = 'last_n_days' in q.time && 'last_n_days' in ALL_TIME && q.time.last_n_days >= ALL_TIME.last_n_days;
  if (!allTime || q.granularity !== 'total' || q.compare) return null;
  return wholeInvoiceNote(
    q.filters.some((f) => f.dimension === 'InvoiceId' && f.op === 'eq'),
    q.groupBy,
  );
}

/** Measures of AI usage: asked of all spend, they are asked of AI usage. */
const AI_MEASURES = new Set<Derived>(['cache_hit_rate', 'cache_savings', 'calls_per_task']);

/** How the query was read beside it: the period in words when Penny moved it, and the readings for the how-line. */
interface Reading {
  period: string;
  assumptions: string[];
}

export function makeQueryTool(deps: { pool: pg.Pool; timeoutMs?: number }) {
  const { pool, timeoutMs } = deps;

  /** A measure derived from two metrics of the same query, as the planner answers it (answer/derived.ts). */
  async function runDerived(measure: Derived, query: CostQuery, reading: Reading, rt: Runtime): Promise<string> {
    // Tokens, calls and tasks are AI usage only; contracted cost is a FOCUS column of cloud billing, as the planner reads it.
    const cloud = isFocusMetric(DERIVED[measure].against);
    if (cloud && query.dataset === 'ai') return decline(rt, 'Contracted cost is a FOCUS column of cloud billing; AI usage has none, so it has no negotiated savings.');
    const dataset = AI_MEASURES.has(measure) ? 'ai' : cloud ? 'cloud' : query.dataset;
    const q = parseCostQuery({ ...query, metric: DERIVED[measure].of, dataset });
    const d = await answerDerived(pool, measure, q, reading.period, { viewer: rt.context.viewer, asOf: rt.context.asOf, timeoutMs });
    rt.context.computed.set(rt.toolCallId, { forModel: JSON.stringify({ summary: d.text, rows: d.rows }), derived: d, measure, assumptions: reading.assumptions });
    return JSON.stringify({ summary: d.text, query: d.result.query });
  }

  /** A share of the query's scope (failure rate, commitment coverage, a part of spend): answered as the planner answers it (answerShare). */
  async function runShare(measure: ShareMeasure, query: CostQuery, part: Filter[] | undefined, reading: Reading, rt: Runtime): Promise<string | CostQuery> {
    const share = readShareMeasure(measure, query, part);
    if ('refusal' in share) return decline(rt, share.refusal);
    // Untagged spend is answered as a total with its share of the whole, as the planner does.
    if ('untagged' in share) return share.untagged;
    const answer = await answerShare(
      pool,
      share.part,
      share.portion,
      reading.period,
      { viewer: rt.context.viewer, asOf: rt.context.asOf, timeoutMs },
      { assumptions: [...share.assumptions, ...reading.assumptions] },
    );
    if ('refusal' in answer) return decline(rt, answer.refusal);
    rt.context.computed.set(rt.toolCallId, { forModel: JSON.stringify({ summary: answer.answer, rows: answer.rows.slice(0, MODEL_ROWS) }), share: answer, of: share.of });
    return JSON.stringify({ summary: answer.answer, query: answer.query });
  }

  async function runQuery(input: QueryInput, rt: Runtime): Promise<string> {
    const { mine, measure, part, area, list, dailyAverage, compareTotalTo, ...named } = input;
    const { viewer, asOf, currency, question } = rt.context;
    // No period asked: the planner's default, ending where the data read ends (latest-data.ts).
    const unsaid = named.time
      ? null
      : defaultPeriod(Boolean(named.compare), named.granularity === 'total' ? null : named.granularity, { asOf, dataEnds: await dataEnds(pool, asOf, timeoutMs) }, named.dataset);
    const asked = { ...named, time: named.time ?? unsaid!.time };
    const scoped = withMine(asked.filters, mine, rt);
    if ('refusal' in scoped) return decline(rt, scoped.refusal);
    // An id the model typed in another case than stored is read as stored; one stored nowhere is declined, not answered $0.
    // A share's part too: its filters follow the query's and are split off again after.
    const ids = await resolveLiteralIds(pool, { ...asked, filters: [...scoped.filters, ...(part ?? [])] }, new Map(), viewer, asOf);
    if ('refusal' in ids) return decline(rt, ids.refusal);
    const partFilters = part && ids.query.filters.slice(scoped.filters.length);
    // "This week" on a Monday holds no day yet: last week, said, as the planner reads it.
    const period: Pick<TimeWords, 'time' | 'label'> = { time: ids.query.time, label: null };
    const begun = readJustBegun(period, asOf);
    const invoices = wholeInvoices(ids.query);
    const reading: Reading = {
      period: period.label ?? unsaid?.period ?? (invoices ? 'all time' : ''),
      assumptions: [...(unsaid ? [unsaid.note] : []), ...(begun ? [begun] : []), ...(invoices ? [invoices] : []), ...scoped.assumptions, ...ids.corrections],
    };
    let query: CostQuery = {
      ...ids.query,
      filters: ids.query.filters.slice(0, scoped.filters.length),
      time: period.time ?? ids.query.time,
      ...(dailyAverage ? { granularity: 'day' as const } : {}),
    };
    // A tag key typed in another case than stored ("BusinessUnit") is read as stored, as the planner reads it.
    if (query.groupBy.some(isTagDimension) || query.filters.some((f) => isTagDimension(f.dimension))) {
      const respelt = queryWithStoredTagKeys(query, await loadCatalog(pool, viewer, asOf));
      query = respelt.query;
      reading.assumptions.push(...respelt.readings);
    }
    if (area) {
      const regions = areaFilter(area, query.dataset, await loadCatalog(pool, viewer, asOf));
      if ('refusal' in regions) return decline(rt, regions.refusal);
      // Regions are cloud billing's: all spend in a part of the world is its cloud spend, as the planner reads it.
      query = { ...query, dataset: 'cloud', filters: [...query.filters, regions.filter] };
      reading.assumptions.push(regions.reading);
    }
    if (isShareMeasure(measure)) {
      const shared = await runShare(measure, query, partFilters, reading, rt);
      if (typeof shared === 'string') return shared;
      query = shared;
    } else if (measure) return runDerived(measure, query, reading, rt);
    const purchases = purchasesAtBilledCost(query, question);
    query = purchases.query;
    if (purchases.reading) reading.assumptions.push(purchases.reading);
    const listed = list ? mixedListQuery(query, list) : null;
    if (listed && 'refusal' in listed) return decline(rt, listed.refusal);
    if (listed) {
      query = listed.query;
      reading.assumptions.push(listed.reading);
    }
    // Quantities and unit prices of different units never add up: split by the unit, as the planner does.
    const units = withUnitGrouping(query.metric, query.groupBy);
    if (units.assumption) {
      query = { ...query, groupBy: units.groupBy };
      reading.assumptions.push(units.assumption);
    }
    if (currency && isConvertible(query.metric)) query = { ...query, currency };
    // Asked in a currency ("in euros"): the rates used and their dates are said, or the question is declined.
    const conversion = asked.currency ? await planConversion(pool, query, viewer, asOf) : null;
    if (conversion && !conversion.ok) return decline(rt, conversion.message);
    if (conversion) query = conversion.query;
    const untaggedShare = query.filters.some(isTagCoverage) && query.groupBy.length === 0 && query.granularity === 'total';
    const [read, context, shared, status, tasks, groups] = await Promise.all([
      runCostQuery(pool, query, { viewer, asOf, timeoutMs }),
      summaryContext(pool, query, asOf, { viewer, timeoutMs, period: reading.period, share: untaggedShare, versus: sideBySide(query), dailyAverage, check: compareTotalTo }),
      sharedNameNote(pool, query, asOf, { viewer, timeoutMs }),
      callStatusScope(pool, query, { viewer, asOf, timeoutMs }),
      taskCountNote(pool, query, asOf, { viewer, timeoutMs }),
      resourceGroupNote(pool, query, asOf, { viewer, timeoutMs }),
    ]);
    if (status && 'decline' in status) return decline(rt, status.decline);
    // Hours hold no daily cloud rows: left out and said, as offline (hourly.ts).
    const { result, note: hours, refusal: noHours } = await hourlyRows(pool, read, { viewer, asOf, timeoutMs });
    if (noHours) return decline(rt, noHours);
    // In the offline answer's order: what a shared name summed, which calls have a status, the tasks divided by, resource groups, hours left out, the rates used.
    const notes = [shared, status?.note, tasks, groups, hours, conversion?.note].filter((n): n is string => Boolean(n));
    // Names of different kinds: each name's row and their total, from the rows grouped by each kind (mixed-list.ts).
    const mixed = listed ? mixedList(result, listed.items, reading.period) : undefined;
    if (mixed && 'refusal' in mixed) return decline(rt, mixed.refusal);
    const unmatched = listed ? unmatchedName(result, listed.items) : null;
    if (unmatched) return decline(rt, unmatched);
    const said = [mixed ? mixed.text : summarise(result, context).text, ...notes].join(' ');
    const shown = mixed ? { ...result, rows: mixed.rows } : result;
    rt.context.computed.set(rt.toolCallId, { forModel: forModel(shown, said), result, context, notes, assumptions: reading.assumptions, ...(mixed ? { mixed } : {}) });
    return JSON.stringify({ summary: said, query: result.query });
  }

  return tool(runQuery, {
    name: 'run_cost_query',
    description: 'Run one typed cost query over cloud billing (FOCUS) and AI usage data and get aggregated rows.',
    schema: QueryInputSchema,
  });
}
