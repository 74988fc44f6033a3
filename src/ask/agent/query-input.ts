/**
 * The cost tool's input: a CostQuery plus what the planner reads beside one (the asker's teams, a
 * derived or share measure, a part of the world, names of different kinds listed, a daily average,
 * a total checked against an amount), with each field's
 * description: how FinOps words map onto it, said once, here and not in the system prompt. Every
 * word of these descriptions is prompt tokens on every question (bench:ask), so they stay terse.
 */
import { z } from 'zod';
import { CostQuerySchema, DimensionSchema, FilterSchema, isAdditive, type TimeSpec } from '../../costs/query.ts';
import { failureRate } from '../planner/call-rate.ts';
import type { Derived } from '../planner/derived.ts';
import { AREAS } from './planner-readings.ts';
import { partProblem, SHARE_MEASURES } from './share-measures.ts';

/** The planner's measures derived from two metrics (answer/derived.ts). */
export const DERIVED_MEASURES = ['savings', 'negotiated_savings', 'billed_gap', 'cache_hit_rate', 'cache_savings', 'calls_per_task'] as const satisfies readonly Derived[];

const { shape } = CostQuerySchema;

export const QueryInputSchema = CostQuerySchema.safeExtend({
  metric: shape.metric.describe(
    'effective_cost for "cost"/"spend"; billed_cost for "billed" or invoices; requests = LLM calls; cost_per_successful_task only for "per successful task"; token, request and task metrics need dataset "ai"; contracted_cost and the metrics after it are FOCUS columns: dataset "cloud"',
  ),
  groupBy: shape.groupBy.describe('"per X", "by X". Dimensions: the known ones, FOCUS columns (ServiceCategory, RegionId, SubAccountId, ChargeCategory, InvoiceId, …), tag:<key>'),
  filters: shape.filters.describe(
    'value null is none: team null is untagged (no team tag), Tags null no tags at all. ChargeCategory (Usage, Purchase, Tax, Credit, Adjustment) for "usage charges", "excluding credits"; CommitmentDiscountStatus "Unused" for commitments not used. "A vs B": op "in" on both, groupBy their dimension',
  ),
  // Optional, which safeExtend's types (kept for CostQuery's refinements) cannot say: QueryInput's type says it, and the tool fills it.
  time: shape.time
    .optional()
    .describe(
      'omit when no period is asked (the latest 30 days of data); period or last_n_days; from/to (YYYY-MM-DD, to exclusive) for named months or dates; an invoice by id, or per invoice, with no period: last_n_days 3660',
    ) as unknown as typeof shape.time,
  compare: shape.compare.describe('"vs last month"; "why did X go up": previous_period, groupBy one level below X, orderBy delta'),
  periodBasis: shape.periodBasis.describe('billing: invoices and billing periods ("the September invoice"); dataset "cloud"'),
  threshold: shape.threshold.describe('"services over $1,000", with groupBy'),
  currency: shape.currency.describe('only when one is asked ("in euros"); else money comes per currency'),
  mine: z.boolean().optional().describe('"my team", "my spend": the asker\'s teams; name no team'),
  measure: z
    .enum([...DERIVED_MEASURES, ...SHARE_MEASURES])
    .optional()
    .describe(
      'instead of metric: savings = list − effective cost (per groupBy too); negotiated_savings = list − contracted; billed_gap = billed − effective; share of what the query selects (give part); RI/savings plan/CUD coverage or utilization (a CommitmentDiscountType filter names which); failure_rate ("error rate") of LLM calls, per groupBy or over time',
    ),
  part: z
    .array(FilterSchema)
    .max(10)
    .optional()
    .describe(
      'share: filters making the part; the query\'s are the whole. "% of AWS spend that is compute": filter ProviderName AWS, part ServiceCategory Compute; "share that is AI": dataset all, part dataset ai',
    ),
  area: z.enum(AREAS).optional().describe('"in Europe", "APAC": its regions'),
  list: z
    .array(z.strictObject({ dimension: DimensionSchema, values: z.array(z.string().max(500)).min(1).max(20) }))
    .min(2)
    .max(3)
    .optional()
    .describe('names of different kinds listed ("NAT Gateway and VPC"): each a row and their total; not in filters'),
  dailyAverage: z.boolean().optional().describe('"average daily spend"'),
  compareTotalTo: z
    .strictObject({ op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number().finite() })
    .optional()
    .describe('"did we spend over $10k?"'),
}).superRefine((q, ctx) => {
  const one = (key: string, what: string) => ctx.addIssue({ code: 'custom', path: [key], message: `${what} is one total over the range: no groupBy, granularity "total", no compare` });
  if (q.dailyAverage && (q.groupBy.length > 0 || q.compare)) one('dailyAverage', 'a daily average');
  if (q.list && (q.measure || q.dailyAverage || q.compareTotalTo || q.threshold)) one('list', 'a list of names, with no measure, daily average, amount or threshold,');
  // Refused here, so the planner answers the question rather than a decline.
  if (q.list && new Set(q.list.map((n) => n.dimension)).size < 2) ctx.addIssue({ code: 'custom', path: ['list'], message: 'names of one kind are a filter with op "in", grouped by their dimension' });
  if (q.compareTotalTo && (q.groupBy.length > 0 || q.granularity !== 'total')) one('compareTotalTo', 'compareTotalTo (threshold keeps groups above an amount)');
  if ((q.part !== undefined) !== (q.measure === 'share')) ctx.addIssue({ code: 'custom', path: ['part'], message: '`part` goes with measure "share", and measure "share" needs it' });
  if (q.measure === 'failure_rate') {
    // Refused here, as the planner refuses it, so the question goes to the planner rather than unanswered.
    const rate = failureRate({ ...q, metric: 'requests' });
    if ('refusal' in rate) ctx.addIssue({ code: 'custom', path: ['measure'], message: rate.refusal });
  } else if (q.measure && (q.granularity !== 'total' || q.compare || (q.groupBy.length > 0 && q.measure !== 'savings'))) one('measure', q.measure);
  else if (q.measure && (q.dailyAverage || q.compareTotalTo || q.threshold)) one('measure', `${q.measure}, with no daily average, amount or threshold,`);
  else if (q.measure === 'share' && !isAdditive(q.metric)) ctx.addIssue({ code: 'custom', path: ['metric'], message: `a share is of an amount that adds up; ${q.metric} does not` });
  else if (q.measure === 'share' && q.part) {
    const problem = partProblem(q, q.part);
    if (problem) ctx.addIssue({ code: 'custom', path: ['part'], message: problem });
  }
});
/** The tool's input; `time` is absent when no period was asked (query-tool.ts gives the planner's default). */
export type QueryInput = Omit<z.infer<typeof QueryInputSchema>, 'time'> & { time?: TimeSpec };
