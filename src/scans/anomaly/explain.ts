/**
 * Root cause of a daily anomaly from the store: for each sub-dimension (service, account, region,
 * SKU, resource, team for cloud; provider, model, feature, team, customer for AI) the values that moved
 * most on the anomaly's day against the same weekday of the four weeks before, each with its $
 * impact. SQL reads only those five days of the anomaly's scope (five time ranges the BRIN index
 * narrows to their blocks), summed per day and sub-dimension values (materialised: Citus runs the
 * GROUPING SETS over those sums, not over a distributed table) and returns the top few per
 * dimension; ranking and shares come from rankContributors.
 */
import type pg from 'pg';
import { CLOUD_CHARGE_KIND_SQL } from '../../costs/charge-kind.ts';
import { CURRENCY_SQL } from '../../costs/currency.ts';
import { rankContributors, type Contribution } from './root-cause.ts';
import type { Direction } from './detector.ts';
import { addDays, COST, keySql, Params, scanQuery, type ScanSource, scopeWhere, TABLE, TIME_COLUMN } from '../sql.ts';

const SUB_DIMENSIONS: Record<ScanSource, string[]> = {
  cloud: ['service_name', 'sub_account_id', 'region_id', 'sku_id', 'resource_id', 'team'],
  ai: ['provider_name', 'model', 'feature', 'team', 'customer'],
};

export interface RootCause {
  /** Per sub-dimension, the top contributors in the anomaly's direction. */
  byDimension: Record<string, Contribution<string>[]>;
  /** The finest contributor that explains at least half of the change, if one does. */
  main: { dimension: string; value: string; share: number } | null;
}

const TOP = 5;

async function contributors(pool: pg.Pool, source: ScanSource, scope: Record<string, string>, currency: string, day: string, direction: Direction, exclude: readonly string[]) {
  const p = new Params();
  const where = scopeWhere(scope, (k) => keySql(k, source, p.bind), p.bind);
  const dims = SUB_DIMENSIONS[source].filter((d) => !(d in scope));
  if (where === null || dims.length === 0) return [];
  const exprs = dims.map((d) => keySql(d, source, p.bind)!);
  const time = TIME_COLUMN[source];
  const days = [0, 7, 14, 21, 28].map((n) => addDays(day, -n));
  const sign = direction === 'spike' ? 1 : -1;
  const cols = dims.map((_, i) => `k${i}`).join(', ');
  const kinds = source === 'cloud' && exclude.length ? ` and ${CLOUD_CHARGE_KIND_SQL} <> all(${p.bind([...exclude], 'text[]')})` : '';
  const { rows } = await scanQuery(pool, 
    `with x as materialized (
       select (${time} at time zone 'UTC')::date::text as day, ${exprs.map((e, i) => `${e} as k${i}`).join(', ')}, sum(${COST[source]}) as c
         from ${TABLE[source]}
        where (${days.map((d) => `(${time} >= ${p.bind(d, 'timestamptz')} and ${time} < ${p.bind(addDays(d, 1), 'timestamptz')})`).join(' or ')})
          and ${where} and ${CURRENCY_SQL[source]} = ${p.bind(currency, 'text')}${kinds}
        group by ${dims.map((_, i) => i + 2).join(', ')}, 1),
     g as (
       select grouping(${cols}) as g, ${cols},
              coalesce(sum(c) filter (where day = ${p.bind(day, 'text')}), 0)::float8 as actual,
              (coalesce(sum(c) filter (where day <> ${p.bind(day, 'text')}), 0) / 4)::float8 as expected
         from x group by grouping sets (${dims.map((_, i) => `(k${i})`).join(', ')}))
     select * from (select g.*, row_number() over (partition by g order by (actual - expected) * ${sign} desc) as rn from g) r
      where rn <= ${TOP}`,
    p.values,
  );
  return rows.map((r) => {
    const i = dims.findIndex((_, j) => ((r.g as number) & (1 << (dims.length - 1 - j))) === 0);
    return { dimension: dims[i]!, value: (r[`k${i}`] as string | null) ?? '(none)', expected: r.expected as number, actual: r.actual as number };
  });
}

/**
 * Root cause of an anomaly of `scope` in `currency` on `day`, over the sources its series sums. Shares are of
 * `totalDelta`, the anomaly's own change, since only the top movers come back from SQL. Cloud
 * charges of the kinds in `exclude` are left out, as they were of the series.
 */
export async function explainAnomaly(
  pool: pg.Pool,
  sources: readonly ScanSource[],
  scope: Record<string, string>,
  currency: string,
  day: string,
  direction: Direction,
  totalDelta: number,
  exclude: readonly string[] = [],
): Promise<RootCause> {
  const items = (await Promise.all(sources.map((s) => contributors(pool, s, scope, currency, day, direction, exclude)))).flat();
  const byDimension: Record<string, Contribution<string>[]> = {};
  for (const dim of new Set(items.map((i) => i.dimension))) {
    const ranked = rankContributors(
      items.filter((i) => i.dimension === dim).map((i) => ({ key: i.value, expected: i.expected, actual: i.actual })),
      direction,
      TOP,
    ).map((c) => ({ ...c, share: totalDelta !== 0 ? c.delta / totalDelta : 0 }));
    if (ranked.length) byDimension[dim] = ranked;
  }
  // Finest first: a resource or a feature names the culprit better than a service or a provider.
  const finest = ['resource_id', 'feature', 'sku_id', 'model', 'service_name', 'customer', 'region_id', 'sub_account_id', 'team', 'provider_name'];
  let main: RootCause['main'] = null;
  for (const dim of finest) {
    const top = byDimension[dim]?.[0];
    if (top && top.share >= 0.5) {
      main = { dimension: dim, value: top.key, share: top.share };
      break;
    }
  }
  return { byDimension, main };
}
