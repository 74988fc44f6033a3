import fs from 'node:fs/promises';
import path from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FOCUS_COLUMNS } from '../../../src/schema/focus-columns.ts';
import { loadFocusFile } from '../../../src/ingest/focus/load.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { readSample, tempDir } from '../../support/focus-sample.ts';

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

const kindOf = (name: string) => FOCUS_COLUMNS.find((c) => c.name === name)?.kind ?? 'text';
const isNull = (v: string) => v === '' || v === 'NULL';

it('loads a Parquet export with typed columns over several row groups', async () => {
  const { header, rows } = await readSample();
  // Parquet exports carry doubles and timestamps, not text: write the sample that way.
  const columnData = header.map((name, i) => {
    const kind = kindOf(name);
    const values = rows.map((r) => r[i]!);
    if (kind === 'numeric') return { name, type: 'DOUBLE' as const, data: values.map((v) => (isNull(v) ? null : Number(v))) };
    if (kind === 'timestamp') return { name, type: 'TIMESTAMP' as const, data: values.map((v) => (isNull(v) ? null : new Date(`${v.replace(' ', 'T')}Z`))) };
    return { name, type: 'STRING' as const, data: values.map((v) => (isNull(v) ? null : v)) };
  });
  const file = path.join(dir, 'sample.parquet');
  parquetWriteFile({ filename: file, columnData, rowGroupSize: 400 });

  const r = await loadFocusFile(t.pool, file);
  expect(r).toMatchObject({ status: 'loaded', format: 'parquet', rows: 1000, rejected: 0 });
  const billed = header.indexOf('BilledCost');
  const provider = header.indexOf('ProviderName');
  const expected = new Map<string, number>();
  for (const row of rows) expected.set(row[provider]!, (expected.get(row[provider]!) ?? 0) + Number(row[billed]));
  const { rows: stored } = await t.pool.query<{ provider_name: string; billed: string }>('select provider_name, sum(billed_cost)::text as billed from cost_lines group by 1');
  expect(stored).toHaveLength(expected.size);
  for (const s of stored) expect(Number(s.billed)).toBeCloseTo(expected.get(s.provider_name)!, 9);
  const times = await t.pool.query('select min(charge_period_start) as lo, max(charge_period_start) as hi from cost_lines');
  expect(times.rows[0].lo.toISOString()).toBe('2024-09-01T00:00:00.000Z');
});
