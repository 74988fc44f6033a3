/**
 * OpenAI's organization usage and costs exports (test/fixtures/usage/shapes, sources in its README):
 * buckets stored as aggregates, so calls are counted by requests and money once, in whichever
 * order the two exports arrive; a bucket exported again replaces its row. Questions read them
 * through runCostQuery, from the raw table and from the daily rollup.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refreshAfterLoads } from '../../../src/costs/rollups.ts';
import { runCostQuery } from '../../../src/costs/run.ts';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { fileDb } from '../../support/file-db.ts';

const SHAPES = path.resolve(import.meta.dirname, '../../fixtures/usage/shapes');
const USAGE = path.join(SHAPES, 'openai_usage_completions.json');
const COSTS = path.join(SHAPES, 'openai_costs.json');
const db = fileDb({ truncate: 'llm_usage, llm_usage_ids, ingest_rejects, ingest_loads, cost_rollup_daily, cost_rollup_monthly cascade' });

const rows = async () =>
  (
    await db.t.pool.query(
      `select source_format, ts, model, tags->>'project_id' as project, input_tokens::int, output_tokens::int, cache_read_tokens::int,
            requests::int, trim_scale(cost)::text as cost, currency, cost_source
       from llm_usage order by source_format desc, ts, model nulls first, cost desc`,
    )
  ).rows;
const totals = async () =>
  (await db.t.pool.query(`select count(*)::int as rows, sum(requests)::int as requests, trim_scale(sum(cost))::text as cost, sum(input_tokens)::int as input from llm_usage`)).rows[0];

/** Day 2's gpt-4o-mini bucket, not in the costs file: 12,000 × $0.15/M + 3,000 × $0.60/M. */
const DAY2_PRICED = '0.0036';

describe('OpenAI organization usage (completions)', () => {
  it('one row per bucket result, with its request count; Batch API buckets unpriced with the reason', async () => {
    const result = await loadUsageFile(db.t.pool, USAGE);
    expect(result).toMatchObject({ status: 'loaded', lines: 3, rows: 3, rejected: 0, unpriced: 1, covered: 0, restated: 0 });
    expect(result.unpricedModels).toEqual([{ provider: 'openai', model: 'gpt-4o-2024-08-06', rows: 1, reason: expect.stringContaining('Batch API') }]);
    expect(await rows()).toEqual([
      // 200 × $0.15/M + 800 cached × $0.075/M + 500 × $0.60/M
      {
        source_format: 'openai_usage',
        ts: new Date('2024-11-01T00:00:00Z'),
        model: 'gpt-4o-2024-08-06',
        project: 'proj_abc',
        input_tokens: 2_000_000,
        output_tokens: 100_000,
        cache_read_tokens: 0,
        requests: 1000,
        cost: null,
        currency: 'USD',
        cost_source: 'unpriced',
      },
      {
        source_format: 'openai_usage',
        ts: new Date('2024-11-01T00:00:00Z'),
        model: 'gpt-4o-mini-2024-07-18',
        project: 'proj_abc',
        input_tokens: 1000,
        output_tokens: 500,
        cache_read_tokens: 800,
        requests: 5,
        cost: '0.00039',
        currency: 'USD',
        cost_source: 'priced',
      },
      {
        source_format: 'openai_usage',
        ts: new Date('2024-11-02T00:00:00Z'),
        model: 'gpt-4o-mini-2024-07-18',
        project: 'proj_xyz',
        input_tokens: 12000,
        output_tokens: 3000,
        cache_read_tokens: 0,
        requests: 40,
        cost: DAY2_PRICED,
        currency: 'USD',
        cost_source: 'priced',
      },
    ]);
  });
});

describe('with the costs export', () => {
  it('costs after usage: the money is the costs file’s, the day it covers keeps its tokens and calls at cost 0', async () => {
    await loadUsageFile(db.t.pool, USAGE);
    const costs = await loadUsageFile(db.t.pool, COSTS);
    expect(costs).toMatchObject({ status: 'loaded', rows: 5, rejected: 0, covered: 2 });
    const stored = await rows();
    expect(stored.filter((r) => r.source_format === 'openai_costs').map((r) => [r.model, r.requests, r.cost, r.currency, r.cost_source])).toEqual([
      [null, 0, '0.06', 'USD', 'reported'],
      ['gpt-4o-2024-08-06', 0, '2.5', 'USD', 'reported'],
      ['gpt-4o-2024-08-06', 0, '0.5', 'USD', 'reported'],
      ['gpt-4o-mini-2024-07-18', 0, '0.0003', 'USD', 'reported'],
      ['gpt-4o-mini-2024-07-18', 0, '0.00009', 'USD', 'reported'],
    ]);
    expect(stored.filter((r) => r.source_format === 'openai_usage').map((r) => [r.project, r.cost, r.cost_source])).toEqual([
      ['proj_abc', '0', 'covered'],
      ['proj_abc', '0', 'covered'],
      ['proj_xyz', DAY2_PRICED, 'priced'],
    ]);
    expect(await totals()).toEqual({ rows: 8, requests: 1045, cost: '3.06399', input: 2_013_000 });
  });

  it('usage after costs comes to the same', async () => {
    await loadUsageFile(db.t.pool, COSTS);
    const usage = await loadUsageFile(db.t.pool, USAGE);
    expect(usage).toMatchObject({ status: 'loaded', rows: 3, covered: 2 });
    expect(await totals()).toEqual({ rows: 8, requests: 1045, cost: '3.06399', input: 2_013_000 });
  });

  it('calls and cost questions count requests, not rows, from the raw table and the rollup alike', async () => {
    await loadUsageFile(db.t.pool, COSTS);
    const usage = await loadUsageFile(db.t.pool, USAGE);
    const ask = (metric: string, rollups: boolean) =>
      runCostQuery(db.t.pool, { dataset: 'ai', metric, time: { from: '2024-11-01', to: '2024-11-03' } }, { viewer: { admin: true, teams: [] }, asOf: '2024-11-10', rollups });
    for (const rollups of [false, true]) {
      if (rollups) await refreshAfterLoads(db.t.pool, [usage]);
      const calls = await ask('requests', rollups);
      expect(calls.rollup).toBe(rollups);
      expect(calls.rows[0]).toMatchObject({ requests: 1045 });
      expect(String((await ask('effective_cost', rollups)).rows[0]!.exact)).toMatch(/^3\.06399(0*)$/);
    }
  });
});

describe('a bucket exported again', () => {
  it('replaces its row: the latest export’s figures, one row per bucket', async () => {
    await loadUsageFile(db.t.pool, USAGE);
    const doc = JSON.parse(await fs.readFile(USAGE, 'utf8'));
    // The day-2 bucket grew by the time of the second export.
    Object.assign(doc.data[1].results[0], { input_tokens: 24000, output_tokens: 6000, num_model_requests: 80 });
    const later = path.join(db.dir, 'usage-later.json');
    await fs.writeFile(later, JSON.stringify(doc));
    const again = await loadUsageFile(db.t.pool, later);
    expect(again).toMatchObject({ status: 'loaded', rows: 3, duplicates: 0, restated: 3 });
    expect(await totals()).toEqual({ rows: 3, requests: 1085, cost: '0.00759', input: 2_025_000 });
  });

  it('a result of another kind is rejected with its field; a page of nothing but those fails', async () => {
    const file = path.join(db.dir, 'images.json');
    const page = {
      object: 'page',
      data: [{ object: 'bucket', start_time: 1730419200, end_time: 1730505600, results: [{ object: 'organization.usage.images.result', images: 4, num_model_requests: 4 }] }],
      has_more: false,
      next_page: null,
    };
    await fs.writeFile(file, JSON.stringify(page));
    const result = await loadUsageFile(db.t.pool, file);
    expect(result).toMatchObject({ status: 'failed', rows: 0, rejected: 1 });
    expect(result.error).toMatch(/^every one of its 1 usage records was rejected; the first, line 1, object: not a completions, embeddings or costs result/);
  });
});
