/**
 * Compiles a CostQuery to one parameterised SQL statement. Every value (dates, filter values, tag
 * keys, team scope, limits) is a `$n` parameter; the SQL text is assembled only from fixed strings
 * picked by enum or allow-list, so no input can change the statement's shape.
 *
 * Shape: a CTE `s` unions one branch per source table (cloud costs, AI usage and, for cost per
 * task, task outcomes) onto common columns d0..d2, period, cur and the measures; the
 * outer query aggregates the metric over `s` (for the current and previous period in one scan when
 * comparing) and orders and limits it. Output columns are d0..d2, period, ccy, m (the metric), prev, delta and nr (rows summed).
 *
 * Money is summed per currency (ccy): a money metric groups by it as if asked, ranks and limits
 * within each currency, and so never adds amounts in different currencies. Counts have no currency.
 * A query with a `currency` first converts what it can with the loaded exchange rates (convert.ts).
 * A rolled-up branch reads whole months from the monthly rollup and the days around them from the
 * daily one (month-split.ts).
 */
import { ROLLUP_COLUMNS, TABLE, TIME_COLUMN, type Source } from '../schema/dimensions.ts';
import { dimensionSql, type Bind } from './dimensions.ts';
import { convertedSource } from './convert.ts';
import { CURRENCY_SQL } from './currency.ts';
import { focusMeasures, focusMetricSql } from './focus-metrics.ts';
import { CostQueryError, isFocusMetric, isPerCurrency, isPerTaskCost, isTaskMetric, USAGE_METRICS, type CostQuery, type Filter, type Metric } from './query.ts';
import { resolveCompared, type DateRange, type ResolvedTime } from './time.ts';
import { readsTaskDays, taskCallsGrouping, taskCallsMeasures } from './task-calls.ts';
import { monthlyReading, ROW_WEIGHT } from './month-split.ts';

/** Who is asking: a non-admin sees only rows whose team is one of `teams`. */
export interface Viewer {
  admin: boolean;
  teams: string[];
}

export interface CompileOptions {
  asOf: string;
  viewer: Viewer;
  /** Rows returned at most; one more is fetched so the caller can tell the answer was cut. */
  rowCap: number;
  /** The rollups are fresh: read them where the query only touches rolled-up dimensions. */
  rollups?: boolean;
}

export interface CompiledQuery {
  text: string;
  values: unknown[];
  time: ResolvedTime;
  /** Output column d<i> holds dimensions[i]. */
  dimensions: string[];
  hasPeriod: boolean;
  compare: boolean;
  /** Some branch reads the daily rollup (whole months of it from the monthly one). */
  rollup: boolean;
}

/** Measured on AI usage only: cloud rows would add cost without tokens or requests. */
const AI_ONLY: readonly Metric[] = USAGE_METRICS.filter((m) => !isPerTaskCost(m) && !isTaskMetric(m));

const SOURCE_LABEL: Record<Source, string> = { cloud: 'cloud costs', ai: 'AI usage', tasks: 'task outcomes' };

/** The tables a query reads: AI-only metrics read AI usage whatever the dataset says. */
export function sourcesFor(q: CostQuery): Source[] {
  if (isTaskMetric(q.metric)) return ['tasks'];
  const sources: Source[] = AI_ONLY.includes(q.metric) ? ['ai'] : q.dataset === 'all' ? ['cloud', 'ai'] : [q.dataset];
  if (isPerTaskCost(q.metric)) sources.push('tasks');
  return sources;
}

export function makeBinder(values: unknown[]): Bind {
  const seen = new Map<string, string>();
  return (value, cast) => {
    const key = `${cast ?? ''}:${JSON.stringify(value)}`;
    let ref = seen.get(key);
    if (!ref) {
      values.push(value);
      ref = `$${values.length}${cast ? `::${cast}` : ''}`;
      seen.set(key, ref);
    }
    return ref;
  };
}

function requireDimension(dimension: string, source: Source, bind: Bind): string {
  const sql = dimensionSql(dimension, source, bind);
  if (sql === null) throw new CostQueryError(`${dimension} is not available on ${SOURCE_LABEL[source]}; choose another dataset or dimension`);
  return sql;
}

/** LIKE wildcards in the user's text match themselves. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

export function filterSql(f: Filter, expr: string, bind: Bind): string {
  switch (f.op) {
    case 'eq':
      return f.value === null ? `${expr} is null` : `${expr} = ${bind(f.value, 'text')}`;
    case 'not':
      // "not search" keeps untagged rows too: they are not search's.
      return f.value === null ? `${expr} is not null` : `${expr} is distinct from ${bind(f.value, 'text')}`;
    case 'in':
      return `${expr} = any(${bind(f.values, 'text[]')})`;
    case 'contains':
      return `${expr} ilike ${bind(likePattern(f.value), 'text')}`;
  }
}

const MEASURES: Record<Source, string> = {
  cloud: 'billed_cost as billed, effective_cost as effective, list_cost as list, 0::bigint as input, 0::bigint as output, 0::bigint as cached, 0 as requests, null::text as task_id, false as success',
  ai: 'cost as billed, cost as effective, cost as list, input_tokens as input, output_tokens as output, cache_read_tokens as cached, requests, null::text as task_id, false as success',
  tasks: "0::numeric as billed, 0::numeric as effective, 0::numeric as list, 0::bigint as input, 0::bigint as output, 0::bigint as cached, 0 as requests, task_id, status = 'success' as success",
};

/** Task outcomes' own measures; the others are the constants of MEASURES.tasks. */
const TASK_MEASURES = "task_id, status = 'success' as success";
const TASK_CONSTANTS = MEASURES.tasks.slice(0, -TASK_MEASURES.length - 2);

const ROLLUP_MEASURES =
  'billed_cost as billed, effective_cost as effective, list_cost as list, input_tokens as input, output_tokens as output, cached_tokens as cached, requests, null::text as task_id, false as success';

/**
 * An exclusion of a value a source has no column for holds for all its rows: "excluding
 * CloudWatch" keeps every AI call, which has no service.
 */
function vacuous(f: Filter, source: Source): boolean {
  return f.op === 'not' && f.value !== null && dimensionSql(f.dimension, source, () => '$0') === null;
}

/** Every dimension the branch touches, scope included; on `source`, without its vacuous exclusions. */
function dimensionsUsed(q: CostQuery, opts: CompileOptions, source?: Source): string[] {
  const filters = source ? q.filters.filter((f) => !vacuous(f, source)) : q.filters;
  return [...q.groupBy, ...filters.map((f) => f.dimension), ...(q.metric === 'cost_per_customer' ? ['customer'] : []), ...(opts.viewer.admin ? [] : ['team'])];
}

/**
 * The daily rollup can answer this source's part: it is fresh and has every dimension used. It is
 * keyed by charge day and billing period (the UTC dates of the raw times) and holds no FOCUS
 * quantities, so FOCUS-metric queries read cost_lines.
 */
function rollupFor(q: CostQuery, source: Source, opts: CompileOptions): boolean {
  // Cost per task counts only calls with a task, which the rollup does not tell apart.
  // The rollup is daily: hours are read from the raw rows.
  if (isFocusMetric(q.metric) || q.granularity === 'hour' || (isPerTaskCost(q.metric) && source === 'ai')) return false;
  return opts.rollups === true && source !== 'tasks' && dimensionsUsed(q, opts).every((d) => Object.hasOwn(ROLLUP_COLUMNS, d));
}

/**
 * The hour a row is charged in, as ISO text ("2026-11-22T13:00:00Z"); null for a cloud row charged
 * over more than an hour (a day's cost is not spread over its hours). Text, so every branch agrees.
 */
function hourOf(source: Source, t: string): string {
  const hour = `to_char(date_trunc('hour', ${t} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"')`;
  return source === 'cloud' ? `case when charge_period_end <= ${t} + interval '1 hour' then ${hour} end` : hour;
}

/**
 * The rows of `sources`: one source's raw table, or several sources' rows of the rollup, which
 * holds them all (one scan instead of one per source).
 */
function branch(q: CostQuery, sources: Source[], time: ResolvedTime, opts: CompileOptions, bind: Bind, weighted: boolean): { text: string; read?: string } {
  // Availability follows the raw tables either way, so a rollup never answers what raw data cannot.
  for (const s of sources) for (const d of dimensionsUsed(q, opts, s)) requireDimension(d, s, bind);
  const source = sources[0]!;
  const rollup = rollupFor(q, source, opts);
  const taskDays = source === 'ai' && readsTaskDays(q, opts.viewer);
  // Both are summed per UTC day: a date column, not a time.
  const dated = rollup || taskDays;
  const billing = q.periodBasis === 'billing';
  const t = dated ? (billing ? 'billing_period' : 'day') : billing ? 'billing_period_start' : TIME_COLUMN[source];
  const dim = (d: string) => (rollup ? ROLLUP_COLUMNS[d]! : requireDimension(d, source, bind));
  // The rollup's day and billing period are the UTC dates of the raw times, so day bounds select the same rows.
  const at = (date: string) => (dated ? bind(date, 'date') : bind(`${date}T00:00:00Z`, 'timestamptz'));
  // Cost per task sums the calls with a task per group right away (task-calls.ts).
  const taskCalls = source === 'ai' && isPerTaskCost(q.metric);

  /** The branch's columns, and its rows of `table` whose time column `tc` falls in `within`. */
  const read = (tc: string, table: string, within: readonly DateRange[]) => {
    const cols = q.groupBy.map((d, i) => `${dim(d)} as d${i}`);
    if (q.granularity === 'hour') cols.push(`${hourOf(source, tc)} as period`);
    else if (q.granularity !== 'total') cols.push(`date_trunc(${bind(q.granularity, 'text')}, ${dated ? `${tc}::timestamp` : `${tc} at time zone 'UTC'`})::date as period`);
    if (q.compare) cols.push(`${tc} >= ${at(time.from)} as cur`);
    // Customers are counted from cost rows only, not from task outcomes.
    if (q.metric === 'cost_per_customer') cols.push(`${source === 'tasks' ? 'null::text' : dim('customer')} as cust`);
    cols.push(`${!isPerCurrency(q.metric) ? 'null::text' : rollup ? 'currency' : CURRENCY_SQL[source]} as ccy`);
    const measuresAt = cols.length;
    cols.push(rollup ? ROLLUP_MEASURES : taskCalls ? taskCallsMeasures(taskDays) : MEASURES[source], ...focusMeasures(q.metric));
    if (q.currency) cols.push(`${dated ? tc : `(${tc} at time zone 'UTC')::date`} as fxday`);
    if (weighted) cols.push(`${ROW_WEIGHT(table)} as nw`);

    const inRange = (r: DateRange) => `(${tc} >= ${at(r.from)} and ${tc} < ${at(r.to)})`;
    const where = [within.length > 1 ? `(${within.map(inRange).join(' or ')})` : inRange(within[0]!)];
    if (rollup) where.push(`dataset in (${sources.map((x) => `'${x}'`).join(', ')})`);
    for (const f of q.filters) if (!vacuous(f, source)) where.push(filterSql(f, dim(f.dimension), bind));
    if (!opts.viewer.admin) where.push(`${dim('team')} = any(${bind(opts.viewer.teams, 'text[]')})`);
    if (taskCalls && !taskDays) where.push('task_id is not null');
    return { cols, from: ` from ${table} where ${where.join(' and ')}${taskCalls ? taskCallsGrouping(cols, measuresAt) : ''}` };
  };

  const ranges = q.compare ? [time, time.previous] : [time];
  // Whole months of a rolled-up branch are read from the monthly rollup, the days around them from the daily one.
  const monthly = rollup ? monthlyReading(q, ranges) : undefined;
  if (monthly) {
    const parts = [...(monthly.days.length > 0 ? [read(t, 'cost_rollup_daily', monthly.days)] : []), read(billing ? t : 'month', 'cost_rollup_monthly', monthly.months)];
    return { text: parts.map((p) => `select ${p.cols.join(', ')}${p.from}`).join(' union all ') };
  }
  const { cols, from } = read(t, rollup ? 'cost_rollup_daily' : taskDays ? 'llm_task_days' : TABLE[source], ranges);
  // Task counts read the outcomes alone; cost per task joins them to the cost rows below.
  if (source !== 'tasks' || !isPerTaskCost(q.metric)) return { text: `select ${cols.join(', ')}${from}` };
  // Task outcomes are read on their own first (see compileCostQuery), only the columns they have:
  // the constant measures join them after, so less crosses from the workers on Citus.
  const alias = (c: string) => c.slice(c.lastIndexOf(' as ') + 4);
  // Outcomes carry no money: a success counts in each currency the cost rows of its group and
  // period are in (`sc`, the other branches), so a EUR gateway's cost is divided by its successes too.
  const keys = [...q.groupBy.map((_, i) => `d${i}`), ...(q.granularity !== 'total' ? ['period'] : [])];
  const on = ['true', ...keys.map((k) => `${k} is not distinct from x_${k}`)].join(' and ');
  const currencies = `(select distinct ${[...keys.map((k) => `${k} as x_${k}`), 'ccy as x_ccy'].join(', ')} from sc) x on ${on}`;
  return {
    read: `select ${cols.map((c) => (c === MEASURES.tasks ? TASK_MEASURES : c)).join(', ')}${from}`,
    text: `select ${cols.map((c) => (c === MEASURES.tasks ? `${TASK_CONSTANTS}, task_id, success` : c.endsWith(' as ccy') ? 'x_ccy as ccy' : alias(c))).join(', ')} from tk join ${currencies}`,
  };
}

/** The branches' columns other than currency and money, which conversion passes through as they are. */
function passthrough(q: CostQuery, weighted: boolean): string[] {
  return [
    ...q.groupBy.map((_, i) => `d${i}`),
    ...(q.granularity !== 'total' ? ['period'] : []),
    ...(q.compare ? ['cur'] : []),
    ...(q.metric === 'cost_per_customer' ? ['cust'] : []),
    'input',
    'output',
    'cached',
    'requests',
    'task_id',
    'success',
    ...(weighted ? ['nw'] : []),
  ];
}

/** Every day a row of the query can fall on: the range, and the previous one when comparing. */
function convertDays(q: CostQuery, time: ResolvedTime): DateRange {
  return q.compare ? { from: time.previous.from < time.from ? time.previous.from : time.from, to: time.to } : time;
}

/** The metric's aggregate over `s`, restricted to rows matching `cond` when given. */
function metricSql(metric: Metric, cond: string | null): string {
  const f = cond ? ` filter (where ${cond})` : '';
  const sum = (x: string) => `coalesce(sum(${x})${f}, 0)`;
  switch (metric) {
    case 'billed_cost':
      return sum('s.billed');
    case 'effective_cost':
      return sum('s.effective');
    case 'list_cost':
      return sum('s.list');
    case 'input_tokens':
      return sum('s.input');
    case 'output_tokens':
      return sum('s.output');
    case 'cached_tokens':
      return sum('s.cached');
    case 'total_tokens':
      return sum('s.input + s.output');
    case 'requests':
      return sum('s.requests');
    case 'cost_per_request':
      return `${sum('s.effective')} / nullif(${sum('s.requests')}, 0)`;
    case 'cost_per_1k_requests':
    case 'cost_per_1m_requests':
      return `${sum('s.effective')} * ${metric === 'cost_per_1k_requests' ? 1000 : 1000000} / nullif(${sum('s.requests')}, 0)`;
    case 'tokens_per_request':
      return `${sum('s.input + s.output')}::numeric / nullif(${sum('s.requests')}, 0)`;
    case 'input_tokens_per_request':
      return `${sum('s.input')}::numeric / nullif(${sum('s.requests')}, 0)`;
    case 'output_tokens_per_request':
      return `${sum('s.output')}::numeric / nullif(${sum('s.requests')}, 0)`;
    case 'cost_per_1k_tokens':
    case 'cost_per_1m_tokens':
      return `${sum('s.effective')} * ${metric === 'cost_per_1k_tokens' ? 1000 : 1000000} / nullif(${sum('s.input + s.output')}, 0)`;
    case 'cost_per_successful_task':
      return `${sum('s.effective')} / nullif(count(distinct s.task_id) filter (where s.success${cond ? ` and ${cond}` : ''}), 0)`;
    case 'cost_per_task':
      return `${sum('s.effective')} / nullif(count(distinct s.task_id)${f}, 0)`;
    case 'tasks':
      return `count(distinct s.task_id)${f}`;
    case 'successful_tasks':
    case 'failed_tasks':
    case 'task_success_rate':
    case 'task_failure_rate': {
      const ended = (success: boolean) => `count(distinct s.task_id) filter (where ${success ? '' : 'not '}s.success${cond ? ` and ${cond}` : ''})`;
      if (!metric.endsWith('_rate')) return ended(metric === 'successful_tasks');
      return `${ended(metric === 'task_success_rate')}::numeric / nullif(count(distinct s.task_id)${f}, 0)`;
    }
    case 'cost_per_customer':
      // Only spend attributed to a customer is shared among customers.
      return `coalesce(sum(s.effective) filter (where s.cust is not null${cond ? ` and ${cond}` : ''}), 0) / nullif(count(distinct s.cust)${f}, 0)`;
    default:
      return focusMetricSql(metric, cond)!;
  }
}

const THRESHOLD_OP = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** "over $1,000": the groups whose metric passes the threshold; converted amounts only when converting. */
function havingSql(q: CostQuery, bind: Bind): string {
  if (!q.threshold) return '';
  const converted = q.currency ? ` and s.ccy = ${bind(q.currency, 'text')}` : '';
  return ` having ${metricSql(q.metric, q.compare ? 's.cur' : null)} ${THRESHOLD_OP[q.threshold.op]} ${bind(q.threshold.value, 'numeric')}${converted}`;
}

export function compileCostQuery(q: CostQuery, opts: CompileOptions): CompiledQuery {
  const values: unknown[] = [];
  const bind = makeBinder(values);
  const time = resolveCompared(q.time, opts.asOf, q.compare, q.compareTo);
  const sources = sourcesFor(q);
  const rolled = sources.filter((s) => rollupFor(q, s, opts));
  const parts = rolled.length > 1 ? [rolled, ...sources.filter((s) => !rolled.includes(s)).map((s) => [s])] : sources.map((s) => [s]);
  // A month row stands for the daily rows it sums: counted as many times (`nw`), a row count is the daily rollup's.
  const weighted = rolled.length > 0 && monthlyReading(q, q.compare ? [time, time.previous] : [time]) !== undefined;
  const built = parts.map((p) => branch(q, p, time, opts, bind, weighted));
  // Task outcomes join the currencies of the cost rows (branch), named `sc` before them.
  const costs = built.filter((b) => !b.read).map((b) => b.text);
  const branches = costs.length < built.length ? ['select * from sc', ...built.filter((b) => b.read).map((b) => b.text)] : costs;
  // Task outcomes are read once, on their own, before the union: on Citus they are not co-located
  // with the rows they are counted against, and inside the union every use of `s` re-planned them
  // as one more distributed subplan (cost per task: 247 ms instead of 157 at 1M rows).
  const read = built.flatMap((b) => (b.read ? [`tk as materialized (${b.read})`, `sc as (${costs.join(' union all ')})`] : []));
  const dims = q.groupBy.map((_, i) => `s.d${i}`);
  const hasPeriod = q.granularity !== 'total';
  const keys = [...dims, ...(hasPeriod ? ['s.period'] : []), 's.ccy'];

  const select = [...dims.map((d, i) => `${d} as d${i}`), ...(hasPeriod ? ['s.period'] : []), 's.ccy'];
  select.push(`${metricSql(q.metric, q.compare ? 's.cur' : null)} as m`);
  if (q.compare) select.push(`${metricSql(q.metric, 'not s.cur')} as prev`);
  // How many source rows made the number: a 0 over matched rows is not a 0 over no data.
  const counted = q.compare ? ' filter (where s.cur)' : '';
  select.push(`${weighted ? `coalesce(sum(s.nw)${counted}, 0)` : `count(*)${counted}`} as nr`);

  const dir = q.orderBy.direction;
  const byDims = q.groupBy.map((_, i) => `r.d${i}`);
  // A trend of the top N groups: rank groups over the whole range, then keep all their periods.
  const topGroups = hasPeriod && q.limit !== undefined && dims.length > 0;
  const union = branches.join(' union all ');
  const ctes = [...read, ...(q.currency ? [`s0 as (${union})`, ...convertedSource(q.currency, convertDays(q, time), passthrough(q, weighted), bind)] : [`s as (${union})`])];
  let join = '';
  if (topGroups) {
    const rank = `row_number() over (partition by s.ccy order by ${metricSql(q.metric, null)} ${dir} nulls last, ${dims.join(', ')})`;
    ctes.push(`top as (select * from (select ${dims.map((d, i) => `${d} as d${i}`).join(', ')}, s.ccy, ${rank} as n from s group by ${dims.join(', ')}, s.ccy) t where n <= ${bind(q.limit, 'int')})`);
    join = ` join top on ${[...dims.map((d, i) => `${d} is not distinct from top.d${i}`), 's.ccy is not distinct from top.ccy'].join(' and ')}`;
  }

  // Within a currency: rank, then order; currencies follow each other (a timeline's periods come first).
  let order: string[];
  if (!hasPeriod) {
    const key = q.orderBy.by === 'delta' ? '(r.m - r.prev)' : q.orderBy.by === 'abs_delta' ? 'abs(r.m - r.prev)' : 'r.m';
    order = [`${key} ${dir} nulls last`, ...byDims];
  } else if (dims.length > 0) {
    order = ['r.period', 'r.ccy', 'r.m desc nulls last', ...byDims];
  } else {
    // No groups: a limit asks for the top periods ("the 5 most expensive days"), else a timeline.
    // A cloud row with no hour (charged by the day) is no hour to rank: last.
    order = q.limit !== undefined ? ['r.period is null', `r.m ${dir} nulls last`, 'r.period'] : ['r.period', 'r.ccy'];
  }
  // An ungrouped total has one row even over no data (a zero, in the default currency): the
  // metric over no rows stands in only when there is no currency to group by. Not GROUPING SETS
  // ((s.ccy), ()), which Citus cannot distribute: the per-currency sums are computed where the
  // rows are, and the empty row from `s where false`, which PostgreSQL plans as no scan at all
  // (hence `s` inlined, not materialized, though named twice).
  const ungrouped = keys.length === 1;
  if (ungrouped) ctes[ctes.length - 1] = ctes[ctes.length - 1]!.replace(/^s as \(/, 's as not materialized (');
  const grouped = ungrouped
    ? `with g as (select ${select.join(', ')} from s group by s.ccy) select * from g union all select ${select.map((c) => (c === 's.ccy' ? 'null::text as ccy' : c)).join(', ')} from s where false having not exists (select 1 from g)`
    : `select ${select.join(', ')} from s${join} group by ${keys.join(', ')}${havingSql(q, bind)}`;
  const delta = q.compare ? ', r.m - r.prev as delta' : '';
  // A top N without a timeline is the top N of each currency.
  const perCurrency = !topGroups && q.limit !== undefined;
  const outer = perCurrency
    ? `select r.* from (select r.*${delta}, row_number() over (partition by r.ccy order by ${order.join(', ')}) as n from (${grouped}) r) r where r.n <= ${bind(q.limit, 'int')}`
    : `select r.*${delta} from (${grouped}) r`;
  const finalOrder = hasPeriod && !perCurrency ? order : ['r.ccy', ...order];
  const text = `with ${ctes.join(', ')} ${outer} order by ${finalOrder.join(', ')} limit ${bind(opts.rowCap + 1, 'int')}`;
  return { text, values, time, dimensions: [...q.groupBy], hasPeriod, compare: q.compare !== undefined, rollup: /from cost_rollup_(daily|monthly) /.test(text) };
}
