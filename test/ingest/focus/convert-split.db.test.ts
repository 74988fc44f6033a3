/**
 * Large plain CSV files converted on two worker threads, split after the first newline past the
 * middle: everything stored and reported equals the one-worker load of the same file (rows,
 * rejects with their physical lines across CRLF, blank lines and multi-line fields in both halves,
 * billing periods, the rollup from the two parts' daily sums); a file whose middle is inside a
 * quoted field is found out and loaded again on one worker, with the same result.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshAfterLoads, refreshRollups } from '../../../src/costs/rollups.ts';
import { MAX_REJECTS } from '../../../src/ingest/focus/convert.ts';
import { splitFromBytes, SplitMisaligned, startConversions } from '../../../src/ingest/focus/convert-split.ts';
import { loadFocusFile, type FocusFileResult } from '../../../src/ingest/focus/load.ts';
import { DEFAULT_ATTRIBUTION_KEYS } from '../../../src/schema/attribution.ts';
import { fileDb } from '../../support/file-db.ts';
import { CORE_FOCUS_HEADER, readSample } from '../../support/focus-sample.ts';

let sample: { header: string[]; rows: string[][] };
const col = (name: string) => sample.header.indexOf(name);
const db = fileDb({ truncate: 'cost_lines, ingest_rejects, ingest_load_periods, ingest_loads, cost_rollup_daily, cost_rollup_monthly, cost_rollup_state' });
beforeAll(async () => {
  sample = await readSample();
});

/** Every stored row, reject and rollup row as text, in a fixed order. */
async function stored(): Promise<Record<string, unknown>> {
  const q = async (sql: string) => (await db.t.pool.query({ text: sql, rowMode: 'array' })).rows;
  const rowText = "select (to_jsonb(c) - 'load_id' - 'id')::text from cost_lines c order by 1";
  const rejects = 'select line, column_name, reason, record::text from ingest_rejects order by line';
  const periods = 'select provider_name, billing_account_id, billing_period_start::text, rows, first_charge::text, last_charge::text from ingest_load_periods order by 1, 2, 3';
  const rollup = 'select (to_jsonb(r))::text from cost_rollup_daily r order by 1';
  return { rows: await q(rowText), rejects: await q(rejects), periods: await q(periods), rollup: await q(rollup) };
}

/** Loads `file` (two workers from `splitFrom` bytes), refreshes the rollup from its sums, and returns what is stored. */
async function loadAll(file: string, splitFrom: number): Promise<{ result: FocusFileResult; stored: Record<string, unknown> }> {
  await db.t.pool.query('truncate cost_lines, ingest_rejects, ingest_load_periods, ingest_loads, cost_rollup_daily, cost_rollup_monthly, cost_rollup_state');
  const result = await loadFocusFile(db.t.pool, file, { splitFrom });
  expect(result.status).toBe('loaded');
  await refreshAfterLoads(db.t.pool, [result]);
  return { result, stored: await stored() };
}

/** The rows as an export: CRLF records, every field quoted, a blank line after every 50 records. */
function exportText(rows: string[][]): string {
  return [sample.header, ...rows].map((r, i) => stringify([r], { record_delimiter: '\r\n', quoted: true }) + (i % 50 === 49 ? '\r\n' : '')).join('');
}

describe('a plain CSV file converted on two workers', () => {
  it("only from 32 MB, and only with three cores or more: on two, the server's COPY needs one of them", () => {
    expect(splitFromBytes(2)).toBe(Infinity);
    expect(splitFromBytes(4)).toBe(32 << 20);
  });

  it('stores and reports exactly what one worker does: rows, rejects and their lines in both halves, periods, rollup', async () => {
    const rows = sample.rows.slice(0, 600).map((r) => [...r]);
    for (const at of [3, 297, 303, 590]) rows[at]![col('ChargeDescription')] = `first line\r\nsecond line\nthird of row ${at}`;
    for (const at of [5, 150, 450, 595]) rows[at]![col('BilledCost')] = `bad ${at}`;
    rows[460]![col('BilledCost')] = '0.1234567890123456789';
    rows[470]![col('BilledCost')] = '1.5E-3';
    const file = path.join(db.dir, 'split.csv');
    const text = exportText(rows);
    await fs.writeFile(file, text);

    const one = await loadAll(file, Infinity);
    const two = await loadAll(file, 1);
    expect(two.stored).toEqual(one.stored);
    expect({ ...two.result, loadId: 0, dailySums: undefined }).toEqual({ ...one.result, loadId: 0, dailySums: undefined });
    expect(one.result).toMatchObject({ lines: 600, rows: 596, rejected: 4 });
    // The bad rows are on both sides of the middle, and the lines are the file's own.
    const lines = (one.stored.rejects as unknown[][]).map((r) => Number(r[0]));
    const middle = Buffer.byteLength(text) / 2;
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    expect(lines).toEqual(['bad 5', 'bad 150', 'bad 450', 'bad 595'].map(lineOf));
    expect(text.indexOf('bad 150')).toBeLessThan(middle);
    expect(text.indexOf('bad 450')).toBeGreaterThan(middle);
    // The rollup from the two parts' sums is the one a recompute from the rows gives.
    await refreshRollups(db.t.pool);
    expect((await stored()).rollup).toEqual(two.stored.rollup);
  });

  it.each([
    ['', 20_000],
    [', even when the lines read as records are past the limit of bad rows', 250_000],
  ])('finds a middle inside a quoted field out%s, and loads the file again on one worker with the same result', async (_, fieldLines) => {
    const rows = sample.rows.slice(0, 200).map((r) => [...r]);
    // One field of many lines holding the middle of the file.
    rows[100]![col('ChargeDescription')] = Array.from({ length: fieldLines }, (_, i) => `line ${i}`).join('\n');
    rows[20]![col('BilledCost')] = 'bad';
    rows[180]![col('BilledCost')] = 'bad too';
    const file = path.join(db.dir, 'split-quoted.csv');
    await fs.writeFile(file, exportText(rows));

    const conversion = await startConversions({ file, loadId: '1', strict: false, attribution: DEFAULT_ATTRIBUTION_KEYS }, 1);
    try {
      let rows = 0;
      await expect(
        (async () => {
          for await (const chunk of conversion.chunks) rows += chunk.rows;
        })(),
      ).rejects.toBeInstanceOf(SplitMisaligned);
      // Found out only at the end, after both parts were read.
      expect(rows).toBeGreaterThan(0);
    } finally {
      await conversion.stop();
    }

    const one = await loadAll(file, Infinity);
    const two = await loadAll(file, 1);
    expect(two.stored).toEqual(one.stored);
    expect(one.result).toMatchObject({ lines: 200, rows: 198, rejected: 2 });
  });

  describe('counts the bad rows of both parts against one limit for the file', () => {
    const good = (day: number) => `acct,USD,2026-11-01,2026-12-01,2026-11-${String(day).padStart(2, '0')},2026-11-${String(day + 1).padStart(2, '0')},Usage,AWS,EC2,1.5,1.5\n`;
    /** Good rows at both ends and `half` one-field (bad) lines on each side of the middle. */
    async function halves(half: number): Promise<string> {
      const ends = Array.from({ length: 10 }, (_, i) => good(i + 1)).join('');
      const file = path.join(db.dir, `bad-halves-${half}.csv`);
      await fs.writeFile(file, `${CORE_FOCUS_HEADER.join(',')}\n${ends}${'x\n'.repeat(2 * half)}${ends}`);
      return file;
    }

    it('fails a file past the limit whose parts are each below it, as one worker does', async () => {
      const file = await halves(MAX_REJECTS / 2 + 1);
      const one = await loadFocusFile(db.t.pool, file, { splitFrom: Infinity });
      const two = await loadFocusFile(db.t.pool, file, { splitFrom: 1 });
      expect(one).toMatchObject({ status: 'failed', error: expect.stringMatching(`^more than ${MAX_REJECTS} bad rows; is this a FOCUS export\\? First: \\\\N: expected 11 fields, found 1$`) });
      expect(two).toMatchObject({ status: one.status, error: one.error });
    });

    it('loads a file with as many bad rows as the limit', async () => {
      const two = await loadFocusFile(db.t.pool, await halves(MAX_REJECTS / 2), { splitFrom: 1 });
      expect(two).toMatchObject({ status: 'loaded', rows: 20, rejected: MAX_REJECTS });
    }, 60_000);
  });
});
