/**
 * A load that brings a month's first rows fills a table of its own and attaches it as the month's
 * partition at the end (migration 014). The result must be indistinguishable from rows COPYed into
 * an existing partition: same indexes, every row in its month, nothing left behind on failure.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadFocusFile } from '../../../src/ingest/focus/load.ts';
import { createTestDb, onCitus, type TestDb } from '../../support/db.ts';
import { sumDecimals, toScaled } from '../../support/decimal.ts';
import { readSample, tempDir, writeCsv } from '../../support/focus-sample.ts';

let t: TestDb;
let dir: string;
let sample: { header: string[]; rows: string[][] };
const col = (name: string) => sample.header.indexOf(name);

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
  sample = await readSample();
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

/** The sample's rows moved into `months` (YYYY-MM), row i into months[i % n], under `account`. */
function inMonths(months: string[], account: string, copies = 1): string[][] {
  const out: string[][] = [];
  for (let c = 0; c < copies; c++) {
    sample.rows.forEach((r, i) => {
      const m = months[(i + c) % months.length]!;
      const row = [...r];
      const hour = r[col('ChargePeriodStart')]!.slice(11);
      row[col('ChargePeriodStart')] = `${m}-0${1 + (i % 9)} ${hour}`;
      row[col('ChargePeriodEnd')] = `${m}-0${1 + (i % 9)} 23:59:59`;
      row[col('BillingPeriodStart')] = `${m}-01 00:00:00`;
      row[col('BillingAccountId')] = account;
      out.push(row);
    });
  }
  return out;
}

async function rowsPerPartition(like: string): Promise<Record<string, number>> {
  const { rows } = await t.pool.query<{ part: string; n: number }>(
    `select tableoid::regclass::text as part, count(*)::int as n from cost_lines where billing_account_id like $1 group by 1 order by 1`,
    [like],
  );
  // On Citus tableoid is read on the workers and names a shard of the partition (its name and
  // _<shard id>): the shards of one partition are summed under the partition's name.
  const out: Record<string, number> = {};
  for (const r of rows) {
    const part = onCitus() ? r.part.replace(/_\d+$/, '') : r.part;
    out[part] = (out[part] ?? 0) + r.n;
  }
  return out;
}

/** A partition's index definitions with its own name taken out, to compare with another's. */
async function indexShapes(part: string): Promise<string[]> {
  const { rows } = await t.pool.query<{ def: string }>('select indexdef as def from pg_indexes where tablename = $1', [part]);
  return rows.map((r) => r.def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, '').replaceAll(part, 'P')).sort();
}

it('a file of new months fills each month as a table and attaches it with all the indexes of the others', async () => {
  await t.pool.query("select ensure_cost_partition('2030-01-01T00:00:00Z')");
  const rows = inMonths(['2030-01', '2030-02', '2030-03'], 'acct-months');
  const file = await writeCsv(dir, 'three-months.csv', sample.header, rows);
  const r = await loadFocusFile(t.pool, file);
  expect(r).toMatchObject({ status: 'loaded', rows: 1000, rejected: 0 });

  const third = (k: number) => rows.filter((_, i) => i % 3 === k).length;
  expect(await rowsPerPartition('acct-months')).toEqual({ cost_lines_2030_01: third(0), cost_lines_2030_02: third(1), cost_lines_2030_03: third(2) });
  expect((await t.pool.query('select count(*)::int as n from cost_lines_default')).rows[0].n).toBe(0);
  const existing = await indexShapes('cost_lines_2030_01');
  expect(existing.length).toBeGreaterThanOrEqual(4);
  expect(await indexShapes('cost_lines_2030_02')).toEqual(existing);
  expect(await indexShapes('cost_lines_2030_03')).toEqual(existing);
  const checks = await t.pool.query("select conname from pg_constraint where conrelid in ('cost_lines_2030_02'::regclass, 'cost_lines_2030_03'::regclass) and contype = 'c'");
  expect(checks.rows).toEqual([]);

  const { rows: sums } = await t.pool.query<{ billed: string }>("select sum(billed_cost)::text as billed from cost_lines where billing_account_id = 'acct-months'");
  expect(sumDecimals([sums[0]!.billed])).toBe(rows.reduce((s, x) => s + toScaled(x[col('BilledCost')]!), 0n));
});

it('a load that fails part-way leaves no table for the months it claimed, and the month loads later', async () => {
  const rows = inMonths(['2031-05'], 'acct-failed', 6);
  const full = gzipSync(await fs.readFile(await writeCsv(dir, 'may.csv', sample.header, rows)));
  const truncated = path.join(dir, 'may-truncated.csv.gz');
  await fs.writeFile(truncated, full.subarray(0, Math.floor(full.length * 0.7)));
  const failed = await loadFocusFile(t.pool, truncated);
  expect(failed.status).toBe('failed');
  expect(failed.error).toMatch(/gzip/);
  expect((await t.pool.query("select to_regclass('cost_lines_2031_05') as t")).rows[0].t).toBeNull();
  expect(await rowsPerPartition('acct-failed')).toEqual({});

  const whole = path.join(dir, 'may.csv.gz');
  await fs.writeFile(whole, full);
  expect(await loadFocusFile(t.pool, whole)).toMatchObject({ status: 'loaded', rows: 6000 });
  expect(await rowsPerPartition('acct-failed')).toEqual({ cost_lines_2031_05: 6000 });
});

it('loads bringing the same new months at once all land whole in their partitions', async () => {
  // The last file meets the months the other way round: two loads may each wait for the other's
  // month, and the one PostgreSQL picks as the deadlock's victim must retry, not fail.
  const orders = [
    ['2032-07', '2032-08'],
    ['2032-07', '2032-08'],
    ['2032-08', '2032-07'],
  ];
  const files = await Promise.all(orders.map((months, i) => writeCsv(dir, `race-${i}.csv`, sample.header, inMonths(months, `acct-race-${i}`, 3))));
  const results = await Promise.all(files.map((f) => loadFocusFile(t.pool, f)));
  expect(results.map((r) => [r.status, r.rows, r.error])).toEqual(files.map(() => ['loaded', 3000, undefined]));
  expect(await rowsPerPartition('acct-race-%')).toEqual({ cost_lines_2032_07: 3 * 1500, cost_lines_2032_08: 3 * 1500 });
  expect((await t.pool.query('select count(*)::int as n from cost_lines_default')).rows[0].n).toBe(0);
});

it('a load into months that have their partitions does not wait on those months’ locks', async () => {
  await t.pool.query("select ensure_cost_partition('2033-01-01T00:00:00Z')");
  const holder = await t.pool.connect();
  try {
    // What a load filling the month would hold; a load into the existing partition must not care.
    await holder.query('begin');
    await holder.query("select pg_advisory_xact_lock(hashtext('cost_lines_2033_01'))");
    const file = await writeCsv(dir, 'existing-month.csv', sample.header, inMonths(['2033-01'], 'acct-existing'));
    const r = await loadFocusFile(t.pool, file);
    expect(r).toMatchObject({ status: 'loaded', rows: 1000 });
  } finally {
    await holder.query('rollback');
    holder.release();
  }
  expect(await rowsPerPartition('acct-existing')).toEqual({ cost_lines_2033_01: 1000 });
});

it('rows of a month left in the default partition are moved into the partition the load makes', async () => {
  await t.pool.query(
    `insert into cost_lines (load_id, billed_cost, effective_cost, billing_account_id, billing_currency, billing_period_start, billing_period_end,
                             charge_category, charge_period_start, charge_period_end, provider_name)
     values (0, 1.5, 1.5, 'acct-stray', 'USD', '2034-02-01Z', '2034-03-01Z', 'Usage', '2034-02-03Z', '2034-02-03T01:00Z', 'AWS')`,
  );
  expect((await t.pool.query('select count(*)::int as n from cost_lines_default')).rows[0].n).toBe(1);
  const file = await writeCsv(dir, 'after-stray.csv', sample.header, inMonths(['2034-02'], 'acct-after-stray'));
  expect(await loadFocusFile(t.pool, file)).toMatchObject({ status: 'loaded', rows: 1000 });
  expect((await t.pool.query('select count(*)::int as n from cost_lines_default')).rows[0].n).toBe(0);
  expect(await rowsPerPartition('acct-%stray')).toEqual({ cost_lines_2034_02: 1001 });
});
