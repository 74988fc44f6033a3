/**
 * Migration 037: llm_usage.status becomes null where the source of a stored call never recorded
 * how it ended. Rows stored before it (status 'ok' by default) are decided per format and load as
 * ingest now decides them: OpenAI buckets unknown, OpenTelemetry spans unknown unless their load
 * stored a failed span, LiteLLM and Langfuse rows as they were.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { distribute, migrate } from '../../src/db/migrate.ts';
import { migrateBefore } from '../support/migrate-before.ts';
import { createTestDb, onCitus, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(() => t.drop());

/** load id, format, status as the old ingest stored it, what 037 must leave. */
const ROWS: Array<[number, string, string, string | null]> = [
  [1, 'otel', 'ok', 'ok'],
  [1, 'otel', 'error', 'error'],
  [1, 'otlp', 'ok', null], // the load's failed span is otel, not otlp
  [2, 'otel', 'ok', null],
  [2, 'otel', 'ok', null],
  [3, 'otlp', 'ok', 'ok'],
  [3, 'otlp', 'error', 'error'],
  [4, 'openai_usage', 'ok', null],
  [4, 'openai_costs', 'ok', null],
  [5, 'litellm', 'ok', 'ok'],
  [5, 'litellm', 'error', 'error'],
  [6, 'langfuse', 'ok', 'ok'],
];

it('keeps what sources recorded, and clears the default where they recorded nothing', async () => {
  await migrateBefore(t.pool, 37);
  // On a Citus run the tables are distributed first, as in a store upgraded in place.
  if (onCitus()) await distribute(t.pool);
  await t.pool.query(
    `insert into llm_usage (load_id, event_id, ts, source_format, cost_source, status)
     select load_id, 'e' || n, '2026-09-01'::timestamptz + n * interval '1 hour', format, 'unpriced', status
       from unnest($1::int[], $2::text[], $3::text[]) with ordinality as u(load_id, format, status, n)`,
    [ROWS.map((r) => r[0]), ROWS.map((r) => r[1]), ROWS.map((r) => r[2])],
  );

  expect(await migrate(t.pool)).toContain('037_call_status_known');

  const { rows } = await t.pool.query<{ status: string | null }>('select status from llm_usage order by substr(event_id, 2)::int');
  expect(rows.map((r) => r.status)).toEqual(ROWS.map((r) => r[3]));
  // New rows may leave it null: no default says 'ok' for them.
  await t.pool.query("insert into llm_usage (load_id, event_id, ts, source_format, cost_source) values (7, 'new', '2026-09-02', 'otel', 'unpriced')");
  expect((await t.pool.query("select status from llm_usage where event_id = 'new'")).rows[0].status).toBeNull();
});
