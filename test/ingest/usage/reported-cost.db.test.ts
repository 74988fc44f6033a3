/**
 * A span's own cost, as the OpenTelemetry semantic-conventions proposal writes it
 * (`gen_ai.usage.cost.amount`, `.currency`, `.source`): used as the call's cost in its currency,
 * with where it came from kept; a span without one is priced as before.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { fileDb } from '../../support/file-db.ts';

const SHAPES = path.resolve(import.meta.dirname, '../../fixtures/usage/shapes');
const db = fileDb({ truncate: 'llm_usage, llm_usage_ids, ingest_rejects, ingest_loads cascade' });

const calls = async () =>
  (
    await db.t.pool.query(
      `select event_id, trim_scale(cost)::text as cost, currency, cost_source, tags->>'gen_ai.usage.cost.source' as given_by, team
       from llm_usage order by event_id`,
    )
  ).rows;

describe('gen_ai.usage.cost on OTel spans', () => {
  it('an OTLP export: the amount in its currency, the source kept, a span without a cost priced', async () => {
    const result = await loadUsageFile(db.t.pool, path.join(SHAPES, 'otlp_cost_proposal.json'));
    expect(result).toMatchObject({ status: 'loaded', rows: 3, rejected: 0, unpriced: 0 });
    const rows = await calls();
    expect(rows.slice(0, 2)).toEqual([
      { event_id: 'chatcmpl-cost-1', cost: '0.0058', currency: 'EUR', cost_source: 'reported', given_by: 'provider', team: 'search' },
      { event_id: 'chatcmpl-cost-2', cost: '0.0035', currency: 'USD', cost_source: 'reported', given_by: 'local', team: 'search' },
    ]);
    // gpt-4o-2024-08-06 at $2.50/M input and $10/M output.
    expect(rows[2]).toEqual({ event_id: 'chatcmpl-cost-3', cost: '0.0035', currency: 'USD', cost_source: 'priced', given_by: null, team: 'search' });
  });

  it('flat JSON lines: the proposal nested as an object, and a bad currency rejected with its field', async () => {
    const file = path.join(db.dir, 'flat.jsonl');
    const call = (id: string, cost: unknown) =>
      JSON.stringify({
        timestamp: '2025-03-04T10:00:00Z',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.id': id,
        'gen_ai.usage.input_tokens': 10,
        'gen_ai.usage.output_tokens': 5,
        gen_ai: { usage: { cost } },
      });
    await fs.writeFile(file, [call('f-1', { amount: '0.125', currency: 'gbp', source: 'provider' }), call('f-2', { amount: 0.2, currency: 'pounds' })].join('\n'));
    const result = await loadUsageFile(db.t.pool, file);
    expect(result).toMatchObject({ status: 'loaded', rows: 1, rejected: 1 });
    expect(await calls()).toEqual([{ event_id: 'f-1', cost: '0.125', currency: 'GBP', cost_source: 'reported', given_by: 'provider', team: null }]);
    const { rows } = await db.t.pool.query('select line, column_name, reason from ingest_rejects');
    expect(rows).toEqual([{ line: '2', column_name: 'gen_ai.usage.cost.currency', reason: 'expected an ISO 4217 currency code such as USD, got "pounds"' }]);
  });
});
