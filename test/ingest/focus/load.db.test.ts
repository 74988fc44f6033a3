import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFocusFile } from '../../../src/ingest/focus/load.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { sumDecimals, toScaled } from '../../support/decimal.ts';
import { CORE_FOCUS_HEADER, FOCUS_SAMPLE, readSample, tempDir, writeCsv } from '../../support/focus-sample.ts';

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
beforeEach(async () => {
  await t.pool.query('truncate cost_lines, ingest_rejects, ingest_load_periods, ingest_loads');
});

/** Expected sums per provider, straight from the CSV text. */
function expectedSums(rows: string[][]): Map<string, { billed: bigint; effective: bigint; n: number }> {
  const out = new Map<string, { billed: bigint; effective: bigint; n: number }>();
  for (const r of rows) {
    const p = r[col('ProviderName')]!;
    const e = out.get(p) ?? { billed: 0n, effective: 0n, n: 0 };
    e.billed += toScaled(r[col('BilledCost')]!);
    e.effective += toScaled(r[col('EffectiveCost')]!);
    e.n++;
    out.set(p, e);
  }
  return out;
}

async function storedSums(): Promise<Map<string, { billed: bigint; effective: bigint; n: number }>> {
  const { rows } = await t.pool.query<{ provider_name: string; billed: string; effective: string; n: string }>(
    'select provider_name, sum(billed_cost)::text as billed, sum(effective_cost)::text as effective, count(*) as n from cost_lines group by 1',
  );
  return new Map(rows.map((r) => [r.provider_name, { billed: sumDecimals([r.billed]), effective: sumDecimals([r.effective]), n: Number(r.n) }]));
}

describe('loading the real FOCUS sample', () => {
  it('stores all 1,000 rows with costs per provider equal to the CSV', async () => {
    const r = await loadFocusFile(t.pool, FOCUS_SAMPLE);
    expect(r).toMatchObject({ status: 'loaded', rows: 1000, rejected: 0, lines: 1000 });
    expect(await storedSums()).toEqual(expectedSums(sample.rows));
    const { rows } = await t.pool.query("select count(*)::int as n from cost_lines where extra ? 'Id'");
    expect(rows[0].n).toBe(1000);
  });

  it('normalises enumerations, nulls, dates and tags', async () => {
    await loadFocusFile(t.pool, FOCUS_SAMPLE);
    const freq = await t.pool.query('select distinct charge_frequency from cost_lines order by 1');
    expect(freq.rows.map((r) => r.charge_frequency)).toEqual(['One-Time', 'Usage-Based']);
    const nulls = await t.pool.query('select count(*)::int as n from cost_lines where charge_class is null and availability_zone is null');
    const isNull = (v: string) => v === '' || v === 'NULL';
    expect(nulls.rows[0].n).toBe(sample.rows.filter((r) => isNull(r[col('ChargeClass')]!) && isNull(r[col('AvailabilityZone')]!)).length);
    const tagged = await t.pool.query("select count(*)::int as n from cost_lines where tags ? 'environment'");
    const expectedTagged = sample.rows.filter((r) => r[col('Tags')]!.includes('"environment"')).length;
    expect(tagged.rows[0].n).toBe(expectedTagged);
    const first = sample.rows[0]!;
    const stored = await t.pool.query<{ s: Date }>('select charge_period_start as s from cost_lines where resource_id = $1 and charge_period_start = $2', [
      first[col('ResourceId')],
      `${first[col('ChargePeriodStart')]}Z`,
    ]);
    expect(stored.rowCount).toBeGreaterThan(0);
    expect(stored.rows[0]!.s.toISOString()).toBe(first[col('ChargePeriodStart')]!.replace(' ', 'T') + '.000Z');
  });

  it('keeps the month partitions and leaves the default partition empty', async () => {
    await loadFocusFile(t.pool, FOCUS_SAMPLE);
    const def = await t.pool.query('select count(*)::int as n from cost_lines_default');
    expect(def.rows[0].n).toBe(0);
    const sept = await t.pool.query('select count(*)::int as n from cost_lines_2024_09');
    expect(sept.rows[0].n).toBeGreaterThan(900);
  });
});

describe('idempotency and restatement', () => {
  it('loading the identical file twice changes nothing', async () => {
    await loadFocusFile(t.pool, FOCUS_SAMPLE);
    const before = await storedSums();
    const again = await loadFocusFile(t.pool, FOCUS_SAMPLE);
    expect(again.status).toBe('unchanged');
    expect(again.rows + again.rejected).toBe(1000);
    expect(await storedSums()).toEqual(before);
    const loads = await t.pool.query("select count(*)::int as n from ingest_loads where status = 'loaded'");
    expect(loads.rows[0].n).toBe(1);
  });

  it('records the hash of a file it loaded while hashing it', async () => {
    const r = await loadFocusFile(t.pool, FOCUS_SAMPLE);
    const { rows } = await t.pool.query<{ sha256: string }>('select sha256 from ingest_loads where id = $1', [r.loadId]);
    expect(rows[0]!.sha256).toBe(
      createHash('sha256')
        .update(await fs.readFile(FOCUS_SAMPLE))
        .digest('hex'),
    );
  });

  it('a restated export of a period replaces that period whole, and only it', async () => {
    await loadFocusFile(t.pool, FOCUS_SAMPLE);
    const restated = sample.rows.filter((r) => r[col('ProviderName')] === 'AWS').map((r) => r.map((v, i) => (i === col('BilledCost') ? (toScaled(v) === 0n ? '0' : `${v}1`) : v)));
    restated.pop(); // the restated period also lost a line
    const file = await writeCsv(dir, 'aws-restated.csv', sample.header, restated);
    const r = await loadFocusFile(t.pool, file);
    expect(r).toMatchObject({ status: 'loaded', rows: 941, replaced: 942 });
    const sums = await storedSums();
    const expected = expectedSums([...sample.rows.filter((x) => x[col('ProviderName')] !== 'AWS'), ...restated]);
    expect(sums).toEqual(expected);
    const loads = await t.pool.query('select status from ingest_loads order by id');
    expect(loads.rows.map((x) => x.status)).toEqual(['loaded', 'loaded']);
    const periods = await t.pool.query('select count(*)::int as n from ingest_load_periods where superseded_by is not null');
    expect(periods.rows[0].n).toBe(1);
  });

  it('a restated period takes out rows whose first and last charges are finer than a millisecond', async () => {
    const exportOf = (name: string, starts: string[]) =>
      writeCsv(
        dir,
        name,
        [...CORE_FOCUS_HEADER],
        starts.map((start) => ['acct-us', 'USD', '2026-05-01', '2026-06-01', start, '2026-05-31T00:00:00Z', 'Usage', 'AWS', 'Amazon EC2', '1', '1']),
      );
    // The period's bounds as loads record them are whole milliseconds; the rows are not.
    const first = await loadFocusFile(t.pool, await exportOf('micros.csv', ['2026-05-10T10:00:00.000400Z', '2026-05-20T10:00:00.123456Z']));
    expect(first).toMatchObject({ status: 'loaded', rows: 2 });
    const restated = await loadFocusFile(t.pool, await exportOf('micros-restated.csv', ['2026-05-15T00:00:00Z']));
    expect(restated).toMatchObject({ status: 'loaded', rows: 1, replaced: 2 });
    const { rows } = await t.pool.query<{ at: string }>("select (charge_period_start at time zone 'UTC')::text as at from cost_lines where billing_account_id = 'acct-us'");
    expect(rows).toEqual([{ at: '2026-05-15 00:00:00' }]);
  });

  it('a restated file of exactly the same size is loaded, not taken for unchanged', async () => {
    const bumped = sample.rows.map((r, i) => (i === 0 ? r.map((v, k) => (k === col('BilledCost') ? v.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10)) : v)) : r));
    const original = await writeCsv(dir, 'same-size-a.csv', sample.header, sample.rows);
    const restated = await writeCsv(dir, 'same-size-b.csv', sample.header, bumped);
    expect((await fs.stat(restated)).size).toBe((await fs.stat(original)).size);
    expect(await loadFocusFile(t.pool, original)).toMatchObject({ status: 'loaded', rows: 1000 });
    const r = await loadFocusFile(t.pool, restated);
    expect(r).toMatchObject({ status: 'loaded', rows: 1000 });
    expect(await storedSums()).toEqual(expectedSums(bumped));
  });

  it('a file with the same rows in another column order and case loads the same', async () => {
    const order = sample.header.map((_, i) => i).reverse();
    const file = await writeCsv(
      dir,
      'shuffled.csv',
      order.map((i) => sample.header[i]!.toLowerCase()),
      sample.rows.map((r) => order.map((i) => r[i]!)),
    );
    const r = await loadFocusFile(t.pool, file);
    expect(r).toMatchObject({ status: 'loaded', rows: 1000 });
    expect(await storedSums()).toEqual(expectedSums(sample.rows));
  });
});

describe('bad input', () => {
  it('rejects bad rows with line and column, and loads the rest', async () => {
    const rows = sample.rows.slice(0, 50).map((r) => [...r]);
    rows[4]![col('BilledCost')] = '12,50';
    rows[9]![col('ChargePeriodStart')] = '2024-02-30 00:00:00';
    rows[19]![col('BillingAccountId')] = '';
    rows[29]![col('Tags')] = '{not json';
    rows[39] = rows[39]!.slice(0, 10);
    const file = await writeCsv(dir, 'bad-rows.csv', sample.header, rows);
    const r = await loadFocusFile(t.pool, file);
    expect(r).toMatchObject({ status: 'loaded', rows: 45, rejected: 5, lines: 50 });
    const rejects = await t.pool.query('select line, column_name, reason, record from ingest_rejects order by line');
    expect(rejects.rows.map((x) => [Number(x.line), x.column_name])).toEqual([
      [6, 'BilledCost'],
      [11, 'ChargePeriodStart'],
      [21, 'BillingAccountId'],
      [31, 'Tags'],
      [41, null],
    ]);
    expect(rejects.rows[0].reason).toContain('not a number');
    expect(rejects.rows[0].record.BilledCost).toBe('12,50');
    const stored = await t.pool.query('select count(*)::int as n from cost_lines');
    expect(stored.rows[0].n).toBe(45);
  });

  it('--strict fails the file on its first bad row and stores nothing', async () => {
    const rows = sample.rows.slice(0, 20).map((r) => [...r]);
    rows[7]![col('EffectiveCost')] = 'abc';
    const file = await writeCsv(dir, 'strict.csv', sample.header, rows);
    const r = await loadFocusFile(t.pool, file, { strict: true });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/line 9, column EffectiveCost/);
    const stored = await t.pool.query('select (select count(*) from cost_lines)::int as c, (select count(*) from ingest_rejects)::int as r');
    expect(stored.rows[0]).toEqual({ c: 0, r: 0 });
  });

  it('a file missing BilledCost in its header loads nothing and says so', async () => {
    const drop = col('BilledCost');
    const file = await writeCsv(
      dir,
      'no-billed.csv',
      sample.header.filter((_, i) => i !== drop),
      sample.rows.map((r) => r.filter((_, i) => i !== drop)),
    );
    const r = await loadFocusFile(t.pool, file);
    expect(r.status).toBe('failed');
    expect(r.error).toContain('BilledCost');
    const stored = await t.pool.query('select count(*)::int as n from cost_lines');
    expect(stored.rows[0].n).toBe(0);
    const failed = await t.pool.query("select error from ingest_loads where status = 'failed'");
    expect(failed.rows[0].error).toContain('BilledCost');
  });

  it('a truncated gzip fails whole, leaving earlier data as it was', async () => {
    await loadFocusFile(t.pool, FOCUS_SAMPLE);
    const gz = gzipSync(await fs.readFile(FOCUS_SAMPLE));
    const file = path.join(dir, 'truncated.csv.gz');
    await fs.writeFile(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const r = await loadFocusFile(t.pool, file);
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/gzip/);
    expect(await storedSums()).toEqual(expectedSums(sample.rows));
  });

  it('an empty file and a file of another kind fail with one clear line', async () => {
    const empty = path.join(dir, 'empty.csv');
    await fs.writeFile(empty, '');
    expect((await loadFocusFile(t.pool, empty)).error).toMatch(/empty/);
    const other = path.join(dir, 'other.csv');
    await fs.writeFile(other, 'a,b,c\n1,2,3\n');
    expect((await loadFocusFile(t.pool, other)).error).toMatch(/missing required FOCUS columns/);
  });
});

describe('formats', () => {
  it('loads CSV.gz', async () => {
    const file = path.join(dir, 'sample.csv.gz');
    await fs.writeFile(file, gzipSync(await fs.readFile(FOCUS_SAMPLE)));
    const r = await loadFocusFile(t.pool, file);
    expect(r).toMatchObject({ status: 'loaded', format: 'csv.gz', rows: 1000 });
    expect(await storedSums()).toEqual(expectedSums(sample.rows));
  });
});
