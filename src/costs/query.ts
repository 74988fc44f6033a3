/**
 * CostQuery: the one typed question every reader of costs asks (agent tools, the offline planner,
 * scans). The zod schema is the type; anything that passed `parseCostQuery` is safe to compile,
 * because dimensions and metrics are closed lists and values only ever travel as SQL parameters.
 */
import { z } from 'zod';
import { ATTRIBUTION_DIMENSIONS } from '../schema/attribution.ts';
import { QUERY_DIMENSIONS } from '../schema/dimensions.ts';
import { CurrencyCode } from './currency.ts';

const TAG_PREFIX = 'tag:';

export const DimensionSchema = z.string().refine((d) => QUERY_DIMENSIONS.includes(d) || (d.startsWith(TAG_PREFIX) && d.length > TAG_PREFIX.length && d.length <= 132), {
  message: `unknown dimension; use a FOCUS name (ServiceName, ProviderName, SubAccountId, RegionId, ...), team, feature, customer, environment, cost_center, provider, model, dataset, accelerator, or tag:<key>`,
});
export type Dimension = string;

export function tagKeyOf(dimension: string): string | null {
  return dimension.startsWith(TAG_PREFIX) ? dimension.slice(TAG_PREFIX.length) : null;
}

export const COST_METRICS = ['billed_cost', 'effective_cost', 'list_cost'] as const;
/**
 * Agent tasks (task outcomes): how many, how many ended in success or in failure (a task id counts
 * once per status it ended with, so a task retried after failing counts in both), and the shares of
 * tasks with a success and with a failure.
 */
export const TASK_METRICS = ['tasks', 'successful_tasks', 'failed_tasks', 'task_success_rate', 'task_failure_rate'] as const;
export const USAGE_METRICS = [
  'input_tokens',
  'output_tokens',
  'cached_tokens',
  'total_tokens',
  'requests',
  'cost_per_request',
  'cost_per_1k_requests',
  'cost_per_1m_requests',
  'cost_per_1k_tokens',
  'cost_per_1m_tokens',
  'cost_per_successful_task',
  'cost_per_task',
  'tokens_per_request',
  'input_tokens_per_request',
  'output_tokens_per_request',
  ...TASK_METRICS,
] as const;
/** FOCUS columns only cloud billing carries: contracted cost, quantities, unit prices, effective savings rate, and its line items (rows). */
export const FOCUS_METRICS = [
  'contracted_cost',
  'consumed_quantity',
  'pricing_quantity',
  'list_unit_price',
  'contracted_unit_price',
  'effective_savings_rate',
  'contracted_savings_rate',
  'pricing_currency_effective_cost',
  'line_items',
] as const;
export const METRICS = [...COST_METRICS, ...USAGE_METRICS, 'cost_per_customer', ...FOCUS_METRICS] as const;
export type Metric = (typeof METRICS)[number];

export function isFocusMetric(metric: Metric): boolean {
  return (FOCUS_METRICS as readonly string[]).includes(metric);
}

/** What a metric measures: money (in the currency of its rows), tokens, LLM calls, tasks, billing rows, a quantity or a ratio. */
export type Unit = 'money' | 'tokens' | 'requests' | 'tasks' | 'rows' | 'quantity' | 'ratio';

/**
 * Whether values of a metric add up across groups and periods, so a total and shares mean
 * something. Ratios and unit prices do not; nor do quantities, whose groups may be in other units.
 */
export function isAdditive(metric: Metric): boolean {
  return (
    metric !== 'task_success_rate' &&
    metric !== 'task_failure_rate' &&
    !metric.startsWith('cost_per') &&
    !metric.endsWith('_per_request') &&
    !metric.endsWith('_unit_price') &&
    !metric.endsWith('_quantity') &&
    !metric.endsWith('_savings_rate') &&
    // Amounts in each row's pricing currency: several currencies never add up.
    metric !== 'pricing_currency_effective_cost'
  );
}

/** Metrics computed within one currency: money, and rates of money (a savings rate over EUR and USD rows adds them). */
export function isPerCurrency(metric: Metric): boolean {
  const unit = unitOf(metric);
  return unit === 'money' || (unit === 'ratio' && !isTaskMetric(metric));
}

export function isTaskMetric(metric: Metric): boolean {
  return (TASK_METRICS as readonly string[]).includes(metric);
}

/**
 * AI cost of the calls made within tasks, divided by tasks: all of them (cost per task, what an AI
 * platform owner means by "what does a task cost") or only those that ended in success.
 */
export function isPerTaskCost(metric: Metric): boolean {
  return metric === 'cost_per_task' || metric === 'cost_per_successful_task';
}

/** Money that exchange rates convert: billed, effective and list cost and what derives from them, not FOCUS price columns. */
export function isConvertible(metric: Metric): boolean {
  return unitOf(metric) === 'money' && !isFocusMetric(metric);
}

export function unitOf(metric: Metric): Unit {
  if (isTaskMetric(metric)) return metric.endsWith('_rate') ? 'ratio' : 'tasks';
  if (metric === 'line_items') return 'rows';
  // Money in each row's pricing currency, not the billing currency the query layer keeps apart: an amount beside its currency.
  if (metric.endsWith('_quantity') || metric === 'pricing_currency_effective_cost') return 'quantity';
  if (metric.endsWith('_savings_rate')) return 'ratio';
  if (metric.startsWith('cost_per')) return 'money';
  if (metric.endsWith('_tokens') || metric.endsWith('tokens_per_request')) return 'tokens';
  return metric === 'requests' ? 'requests' : 'money';
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');

export const PERIODS = ['this_week', 'last_week', 'this_month', 'last_month', 'this_quarter', 'last_quarter', 'month_to_date', 'year_to_date'] as const;
export type Period = (typeof PERIODS)[number];

export const COMPARISONS = ['previous_period', 'week_before', 'month_before', 'year_before'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const TimeSchema = z.union([
  z.strictObject({ from: isoDate, to: isoDate }).refine((t) => t.from < t.to, '`from` must be before `to` (`to` is exclusive)'),
  z.strictObject({ last_n_days: z.number().int().min(1).max(3660) }),
  z.strictObject({ period: z.enum(PERIODS) }),
]);
export type TimeSpec = z.infer<typeof TimeSchema>;

const value = z.string().max(500);
export const FilterSchema = z.discriminatedUnion('op', [
  // null means "has no value": `team eq null` is untagged spend.
  z.strictObject({ dimension: DimensionSchema, op: z.literal('eq'), value: value.nullable() }),
  z.strictObject({ dimension: DimensionSchema, op: z.literal('not'), value: value.nullable() }),
  z.strictObject({ dimension: DimensionSchema, op: z.literal('in'), values: z.array(value).min(1).max(200) }),
  z.strictObject({ dimension: DimensionSchema, op: z.literal('contains'), value: value.min(1) }),
]);
export type Filter = z.infer<typeof FilterSchema>;

export const CostQuerySchema = z
  .strictObject({
    dataset: z.enum(['cloud', 'ai', 'all']).default('all'),
    metric: z.enum(METRICS).default('effective_cost'),
    groupBy: z.array(DimensionSchema).max(3).default([]),
    filters: z.array(FilterSchema).max(20).default([]),
    time: TimeSchema,
    /**
     * A timeline's step. `hour` steps over rows that hold hours: LLM calls by their time, cloud rows
     * whose charge period is at most an hour; a longer cloud charge (a day's) is never spread over
     * hours, so its row has no period (null).
     */
    granularity: z.enum(['total', 'hour', 'day', 'week', 'month']).default('total'),
    /** `delta` and `abs_delta` rank by change against the previous period (biggest movers). */
    orderBy: z.strictObject({ by: z.enum(['metric', 'delta', 'abs_delta']).default('metric'), direction: z.enum(['desc', 'asc']).default('desc') }).default({ by: 'metric', direction: 'desc' }),
    /** Top-N groups; with a granularity, the N groups with the most over the whole range. */
    limit: z.number().int().min(1).max(1000).optional(),
    /**
     * The period `time` is compared with: the one just before (`previous_period`), or the same
     * dates a week, month or year earlier ("yesterday vs the same day last week").
     */
    compare: z.enum(COMPARISONS).optional(),
    /** With compare: the earlier period named instead ("compare March and May": March), YYYY-MM-DD, `to` exclusive. */
    compareTo: z
      .strictObject({ from: isoDate, to: isoDate })
      .refine((t) => t.from < t.to, '`from` must be before `to` (`to` is exclusive)')
      .optional(),
    /**
     * Which period `time` selects by: `charge` (when the cost was incurred, ChargePeriodStart) or
     * `billing` (the invoice it is on, BillingPeriodStart): a charge of 30 September billed in the
     * October period is October's on the billing basis.
     */
    periodBasis: z.enum(['charge', 'billing']).default('charge'),
    /**
     * Keep only groups (or periods) whose metric is above or below this value: "services over
     * $1,000". Money is compared in each row's own currency (the converted one with `currency`).
     */
    threshold: z.strictObject({ op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number().finite() }).optional(),
    /** Convert money into this currency with the loaded exchange rates; without it, each currency is answered on its own. */
    currency: CurrencyCode.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.dataset === 'cloud' && (USAGE_METRICS as readonly string[]).includes(q.metric)) {
      ctx.addIssue({ code: 'custom', path: ['metric'], message: `${q.metric} is measured on AI usage; use dataset "ai" or "all"` });
    }
    if (q.dataset !== 'cloud' && isFocusMetric(q.metric)) ctx.addIssue({ code: 'custom', path: ['metric'], message: `${q.metric} is a FOCUS column of cloud billing; use dataset "cloud"` });
    if (q.dataset !== 'cloud' && q.periodBasis === 'billing') ctx.addIssue({ code: 'custom', path: ['periodBasis'], message: 'billing periods are a column of cloud billing; use dataset "cloud"' });
    if (new Set(q.groupBy).size !== q.groupBy.length) ctx.addIssue({ code: 'custom', path: ['groupBy'], message: 'a dimension appears twice' });
    if (q.compareTo && !q.compare) ctx.addIssue({ code: 'custom', path: ['compareTo'], message: 'compareTo needs compare' });
    if (q.compare && q.granularity !== 'total') ctx.addIssue({ code: 'custom', path: ['compare'], message: 'compare needs granularity "total"' });
    if (q.currency && !isConvertible(q.metric))
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: `${q.metric} is not converted with exchange rates: only billed, effective and list cost and costs per request, token, task or customer are`,
      });
    if (q.threshold && q.groupBy.length === 0 && q.granularity === 'total')
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'a threshold keeps groups or periods: give groupBy or a granularity' });
    if (q.orderBy.by !== 'metric' && !q.compare) ctx.addIssue({ code: 'custom', path: ['orderBy'], message: 'ordering by delta needs compare (e.g. "previous_period")' });
  });

export type CostQuery = z.infer<typeof CostQuerySchema>;
export type CostQueryInput = z.input<typeof CostQuerySchema>;

/**
 * A tag-coverage filter: untagged by either definition (no team tag, or no tags at all), lacking
 * or carrying an attribution field or tag key ("no environment tag", "attributed to a customer").
 * An answer with one also gives its share of all spend without it.
 */
export function isTagCoverage(f: Filter): boolean {
  if ((f.op !== 'eq' && f.op !== 'not') || f.value !== null) return false;
  const field = (ATTRIBUTION_DIMENSIONS as readonly string[]).includes(f.dimension) || tagKeyOf(f.dimension) !== null;
  return field || (f.op === 'eq' && f.dimension === 'Tags');
}

/** The same rows as one total over the range: no groups, periods, comparison, limit, threshold or conversion. */
export function wholeOf(q: CostQuery): CostQuery {
  return { ...q, groupBy: [], granularity: 'total', compare: undefined, limit: undefined, threshold: undefined, currency: undefined, orderBy: { by: 'metric', direction: 'desc' } };
}

/** A query that is well-formed but cannot be answered as asked (e.g. `model` on cloud data). */
export class CostQueryError extends Error {
  override name = 'CostQueryError';
}

/** Parses untrusted input (a tool call, a planner result); throws a ZodError naming what is wrong. */
export function parseCostQuery(input: unknown): CostQuery {
  return CostQuerySchema.parse(input);
}
