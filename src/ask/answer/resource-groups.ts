/**
 * The sentence beside an answer by Azure resource group: where the group is read from, and how many
 * cost rows of the period and scope have none (other clouds' rows, Azure rows without a resource),
 * so a ranking that leaves them out, or a "(no resource group)" row, is read rightly.
 */
import type pg from 'pg';
import { compileCostQuery, type Viewer } from '../../costs/compile.ts';
import { wholeOf, type CostQuery, type Filter } from '../../costs/query.ts';
import { DEFAULT_ROW_CAP, DEFAULT_TIMEOUT_MS, readOnly } from '../../costs/run.ts';

const DIMENSION = 'ResourceGroup';

/** Cost rows a query matches: the sum of its per-currency row counts (`nr`, compile.ts). */
async function rowsMatched(client: pg.PoolClient, q: CostQuery, asOf: string, viewer: Viewer): Promise<number> {
  const c = compileCostQuery(q, { asOf, viewer, rowCap: DEFAULT_ROW_CAP });
  const { rows } = await client.query<{ nr: string }>(c.text, c.values);
  return rows.reduce((s, r) => s + Number(r.nr), 0);
}

export async function resourceGroupNote(pool: pg.Pool, query: CostQuery, asOf: string, options: { viewer: Viewer; timeoutMs?: number }): Promise<string | null> {
  if (!query.groupBy.includes(DIMENSION)) return null;
  const kept = query.filters.filter((f) => f.dimension !== DIMENSION);
  const whole: CostQuery = { ...wholeOf(query), dataset: 'cloud', metric: 'effective_cost', filters: kept };
  const none: Filter = { dimension: DIMENSION, op: 'eq', value: null };
  const [all, without] = await readOnly(pool, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, async (client) => [
    await rowsMatched(client, whole, asOf, options.viewer),
    await rowsMatched(client, { ...whole, filters: [...kept, none] }, asOf, options.viewer),
  ]);
  if (all === 0) return null;
  return `Resource groups are read from Azure rows (x_ResourceGroupName, else the /resourceGroups/ part of the ResourceId); ${without.toLocaleString('en-US')} of the ${all.toLocaleString('en-US')} cost rows in this period and scope have none (other clouds' rows, and Azure charges on no resource in a group).`;
}
