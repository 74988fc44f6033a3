/**
 * Langfuse observations as Langfuse writes them (test/fixtures/usage/shapes, sources in its README):
 * a page of the public API, an older export without usage/cost details, and the blob-storage export
 * of the observations table. Expected values are worked out by hand from the files.
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
      `select event_id, ts, source_format, provider, model, operation, input_tokens::int, output_tokens::int, cache_read_tokens::int,
            cache_write_tokens::int, trim_scale(cost)::text as cost, cost_source, team, feature, environment, status, error_type
       from llm_usage order by ts`,
    )
  ).rows;

describe('Langfuse public API page', () => {
  it('stores the generations with Langfuse’s own cost, prices the one it could not, skips the span', async () => {
    const result = await loadUsageFile(db.t.pool, path.join(SHAPES, 'langfuse_observations_api.json'));
    expect(result).toMatchObject({ status: 'loaded', format: 'json', lines: 3, rows: 3, rejected: 0, skippedSpans: 1, unpriced: 0 });
    const [answer, rerank, failed] = await calls();
    // usageDetails add up to total: input 976 + 1024 cached is 2,000 input tokens.
    expect(answer).toMatchObject({
      event_id: 'span:7a1c9e0f3b2d4c5e8f9a0b1c2d3e4f50:obs-gen-1',
      source_format: 'langfuse',
      provider: 'openai',
      model: 'gpt-4o-mini',
      input_tokens: 2000,
      output_tokens: 150,
      cache_read_tokens: 1024,
      cost: '0.0003132',
      cost_source: 'reported',
      team: 'support',
      feature: 'ticket-answer',
      environment: 'production',
      status: 'ok',
    });
    // costDetails {}: Langfuse had no price; gpt-4o at $2.50/M input and $10/M output.
    expect(rerank).toMatchObject({ model: 'gpt-4o', input_tokens: 800, output_tokens: 12, cost: '0.00212', cost_source: 'priced' });
    expect(failed).toMatchObject({ model: 'gpt-4o-mini', status: 'error', error_type: 'RateLimitError: 429 Too Many Requests', environment: null, cost: '0' });
  });

  it('an older export: usage and calculatedTotalCost; usage counted in characters is not taken for tokens', async () => {
    const result = await loadUsageFile(db.t.pool, path.join(SHAPES, 'langfuse_observations_legacy.json'));
    expect(result).toMatchObject({ status: 'loaded', rows: 2, rejected: 0, unpriced: 1 });
    expect(result.unpricedModels).toEqual([{ provider: null, model: 'text-bison', rows: 1, reason: 'usage counted in characters, not tokens' }]);
    expect(await calls()).toMatchObject([
      { model: 'claude-3-5-sonnet-20241022', provider: 'anthropic', input_tokens: 3000, output_tokens: 400, cost: '0.015', cost_source: 'reported', feature: 'report-builder' },
      { model: 'text-bison', input_tokens: 0, output_tokens: 0, cost: null, cost_source: 'unpriced', feature: 'report-builder' },
    ]);
  });

  it('loading the page again stores nothing', async () => {
    await loadUsageFile(db.t.pool, path.join(SHAPES, 'langfuse_observations_api.json'));
    const again = await loadUsageFile(db.t.pool, path.join(SHAPES, 'langfuse_observations_api.json'));
    expect(again).toMatchObject({ status: 'loaded', rows: 0, duplicates: 3 });
  });
});

describe('Langfuse blob-storage export (JSON lines, snake_case)', () => {
  it('reads ClickHouse times, string counts and Anthropic cache keys; skips the agent observation', async () => {
    const result = await loadUsageFile(db.t.pool, path.join(SHAPES, 'langfuse_observations_blob.jsonl'));
    expect(result).toMatchObject({ status: 'loaded', format: 'jsonl', rows: 2, rejected: 0, skippedSpans: 1 });
    const [claude, embed] = await calls();
    expect(claude).toMatchObject({
      ts: new Date('2025-03-05T08:01:12.345Z'),
      model: 'claude-3-5-sonnet-20241022',
      provider: 'anthropic',
      input_tokens: 3620,
      cache_read_tokens: 3000,
      cache_write_tokens: 500,
      output_tokens: 410,
      cost: '0.009285',
      cost_source: 'reported',
      team: 'support',
    });
    expect(embed).toMatchObject({ model: 'text-embedding-3-small', operation: 'embeddings', input_tokens: 5000, output_tokens: 0, cost: '0.0001', feature: 'indexing' });
  });

  it('a bad value is rejected with its line and field as the file spells it', async () => {
    const file = path.join(db.dir, 'bad.jsonl');
    const lines = (await fs.readFile(path.join(SHAPES, 'langfuse_observations_blob.jsonl'), 'utf8')).trim().split('\n');
    const bad = { ...JSON.parse(lines[0]!), id: 'bad-1', usage_details: { input: 'many' } };
    const noTime = { ...JSON.parse(lines[2]!), id: 'bad-2', start_time: null };
    await fs.writeFile(file, [lines[2], JSON.stringify(bad), JSON.stringify(noTime)].join('\n'));
    const result = await loadUsageFile(db.t.pool, file);
    expect(result).toMatchObject({ status: 'loaded', rows: 1, rejected: 2 });
    const { rows } = await db.t.pool.query('select line::int, column_name, reason from ingest_rejects order by line');
    expect(rows).toEqual([
      { line: 2, column_name: 'usage_details', reason: 'expected input to be a number ≥ 0, got "many"' },
      { line: 3, column_name: 'start_time', reason: 'missing' },
    ]);
  });

  it('a file of spans only stores nothing and fails', async () => {
    const file = path.join(db.dir, 'spans.jsonl');
    const lines = (await fs.readFile(path.join(SHAPES, 'langfuse_observations_blob.jsonl'), 'utf8')).trim().split('\n');
    await fs.writeFile(file, lines[1] + '\n');
    const result = await loadUsageFile(db.t.pool, file);
    expect(result).toMatchObject({ status: 'failed', rows: 0, error: 'no usage records in the file' });
  });
});
