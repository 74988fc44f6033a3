/**
 * FOCUS files with values PostgreSQL or the answers cannot hold (year 0001, 1e400, nesting
 * 100,000 deep), text past Latin-1, physical line numbers after blank lines, CRLF and multi-line fields, and a
 * gzip whose one record inflates without end: the bad rows are rejected with file, line, column
 * and reason and the good rows of the same file load, or the file fails with one clear line.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import { parquetWriteFile } from 'hyparquet-writer';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOCUS_COLUMNS } from '../../../src/schema/focus-columns.ts';
import { loadFocusFile, type FocusFileResult } from '../../../src/ingest/focus/load.ts';
import { fileDb } from '../../support/file-db.ts';
import { readSample, writeCsv } from '../../support/focus-sample.ts';

let sample: { header: string[]; rows: string[][] };
const col = (name: string) => sample.header.indexOf(name);

const db = fileDb({ truncate: 'cost_lines, ingest_rejects, ingest_load_periods, ingest_loads' });
beforeAll(async () => {
  sample = await readSample();
});

const rowsCopy = (n: number) => sample.rows.slice(0, n).map((r) => [...r]);
const storedRows = async () => (await db.t.pool.query('select count(*)::int as n from cost_lines')).rows[0].n as number;
const rejects = async () =>
  (
    await db.t.pool.query<{ file_path: string; line: string; column_name: string | null; reason: string; record: Record<string, unknown> }>(
      'select file_path, line, column_name, reason, record from ingest_rejects order by line',
    )
  ).rows.map((r) => ({ ...r, line: Number(r.line) }));

function expectAllCounted(r: FocusFileResult, records: number, rejected: number): void {
  expect(r).toMatchObject({ status: 'loaded', lines: records, rows: records - rejected, rejected });
  expect(r.rows + r.rejected).toBe(records);
}

describe('dates', () => {
  it('a year-0001 date or one outside 2000–2099 rejects its row, naming line and column; the rest loads', async () => {
    const rows = rowsCopy(20);
    rows[2]![col('ChargePeriodStart')] = '0001-01-01T00:00:00Z';
    rows[5]![col('BillingPeriodStart')] = '0099-09-01 00:00:00';
    rows[8]![col('ChargePeriodEnd')] = '1969-12-31T23:00:00Z';
    rows[11]![col('BillingPeriodEnd')] = '2250-01-01 00:00:00';
    const file = await writeCsv(db.dir, 'old-dates.csv', sample.header, rows);
    const r = await loadFocusFile(db.t.pool, file);
    expectAllCounted(r, 20, 4);
    expect(await storedRows()).toBe(16);
    const bad = await rejects();
    expect(bad.map((x) => [x.file_path, x.line, x.column_name])).toEqual([
      [file, 4, 'ChargePeriodStart'],
      [file, 7, 'BillingPeriodStart'],
      [file, 10, 'ChargePeriodEnd'],
      [file, 13, 'BillingPeriodEnd'],
    ]);
    expect(bad[0]!.reason).toBe('date/time outside 2000-01-01 to 2099-12-31 (UTC): "0001-01-01T00:00:00Z"');
    expect(bad[0]!.record.ChargePeriodStart).toBe('0001-01-01T00:00:00Z');
  });

  it('in Parquet too', async () => {
    const rows = rowsCopy(6);
    const kindOf = (name: string) => FOCUS_COLUMNS.find((c) => c.name === name)?.kind ?? 'text';
    const isNull = (v: string) => v === '' || v === 'NULL';
    const columnData = sample.header.map((name, i) => {
      const kind = kindOf(name);
      const values = rows.map((r) => r[i]!);
      if (kind === 'numeric') return { name, type: 'DOUBLE' as const, data: values.map((v) => (isNull(v) ? null : Number(v))) };
      if (kind === 'timestamp') return { name, type: 'TIMESTAMP' as const, data: values.map((v) => (isNull(v) ? null : new Date(`${v.replace(' ', 'T')}Z`))) };
      return { name, type: 'STRING' as const, data: values.map((v) => (isNull(v) ? null : v)) };
    });
    const start = columnData[col('ChargePeriodStart')]!.data as (Date | null)[];
    start[1] = new Date('0001-09-01T00:00:00Z');
    start[3] = new Date('2500-01-01T00:00:00Z');
    const file = path.join(db.dir, 'old-dates.parquet');
    parquetWriteFile({ filename: file, columnData });
    const r = await loadFocusFile(db.t.pool, file);
    expectAllCounted(r, 6, 2);
    expect((await rejects()).map((x) => [x.line, x.column_name])).toEqual([
      [2, 'ChargePeriodStart'],
      [4, 'ChargePeriodStart'],
    ]);
  });
});

describe('amounts', () => {
  it('1e400 and amounts of 1e15 or more reject their row naming the column; a huge usage quantity loads', async () => {
    const rows = rowsCopy(20);
    rows[1]![col('BilledCost')] = '1e400';
    rows[3]![col('EffectiveCost')] = '-1e15';
    rows[5]![col('ListUnitPrice')] = '2000000000000000';
    rows[7]![col('ConsumedQuantity')] = '1e400';
    // Storage billed in byte-seconds reaches 1e21 in a month: a quantity, not an amount of money.
    rows[9]![col('ConsumedQuantity')] = '2.6e21';
    // Fifteen whole digits that round to 1e15 as a double are out; fourteen, leading zeros aside, are in.
    rows[11]![col('BilledCost')] = '999999999999999.99999';
    rows[13]![col('EffectiveCost')] = '-00099999999999999.5';
    const file = await writeCsv(db.dir, 'amounts.csv', sample.header, rows);
    const r = await loadFocusFile(db.t.pool, file);
    expectAllCounted(r, 20, 5);
    const bad = await rejects();
    expect(bad.map((x) => [x.line, x.column_name])).toEqual([
      [3, 'BilledCost'],
      [5, 'EffectiveCost'],
      [7, 'ListUnitPrice'],
      [9, 'ConsumedQuantity'],
      [13, 'BilledCost'],
    ]);
    expect(bad[0]!.reason).toBe('amount out of range (|x| < 1e15): "1e400"');
    expect(bad[3]!.reason).toBe('quantity out of range (|x| < 1e30): "1e400"');
    expect(bad[0]!.record.BilledCost).toBe('1e400');
    const big = await db.t.pool.query('select count(*)::int as n from cost_lines where consumed_quantity = 2.6e21');
    expect(big.rows[0].n).toBe(1);
    const { rows: inf } = await db.t.pool.query('select count(*)::int as n from cost_lines where billed_cost >= 1e15 or effective_cost <= -1e15');
    expect(inf[0].n).toBe(0);
    const { rows: near } = await db.t.pool.query('select count(*)::int as n from cost_lines where effective_cost = -99999999999999.5');
    expect(near[0].n).toBe(1);
  });
});

describe('text', () => {
  it('characters past Latin-1 whose low byte is ASCII (Ł is U+0141, 中 U+4E2D) are stored as written', async () => {
    const rows = rowsCopy(5);
    rows[1]![col('ResourceName')] = 'Łazienki 中';
    rows[3]![col('RegionName')] = 'Střed';
    const file = await writeCsv(db.dir, 'past-latin-1.csv', sample.header, rows);
    expectAllCounted(await loadFocusFile(db.t.pool, file), 5, 0);
    const { rows: stored } = await db.t.pool.query<{ name: string | null; region: string | null }>(
      "select resource_name as name, region_name as region from cost_lines where resource_name like 'Ł%' or region_name like 'St%'",
    );
    expect(stored.map((r) => r.name ?? r.region).sort()).toEqual(['Střed', 'Łazienki 中']);
  });
});

describe('line numbers', () => {
  it('are the physical line in the file after blank lines, CRLF and quoted multi-line fields', async () => {
    const rows = rowsCopy(6);
    rows[1]![col('ChargeDescription')] = 'first line\r\nsecond line\r\nthird line';
    rows[2]![col('ChargeDescription')] = 'one\ntwo';
    rows[4]![col('BilledCost')] = 'twelve';
    rows[4]![col('ResourceId')] = 'the-bad-row';
    // Quoted, as exporters write a field holding a newline: an unquoted LF ends the line.
    const lines = [sample.header, ...rows].map((r) => stringify([r], { record_delimiter: '\r\n', quoted: true }));
    // Blank lines after the header, between records and before the bad row.
    const text = [lines[0], '\r\n', lines[1], lines[2], '\r\n\r\n', lines[3], lines[4], '\r\n', lines[5], lines[6], '\r\n'].join('');
    const file = path.join(db.dir, 'blank-lines.csv');
    await fs.writeFile(file, text);
    const physical = text.slice(0, text.indexOf('the-bad-row')).split('\n').length;
    const r = await loadFocusFile(db.t.pool, file);
    expectAllCounted(r, 6, 1);
    expect((await rejects()).map((x) => [x.line, x.column_name])).toEqual([[physical, 'BilledCost']]);
    expect(physical).toBe(13);
  });
});

describe('nesting', () => {
  it('Tags nested 100,000 deep reject their row; the rest loads', async () => {
    const rows = rowsCopy(10);
    rows[3]![col('Tags')] = `{"team": "search", "deep": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const file = await writeCsv(db.dir, 'deep-tags.csv', sample.header, rows);
    const r = await loadFocusFile(db.t.pool, file);
    expectAllCounted(r, 10, 1);
    const bad = await rejects();
    expect(bad.map((x) => [x.line, x.column_name, x.reason])).toEqual([[5, 'Tags', 'JSON nested deeper than 64 levels']]);
    expect(String(bad[0]!.record.Tags)).toMatch(/^\{"team": "search", "deep": \[\[\[/);
  });
});

describe('size', () => {
  it('a gzip whose one record inflates past 4 MB fails with one line naming where, without reading it all', async () => {
    const good = stringify([sample.header, ...rowsCopy(3)]);
    // Gzip members concatenate: 1,000 copies of 1 MB of 'x' in a quoted field is a 1 GB record from a ~1 MB file.
    const mb = gzipSync(Buffer.alloc(1 << 20, 'x'));
    const file = path.join(db.dir, 'bomb.csv.gz');
    await fs.writeFile(file, Buffer.concat([gzipSync(`${good}"`), ...Array.from({ length: 1000 }, () => mb)]));
    const r = await loadFocusFile(db.t.pool, file);
    expect(r).toMatchObject({ status: 'failed', rows: 0, error: 'line 5: a record longer than 4 MB; is this a CSV export?' });
    expect(await storedRows()).toBe(0);
  });
});
