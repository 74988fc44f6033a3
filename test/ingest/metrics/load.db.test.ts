/**
 * Resource utilisation: percent samples per resource and metric, month-partitioned, duplicates
 * skipped, values outside 0–100 rejected.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMetricsFile } from '../../../src/ingest/metrics/load.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { tempDir } from '../../support/focus-sample.ts';

const METRICS = path.resolve(import.meta.dirname, '../../fixtures/usage/metrics.jsonl');
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

describe('utilisation samples', () => {
  it('are stored in their month partitions; a second load stores nothing', async () => {
    const r = await loadMetricsFile(t.pool, METRICS);
    expect(r).toMatchObject({ status: 'loaded', lines: 5, rows: 5, rejected: 0, duplicates: 0 });
    const { rows } = await t.pool.query('select resource_id, metric, value::text, tags from resource_utilisation order by ts, resource_id, metric');
    expect(rows).toEqual([
      { resource_id: 'i-0a1b2c3d4e5f60001', metric: 'cpu', value: '3.2', tags: { region: 'us-east-1' } },
      { resource_id: 'i-0a1b2c3d4e5f60001', metric: 'gpu', value: '0.4', tags: { region: 'us-east-1' } },
      { resource_id: 'i-0a1b2c3d4e5f60001', metric: 'memory', value: '11.75', tags: { region: 'us-east-1' } },
      { resource_id: 'i-0a1b2c3d4e5f60002', metric: 'cpu', value: '64', tags: {} },
      { resource_id: 'i-0a1b2c3d4e5f60002', metric: 'gpu', value: '100', tags: {} },
    ]);
    const parts = await t.pool.query(
      'select (select count(*)::int from resource_utilisation_2026_01) as jan, (select count(*)::int from resource_utilisation_2026_02) as feb, (select count(*)::int from resource_utilisation_default) as def',
    );
    expect(parts.rows[0]).toEqual({ jan: 3, feb: 2, def: 0 });
    expect(await loadMetricsFile(t.pool, METRICS)).toMatchObject({ rows: 0, duplicates: 5 });
  });

  it('rejects a value outside 0–100, an unknown metric or a missing resource', async () => {
    const file = path.join(dir, 'bad-metrics.jsonl');
    const at = '2026-03-01T00:00:00Z';
    await fs.writeFile(
      file,
      [
        { resource_id: 'r-1', timestamp: at, metric: 'cpu', value: 140 },
        { resource_id: 'r-1', timestamp: at, metric: 'gpu', value: -1 },
        { resource_id: 'r-1', timestamp: at, metric: 'disk', value: 5 },
        { timestamp: at, metric: 'cpu', value: 5 },
        { resource_id: 'r-1', timestamp: at, metric: 'memory', value: '0x10' },
        { resource_id: 'r-1', timestamp: at, metric: 'memory', value: 0 },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    const r = await loadMetricsFile(t.pool, file);
    expect(r).toMatchObject({ lines: 6, rows: 1, rejected: 5 });
    const { rows } = await t.pool.query('select line::int, column_name, reason from ingest_rejects where load_id = $1 order by line', [r.loadId]);
    expect(rows).toEqual([
      { line: 1, column_name: 'value', reason: 'expected a percentage from 0 to 100, got 140' },
      { line: 2, column_name: 'value', reason: 'expected a percentage from 0 to 100, got -1' },
      { line: 3, column_name: 'metric', reason: 'expected one of cpu, gpu, memory, got "disk"' },
      { line: 4, column_name: 'resource_id', reason: 'missing' },
      { line: 5, column_name: 'value', reason: 'expected a percentage from 0 to 100, got "0x10"' },
    ]);
  });
});
