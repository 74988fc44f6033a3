/**
 * Restatement: a provider re-issues a whole billing period, so a new load of a (provider, billing
 * account, billing period) replaces every row earlier loads stored for it. Runs inside the load's
 * transaction, under advisory locks on the periods, so concurrent loads of one period serialise and
 * the last to commit wins whole. The other parts of the load's own delivery carry the same periods
 * and are kept: `siblings` (this call's parts, see deliveries.ts) and, for a manifest delivery, the
 * loads stored with the same `delivery` key in earlier calls.
 */
import type pg from 'pg';

export interface PeriodStats {
  provider: string;
  billingAccountId: string;
  billingPeriodStart: string;
  rows: number;
  firstChargeMs: number;
  lastChargeMs: number;
}

export async function replaceEarlierLoads(client: pg.PoolClient, loadId: string, periods: PeriodStats[], siblings: readonly number[] = [], delivery?: string): Promise<number> {
  if (periods.length === 0) return 0;
  const sorted = [...periods].sort((a, b) => (a.provider + a.billingAccountId + a.billingPeriodStart).localeCompare(b.provider + b.billingAccountId + b.billingPeriodStart));
  for (const p of sorted) {
    await client.query("select pg_advisory_xact_lock(hashtextextended('focus-period:' || $1 || '|' || $2 || '|' || $3, 0))", [p.provider, p.billingAccountId, p.billingPeriodStart]);
  }
  await client.query(
    `insert into ingest_load_periods (load_id, provider_name, billing_account_id, billing_period_start, rows, first_charge, last_charge)
     select $1, * from unnest($2::text[], $3::text[], $4::timestamptz[], $5::bigint[], $6::timestamptz[], $7::timestamptz[])`,
    [
      loadId,
      sorted.map((p) => p.provider),
      sorted.map((p) => p.billingAccountId),
      sorted.map((p) => p.billingPeriodStart),
      sorted.map((p) => p.rows),
      sorted.map((p) => new Date(p.firstChargeMs).toISOString()),
      sorted.map((p) => new Date(p.lastChargeMs).toISOString()),
    ],
  );
  const superseded = await client.query<{ load_id: string; first_charge: Date; last_charge: Date }>(
    `update ingest_load_periods p set superseded_by = $1
       from ingest_load_periods mine
      where mine.load_id = $1 and p.load_id <> $1 and p.load_id <> all($2::bigint[]) and p.superseded_by is null
        and p.provider_name = mine.provider_name and p.billing_account_id = mine.billing_account_id
        and p.billing_period_start = mine.billing_period_start
        and not exists (select 1 from ingest_loads l where l.id = p.load_id and l.delivery = $3)
     returning p.load_id, p.first_charge, p.last_charge`,
    [loadId, siblings, delivery ?? null],
  );
  if (superseded.rowCount === 0) return 0;
  const oldLoads = [...new Set(superseded.rows.map((r) => r.load_id))];
  // Bounds on charge_period_start let the delete touch only the partitions the old rows are in.
  // The periods' charges are recorded to the millisecond, the rows' to the microsecond: the last
  // row may be up to a millisecond after its period's last_charge.
  const from = new Date(Math.min(...superseded.rows.map((r) => r.first_charge.getTime())));
  const to = new Date(Math.max(...superseded.rows.map((r) => r.last_charge.getTime())) + 1);
  const deleted = await client.query(
    `delete from cost_lines c
      using ingest_load_periods p
      where p.load_id = any($1::bigint[]) and p.superseded_by = $2
        and c.load_id = p.load_id and c.provider_name = p.provider_name
        and c.billing_account_id = p.billing_account_id and c.billing_period_start = p.billing_period_start
        and c.charge_period_start >= $3 and c.charge_period_start < $4`,
    [oldLoads, loadId, from, to],
  );
  await client.query(
    `update ingest_loads l set status = 'superseded'
      where l.id = any($1::bigint[])
        and not exists (select 1 from ingest_load_periods p where p.load_id = l.id and p.superseded_by is null)`,
    [oldLoads],
  );
  return deleted.rowCount ?? 0;
}
