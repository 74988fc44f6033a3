/**
 * A count of commitments, resources, sub accounts or a dimension's values (src/ask/planner/
 * counts-asked.ts): the plan's query run per CommitmentDiscountId, ResourceId or the dimension
 * counted, through the query layer so a viewer counts only what they may see, and the distinct
 * values counted, in all and per group asked ("by type"). A value charged in two currencies or two
 * groups is one in the total.
 */
import type pg from 'pg';
import type { CostQuery } from '../../costs/query.ts';
import { runCostQuery } from '../../costs/run.ts';
import { dataCoverage } from '../../costs/coverage.ts';
import { datasetOf } from '../../costs/values.ts';
import type { Plan } from '../planner/plan-result.ts';
import { dimensionName, rangeText, scopeText } from './format.ts';
import { when } from './summary.ts';
import { declined, offlineFields, type Answer, type AskOptions } from './answer.ts';

/** Ids read per count: more are said as "more than". */
const ID_CAP = 100_000;
/** What each column's ids are called, one and many; the plural is the answer's column. */
const NOUN = {
  CommitmentDiscountId: ['commitment', 'commitments'],
  ResourceId: ['resource', 'resources'],
  SubAccountId: ['account', 'accounts'],
  model: ['model', 'models'],
  ServiceName: ['service', 'services'],
  provider: ['provider', 'providers'],
  team: ['team', 'teams'],
  feature: ['feature', 'features'],
  customer: ['customer', 'customers'],
  environment: ['environment', 'environments'],
  RegionId: ['region', 'regions'],
  ServiceCategory: ['service category', 'service categories'],
  ResourceType: ['resource type', 'resource types'],
  SkuId: ['SKU', 'SKUs'],
  InvoiceId: ['invoice', 'invoices'],
} as const;
/** The rows a dataset's values are read from, in the how-line. */
const READ = { cloud: 'cloud cost rows', ai: 'LLM calls', all: 'cloud cost rows and LLM calls' } as const;

export async function answerCount(pool: pg.Pool, plan: Plan, options: AskOptions & { asOf: string }): Promise<Answer> {
  const { of, by } = plan.count!;
  const [one, COLUMN] = NOUN[of];
  // A count over each period, or against another, would need a count per period: not a total's rows.
  if (plan.query.compare || plan.query.granularity !== 'total')
    return declined(`I count ${COLUMN} over one period, not per day, week or month or against another period yet; ask "how many ${COLUMN} did we have in May".`, [], options.asOf);
  // "how many teams spent over $500": the count of those over an amount is not of those with spend.
  if (plan.query.threshold || plan.check)
    return declined(`I count ${COLUMN} with spend in a period, not those over or under an amount yet; ask for the list instead, e.g. "${COLUMN} over $500 last month".`, [], options.asOf);
  const groups = [...new Set([...by, ...plan.query.groupBy])].filter((d) => d !== of).slice(0, 2);
  const held = plan.query.filters.some((f) => f.dimension === of && f.op === 'not' && f.value === null);
  // Commitment and resource ids are columns of cloud costs only, a model is AI's: "how many resources" names no dataset.
  const own = datasetOf(of);
  const query: CostQuery = {
    ...plan.query,
    dataset: own === 'all' ? plan.query.dataset : own,
    groupBy: [of, ...groups],
    filters: held ? plan.query.filters : [...plan.query.filters, { dimension: of, op: 'not', value: null }],
    granularity: 'total',
    limit: undefined,
    orderBy: { by: 'metric', direction: 'desc' },
  };
  const result = await runCostQuery(pool, query, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs, rowCap: ID_CAP });
  const all = new Set<string>();
  const per = new Map<string, { row: Record<string, string | number | null>; ids: Set<string> }>();
  for (const r of result.rows) {
    const id = String(r[of]);
    all.add(id);
    const key = JSON.stringify(groups.map((d) => r[d] ?? null));
    const g = per.get(key) ?? { row: Object.fromEntries(groups.map((d) => [d, r[d] ?? null])), ids: new Set<string>() };
    g.ids.add(id);
    per.set(key, g);
  }
  const more = result.truncated ? 'more than ' : '';
  const counted = [...per.values()].sort((a, b) => b.ids.size - a.ids.size);
  const rows: Array<Record<string, string | number | null>> = groups.length > 0 ? counted.map((g) => ({ ...g.row, [COLUMN]: g.ids.size })) : [{ [COLUMN]: all.size }];
  const split = groups.length > 0 && rows.length > 0 ? `: ${rows.map((r) => `${groups.map((d) => r[d] ?? `(no ${dimensionName(d)})`).join(' / ')} ${r[COLUMN]}`).join(', ')}` : '';
  // None counted may be none charged or no such column in the exports: the data's dates are said, as for any 0.
  const c = all.size === 0 ? await dataCoverage(pool, query.dataset, options.timeoutMs) : null;
  const none = all.size > 0 ? '' : ` No cost row in that period and scope carries a ${of}; ${c ? `cost data covers ${c.first} to ${c.last}` : 'no cost data is stored yet'}.`;
  const answer = `${more}${all.size} ${all.size === 1 ? one : COLUMN}${scopeText(plan.query)} had charges ${when(result, plan.period)}${split}.${none}`;
  const through = result.dataThrough ? `data through ${result.dataThrough.slice(0, 16).replace('T', ' ')} UTC` : 'no data before the as-of date';
  const how = `I read this as: a count of ${COLUMN}${scopeText(plan.query)}${groups.length ? ` by ${groups.map(dimensionName).join(' and ')}` : ''}, charged ${rangeText(result.range)}. How: distinct ${of} values over ${READ[query.dataset]}; ${through}; assumed ${plan.assumptions.join(', ')}.`;
  return {
    answer: answer.charAt(0).toUpperCase() + answer.slice(1),
    value: result.truncated ? null : all.size,
    unit: COLUMN,
    rows,
    query,
    ...offlineFields(result),
    how,
    column: COLUMN,
  };
}
