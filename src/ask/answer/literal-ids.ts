/**
 * Ids a question names literally (an invoice, SKU, resource or commitment id) checked against the
 * stored ones before the query runs: an id typed in another case ("inv-2026-05-a7b8c9") is read as
 * its stored spelling and the answer says so; an id stored nowhere is declined, never answered $0.
 */
import type pg from 'pg';
import type { CostQuery, Filter } from '../../costs/query.ts';
import type { Viewer } from '../../costs/run.ts';
import { listDimensionValues } from '../../costs/values.ts';
import type { Catalog } from '../planner/catalog.ts';
import { dimensionName } from './format.ts';

/** Columns named by an id or name as typed (planner/focus.ts, resource-group-names.ts), not by a name matched to the catalog. */
const LITERAL_DIMENSIONS = new Set(['InvoiceId', 'SkuId', 'SkuPriceId', 'ResourceId', 'ResourceName', 'CommitmentDiscountId', 'ResourceGroup']);
/** An id is looked up over every stored period: it names the same thing whatever the question's dates. */
const ALL_DAYS = 3660;
/** Stored values containing the id (case aside) read: enough to find its spellings, not a listing. */
const MAX_SPELLINGS = 20;

export type LiteralIds = { query: CostQuery; corrections: string[] } | { refusal: string };

async function spelling(pool: pg.Pool, f: Extract<Filter, { op: 'eq' }> & { value: string }, viewer: Viewer, asOf: string): Promise<string | { refusal: string }> {
  const stored = await listDimensionValues(pool, f.dimension, { viewer, asOf, days: ALL_DAYS, search: f.value, limit: MAX_SPELLINGS });
  if (stored.some((v) => v.value === f.value)) return f.value;
  const same = stored.filter((v) => v.value.toLowerCase() === f.value.toLowerCase()).map((v) => v.value);
  if (same.length === 1) return same[0]!;
  const name = dimensionName(f.dimension);
  if (same.length > 1) return { refusal: `Several ${name} values are spelled "${f.value}" apart from case (${same.join(', ')}); name one as stored.` };
  // "rg-prod" where "rg-prod-platform" is stored: a part of a stored name is offered, never read as it.
  const near = stored.slice(0, 3).map((v) => `"${v.value}"`);
  if (near.length > 0) return { refusal: `I found no ${name} "${f.value}" in the data, in any period; did you mean ${near.join(' or ')}?` };
  return { refusal: `I found no ${name} "${f.value}" in the data, in any period. Check the id, e.g. against a breakdown by ${name}.` };
}

/** The query with each literal id in its stored spelling, and what was re-read; or why it is declined. */
export async function resolveLiteralIds(pool: pg.Pool, query: CostQuery, catalog: Catalog, viewer: Viewer, asOf: string): Promise<LiteralIds> {
  const corrections: string[] = [];
  const filters: Filter[] = [];
  for (const f of query.filters) {
    const literal = f.op === 'eq' && typeof f.value === 'string' && LITERAL_DIMENSIONS.has(f.dimension) && !(catalog.get(f.dimension) ?? []).includes(f.value);
    if (!literal) {
      filters.push(f);
      continue;
    }
    const stored = await spelling(pool, f as Extract<Filter, { op: 'eq' }> & { value: string }, viewer, asOf);
    if (typeof stored !== 'string') return stored;
    if (stored !== f.value) corrections.push(`read "${f.value}" as ${dimensionName(f.dimension)} "${stored}"`);
    filters.push({ ...f, value: stored });
  }
  return { query: corrections.length > 0 ? { ...query, filters } : query, corrections };
}
