import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { FOCUS_SAMPLE, readSample, tempDir, writeCsv } from '../support/focus-sample.ts';

let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

it('penny ingest focus --json prints one document; a bad file fails alone', async () => {
  const broken = path.join(dir, 'broken.csv.gz');
  await fs.writeFile(broken, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
  const r = await runPenny(['ingest', 'focus', FOCUS_SAMPLE, broken, '--json'], { env: { DATABASE_URL: t.url } });
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.rows).toBe(1000);
  expect(doc.rejected).toBe(0);
  expect(doc.files.map((f: { status: string }) => f.status)).toEqual(['loaded', 'failed']);
  expect(r.stderr).toContain('broken.csv.gz');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  const { rows } = await t.pool.query('select count(*)::int as n from cost_lines');
  expect(rows[0].n).toBe(1000);
});

it('plain output says what happened to each file', async () => {
  const r = await runPenny(['ingest', 'focus', FOCUS_SAMPLE, path.join(dir, 'missing.csv')], { env: { DATABASE_URL: t.url } });
  expect(r.stdout).toMatch(/focus-1\.0-sample-1000\.csv: unchanged/);
  expect(r.stdout).toMatch(/missing\.csv: no such file/);
  expect(r.code).toBe(1);
});

it('a bad DATABASE_URL fails at start naming the variable', async () => {
  const r = await runPenny(['ingest', 'focus', FOCUS_SAMPLE], { env: { DATABASE_URL: 'mysql://nope' } });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/DATABASE_URL: a postgres/);
});

describe('an export delivered in parts', () => {
  /** The sample split into `parts` files in `folder`, every row's BilledCost set to `billed` when given. */
  async function delivery(folder: string, parts: number, billed?: string): Promise<string> {
    const { header, rows } = await readSample();
    const at = header.indexOf('BilledCost');
    const out = path.join(dir, folder);
    await fs.mkdir(out, { recursive: true });
    const changed = billed === undefined ? rows : rows.map((r) => r.map((v, i) => (i === at ? billed : v)));
    for (let p = 0; p < parts; p++)
      await writeCsv(
        out,
        `part-${p + 1}.csv`,
        header,
        changed.filter((_, i) => i % parts === p),
      );
    await fs.writeFile(path.join(out, 'manifest.json'), '{"reportKeys": []}');
    return out;
  }

  async function stored(): Promise<{ n: number; billed: string }> {
    const { rows } = await t.pool.query<{ n: number; billed: string }>('select count(*)::int as n, sum(billed_cost)::text as billed from cost_lines');
    return rows[0]!;
  }

  it('the parts of one folder add up, a later delivery replaces them whole, and a folder with no export fails alone', async () => {
    await t.pool.query('truncate cost_lines, ingest_rejects, ingest_load_periods, ingest_loads');
    const first = await delivery('2024-09/run-1', 3);
    const r = await runPenny(['ingest', 'focus', first, '--json'], { env: { DATABASE_URL: t.url } });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.rows).toBe(1000);
    expect(doc.files.map((f: { file: string }) => path.basename(f.file))).toEqual(['part-1.csv', 'part-2.csv', 'part-3.csv']);
    expect(doc.files.map((f: { replaced: number }) => f.replaced)).toEqual([0, 0, 0]);
    expect((await stored()).n).toBe(1000);

    // The same parts named one by one, again: nothing changes.
    const again = await runPenny(['ingest', 'focus', ...['part-1.csv', 'part-2.csv', 'part-3.csv'].map((f) => path.join(first, f)), '--json'], { env: { DATABASE_URL: t.url } });
    expect(JSON.parse(again.stdout).files.map((f: { status: string }) => f.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect((await stored()).n).toBe(1000);

    // The provider re-issues the period in two parts: together they replace the three.
    const restated = await delivery('2024-09/run-2', 2, '1');
    const empty = path.join(dir, 'no-exports');
    await fs.mkdir(empty);
    const second = await runPenny(['ingest', 'focus', restated, empty, '--json'], { env: { DATABASE_URL: t.url } });
    expect(second.code).toBe(1);
    const doc2 = JSON.parse(second.stdout);
    expect(doc2.files.map((f: { status: string }) => f.status)).toEqual(['failed', 'loaded', 'loaded']);
    expect(doc2.files[0].error).toMatch(/no CSV, CSV.gz or Parquet file/);
    expect(second.stderr).toContain('no-exports');
    expect(doc2.files[1].replaced + doc2.files[2].replaced).toBe(1000);
    expect(await stored()).toEqual({ n: 1000, billed: '1000' });
  });

  it('repeated snapshots of a period (AWS re-delivers the month many times) leave one copy, in one call or in several', async () => {
    await t.pool.query('truncate cost_lines, ingest_rejects, ingest_load_periods, ingest_loads');
    // AWS Data Exports: data/BILLING_PERIOD=YYYY-MM/<snapshot>/part files, one folder per delivery.
    const period = 'aws/data/BILLING_PERIOD=2024-09';
    const snapshots = [await delivery(`${period}/20240905T010203Z`, 1, '3'), await delivery(`${period}/20240912T010203Z`, 2, '2'), await delivery(`${period}/20240919T010203Z`, 3, '1')];
    const all = await runPenny(['ingest', 'focus', path.join(dir, period), '--json'], { env: { DATABASE_URL: t.url } });
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout).files).toHaveLength(6);
    expect(await stored()).toEqual({ n: 1000, billed: '1000' });

    for (const snapshot of snapshots) expect((await runPenny(['ingest', 'focus', snapshot], { env: { DATABASE_URL: t.url } })).code).toBe(0);
    expect(await stored()).toEqual({ n: 1000, billed: '1000' });
  });
});

it('an export whose every row is rejected (an Excel round trip) fails with exit 1 and says why', async () => {
  const excel = path.resolve(import.meta.dirname, '../fixtures/real-world/focus/excel_resaved_focus_sample.csv');
  const r = await runPenny(['ingest', 'focus', excel], { env: { DATABASE_URL: t.url } });
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/✗ excel_resaved_focus_sample\.csv: every one of its 603 rows was rejected; the first, line 2, BillingPeriod\w+: not a date\/time: "\d+\/1\/2024 0:00"/);
  expect(r.stdout).toMatch(/rejected line 3, BillingPeriod\w+: not a date\/time/);
  expect(r.stdout).toMatch(/all 603: penny ingest rejects --load \d+/);
});

it('a bad row is shown in the summary with its line, column and value', async () => {
  const { header, rows } = await readSample();
  const bad = rows.slice(0, 3).map((r) => [...r]);
  bad[1]![header.indexOf('BilledCost')] = 'twelve';
  const file = await writeCsv(dir, 'one-bad.csv', header, bad);
  const r = await runPenny(['ingest', 'focus', file], { env: { DATABASE_URL: t.url } });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('rejected line 3, BilledCost: not a number: "twelve" (value "twelve")');
});
