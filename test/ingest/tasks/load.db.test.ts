/**
 * Task outcomes: stored with their attribution, duplicates skipped, bad records rejected.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attributor } from '../../../src/ingest/attribution.ts';
import { parseAttributionKeys } from '../../../src/schema/attribution.ts';
import { loadTasksFile } from '../../../src/ingest/tasks/load.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { tempDir } from '../../support/focus-sample.ts';

const TASKS = path.resolve(import.meta.dirname, '../../fixtures/usage/tasks.jsonl');
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

describe('task outcomes', () => {
  it('are stored with status, time and attribution; a second load stores nothing', async () => {
    const r = await loadTasksFile(t.pool, TASKS);
    expect(r).toMatchObject({ status: 'loaded', lines: 4, rows: 4, rejected: 0, duplicates: 0 });
    const { rows } = await t.pool.query('select task_id, status, ts, team, feature, customer, environment, tags from task_outcomes order by ts, status');
    expect(rows.map((x) => [x.task_id, x.status, x.ts.toISOString(), x.team, x.feature, x.customer, x.environment])).toEqual([
      ['task-1001', 'success', '2026-01-15T10:00:03.000Z', 'search', 'autocomplete', null, null],
      ['task-1002', 'failure', '2026-01-15T10:00:10.000Z', 'support', 'ticket-summary', 'globex', null],
      ['task-1002', 'success', '2026-01-15T10:02:41.000Z', 'support', 'ticket-summary', 'globex', null],
      ['task-1003', 'success', '2026-01-15T10:05:00.000Z', 'data', null, null, 'staging'],
    ]);
    // The id and the status are columns, not tags; other strings are tags.
    expect(rows[0].tags).toEqual({ team: 'search', feature: 'autocomplete', agent: 'search-assistant' });
    expect(rows[1].tags.reason).toBe('tool_error');
    expect(await loadTasksFile(t.pool, TASKS)).toMatchObject({ rows: 0, duplicates: 4 });
    expect((await t.pool.query('select count(*)::int as n from task_outcomes')).rows[0].n).toBe(4);
  });

  it('rejects an unknown status, a missing task id or time, with line and field', async () => {
    const file = path.join(dir, 'bad-tasks.jsonl');
    await fs.writeFile(
      file,
      [
        { task_id: 'b-1', status: 'done', timestamp: '2026-01-15T00:00:00Z' },
        { status: 'success', timestamp: '2026-01-15T00:00:00Z' },
        { task_id: 'b-3', status: 'failure' },
        { task_id: 'b-4', status: 'failure', timestamp: '2026-01-15T00:00:00Z' },
        { task_id: 'b-4', status: 'failure', timestamp: '2026-01-15T00:00:00Z' },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    const r = await loadTasksFile(t.pool, file);
    expect(r).toMatchObject({ lines: 5, rows: 1, rejected: 3, duplicates: 1 });
    const { rows } = await t.pool.query('select line::int, column_name, reason from ingest_rejects where load_id = $1 order by line', [r.loadId]);
    expect(rows).toEqual([
      { line: 1, column_name: 'status', reason: 'expected "success" or "failure", got "done"' },
      { line: 2, column_name: 'task_id', reason: 'missing' },
      { line: 3, column_name: 'timestamp', reason: 'missing' },
    ]);
  });

  it('read the task id with configured attribution keys', async () => {
    const file = path.join(dir, 'run-ids.jsonl');
    await fs.writeFile(file, JSON.stringify({ run_id: 'r-77', status: 'success', timestamp: '2026-01-16T00:00:00Z' }) + '\n');
    const r = await loadTasksFile(t.pool, file, { attributor: new Attributor(parseAttributionKeys('task_id=run_id')) });
    expect(r.rows).toBe(1);
    expect((await t.pool.query("select tags from task_outcomes where task_id = 'r-77'")).rows[0].tags).toEqual({});
  });
});
