/**
 * Loading LLM usage into PostgreSQL: the same calls in three formats, pricing with cached tokens
 * (also on genai-prices' own corpus of real usage bodies), unpriced models, and idempotency.
 */
import path from 'node:path';
import fs from 'node:fs/promises';
import { calcPrice } from '@pydantic/genai-prices';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { toScaled } from '../../support/decimal.ts';
import { tempDir } from '../../support/focus-sample.ts';
import { AT, atto, runCorpus } from '../../prices/usage-corpus.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/usage');
const fixture = (name: string) => path.join(FIXTURES, name);
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
beforeEach(async () => {
  await t.pool.query('truncate llm_usage, llm_usage_ids, ingest_rejects, ingest_loads cascade');
});

const writeJsonl = async (name: string, records: unknown[]) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
};

/** What must agree between formats, per call in time order. */
async function stored() {
  const { rows } = await t.pool.query(
    `select ts, provider, model, operation, input_tokens::int, output_tokens::int, cache_read_tokens::int, cache_write_tokens::int, reasoning_tokens::int,
            cost::text, team, feature, customer, environment, task_id, status, duration_ms
       from llm_usage order by ts`,
  );
  return rows.map((r) => ({ ...r, cost: r.cost === null ? null : toScaled(r.cost) }));
}

describe('the same calls as OTLP/JSON, flat OTel JSONL and LiteLLM spend logs', () => {
  it('store the same tokens, cost and attribution', async () => {
    const results = [];
    const byFormat = [];
    for (const name of ['calls.otlp.json', 'calls.otel.jsonl', 'calls.litellm.jsonl']) {
      await t.pool.query('truncate llm_usage, llm_usage_ids');
      results.push(await loadUsageFile(t.pool, fixture(name)));
      byFormat.push(await stored());
    }
    for (const r of results) expect(r).toMatchObject({ status: 'loaded', lines: 6, rows: 6, rejected: 0, duplicates: 0, unpriced: 0 });
    expect(results[0]!.skippedSpans).toBe(2);
    const [otlp, flat, litellm] = byFormat;
    expect(otlp).toHaveLength(6);
    expect(flat).toEqual(otlp);
    // LiteLLM's spend is its own (reported) cost; the fixture's spend is what genai-prices charges.
    // Its model is the deployment's real model (OTel's response model), never the router's alias.
    expect(litellm!.map((c) => c.model)).toEqual(['gpt-4o-2024-08-06', 'claude-sonnet-4-5-20250929', 'o3-mini-2025-01-31', 'gemini-2.0-flash', 'gpt-4o-mini', 'text-embedding-3-small']);
    expect(litellm).toEqual(otlp!.map((c, i) => ({ ...c, model: litellm![i]!.model })));
    // LiteLLM says success or failure on each row; the spans set a status only on the failed call,
    // which shows their instrumentation records failures: its unset spans are successes.
    expect(otlp!.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'error', 'ok']);
    expect(otlp![0]).toMatchObject({ team: 'search', feature: 'autocomplete', customer: 'acme', environment: 'prod', task_id: 'task-1001', cache_read_tokens: 1024 });
    expect(otlp![4]).toMatchObject({ status: 'error', cost: 0n });
  });

  it('record where each cost came from', async () => {
    await loadUsageFile(t.pool, fixture('calls.otel.jsonl'));
    await t.pool.query('truncate llm_usage_ids');
    await loadUsageFile(t.pool, fixture('calls.litellm.jsonl'));
    const { rows } = await t.pool.query('select source_format, cost_source, count(*)::int as n from llm_usage group by 1, 2 order by 1');
    expect(rows).toEqual([
      { source_format: 'litellm', cost_source: 'reported', n: 6 },
      { source_format: 'otel', cost_source: 'priced', n: 6 },
    ]);
  });
});

describe('pricing through the ingest path', () => {
  it('prices OpenAI cached input and Anthropic cache reads and writes as genai-prices does', async () => {
    await loadUsageFile(t.pool, fixture('calls.otel.jsonl'));
    const cost = async (id: string) => toScaled((await t.pool.query('select cost::text from llm_usage where event_id = $1', [id])).rows[0].cost);
    const at = new Date('2026-01-15T10:00:00Z');
    const lib = (usage: Parameters<typeof calcPrice>[0], model: string, providerId: string) => toScaled(calcPrice(usage, model, { providerId, timestamp: at })!.total_price.toFixed(10));
    expect(await cost('chatcmpl-Penny0001')).toBe(lib({ input_tokens: 2400, cache_read_tokens: 1024, output_tokens: 180 }, 'gpt-4o-2024-08-06', 'openai'));
    expect(await cost('msg_01PennyAnthropic02')).toBe(lib({ input_tokens: 4700, cache_read_tokens: 3000, cache_write_tokens: 1200, output_tokens: 420 }, 'claude-sonnet-4-5-20250929', 'anthropic'));
    // Cached tokens are cheaper: the same call without caching costs more.
    expect(await cost('chatcmpl-Penny0001')).toBeLessThan(lib({ input_tokens: 2400, output_tokens: 180 }, 'gpt-4o-2024-08-06', 'openai'));
  });

  it('reads Anthropic-style counts (cache tokens on top of input) as the same call', async () => {
    const file = await writeJsonl('exclusive.jsonl', [
      {
        timestamp: '2026-01-15T10:00:05.100Z',
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.request.model': 'claude-sonnet-4-5-20250929',
        'gen_ai.response.id': 'msg_exclusive',
        'gen_ai.usage.input_tokens': 500,
        'gen_ai.usage.output_tokens': 420,
        'gen_ai.usage.cache_read_input_tokens': 3000,
        'gen_ai.usage.cache_creation_input_tokens': 1200,
      },
    ]);
    await loadUsageFile(t.pool, file);
    const { rows } = await t.pool.query('select input_tokens::int, cost::text from llm_usage');
    expect(rows).toEqual([{ input_tokens: 4700, cost: '0.0132000000' }]);
  });

  it('matches genai-prices’ expected prices on its corpus of real cached-token usage bodies', async () => {
    const checks = runCorpus().passed.filter((c) => (c.kind === 'anthropic' || c.kind.startsWith('openai')) && (c.cacheRead || c.cacheWrite));
    expect(new Set(checks.map((c) => c.kind))).toEqual(new Set(['anthropic', 'openai-chat', 'openai-responses']));
    expect(checks.some((c) => c.kind === 'anthropic' && c.cacheWrite)).toBe(true);
    const lines = checks.map((c, i) => ({
      timestamp: AT.toISOString(),
      'gen_ai.provider.name': c.target.split('→')[0],
      'gen_ai.request.model': c.model,
      'gen_ai.response.id': `corpus-${i}`,
      'gen_ai.usage.input_tokens': c.extractedUsage.input_tokens ?? 0,
      'gen_ai.usage.output_tokens': c.extractedUsage.output_tokens ?? 0,
      'gen_ai.usage.cache_read.input_tokens': c.extractedUsage.cache_read_tokens,
      'gen_ai.usage.cache_creation.input_tokens': c.extractedUsage.cache_write_tokens,
      'gen_ai.usage.reasoning.output_tokens': c.extractedUsage.output_reasoning_tokens,
    }));
    const r = await loadUsageFile(t.pool, await writeJsonl('corpus.jsonl', lines));
    expect(r).toMatchObject({ rows: checks.length, rejected: 0, unpriced: 0 });
    const { rows } = await t.pool.query<{ event_id: string; cost: string }>('select event_id, cost::text from llm_usage');
    const got = new Map(rows.map((x) => [x.event_id, atto(x.cost)]));
    const off = checks.filter((c, i) => {
      const diff = got.get(`corpus-${i}`)! - c.want;
      return (diff < 0n ? -diff : diff) > atto('1e-9');
    });
    expect(off.map((c) => `${c.target} ${c.model}`)).toEqual([]);
  });
});

describe('unpriced calls', () => {
  it('are stored with a null cost, counted and listed by model, never dropped', async () => {
    const file = await writeJsonl('unknown.jsonl', [
      {
        timestamp: '2026-01-15T10:00:00Z',
        'gen_ai.provider.name': 'vllm',
        'gen_ai.request.model': 'acme-support-7b',
        'gen_ai.response.id': 'u1',
        'gen_ai.usage.input_tokens': 900,
        'gen_ai.usage.output_tokens': 80,
      },
      {
        timestamp: '2026-01-15T10:00:01Z',
        'gen_ai.provider.name': 'vllm',
        'gen_ai.request.model': 'acme-support-7b',
        'gen_ai.response.id': 'u2',
        'gen_ai.usage.input_tokens': 700,
        'gen_ai.usage.output_tokens': 60,
      },
      {
        timestamp: '2026-01-15T10:00:02Z',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-9-ultra',
        'gen_ai.response.id': 'u3',
        'gen_ai.usage.input_tokens': 10,
        'gen_ai.usage.output_tokens': 1,
      },
      {
        timestamp: '2026-01-15T10:00:03Z',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.response.id': 'u4',
        'gen_ai.usage.input_tokens': 10,
        'gen_ai.usage.output_tokens': 1,
      },
    ]);
    const r = await loadUsageFile(t.pool, file);
    expect(r).toMatchObject({ rows: 4, unpriced: 3 });
    expect(r.unpricedModels).toEqual([
      { provider: 'vllm', model: 'acme-support-7b', rows: 2, reason: expect.stringMatching(/unknown provider 'vllm'/) },
      { provider: 'openai', model: 'gpt-9-ultra', rows: 1, reason: expect.stringMatching(/no price for model 'gpt-9-ultra'/) },
    ]);
    const { rows } = await t.pool.query("select event_id, cost, cost_source, input_tokens::int from llm_usage where cost_source = 'unpriced' order by event_id");
    expect(rows).toEqual([
      { event_id: 'u1', cost: null, cost_source: 'unpriced', input_tokens: 900 },
      { event_id: 'u2', cost: null, cost_source: 'unpriced', input_tokens: 700 },
      { event_id: 'u3', cost: null, cost_source: 'unpriced', input_tokens: 10 },
    ]);
  });
});

describe('duplicates', () => {
  const snapshot = async () => (await t.pool.query('select * from llm_usage order by event_id')).rows;

  it('re-ingesting a file stores nothing and changes nothing', async () => {
    const first = await loadUsageFile(t.pool, fixture('calls.otlp.json'));
    const before = await snapshot();
    const again = await loadUsageFile(t.pool, fixture('calls.otlp.json'));
    expect(first).toMatchObject({ rows: 6, duplicates: 0 });
    expect(again).toMatchObject({ status: 'loaded', rows: 0, duplicates: 6, lines: 6, unpriced: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('counts a call repeated inside one file once, and a call the gateway also logged as a duplicate', async () => {
    const lines = (await fs.readFile(fixture('calls.otel.jsonl'), 'utf8')).trim().split('\n');
    const file = path.join(dir, 'repeated.jsonl');
    await fs.writeFile(file, [...lines, lines[0], lines[3]].join('\n') + '\n');
    const r = await loadUsageFile(t.pool, file);
    expect(r).toMatchObject({ lines: 8, rows: 6, duplicates: 2 });
    // LiteLLM's request_id is the provider's response id: the same calls, seen by the gateway.
    const gateway = await loadUsageFile(t.pool, fixture('calls.litellm.jsonl'));
    expect(gateway).toMatchObject({ lines: 6, rows: 1, duplicates: 5 }); // the failed call has no response id in OTel
  });

  it('finds duplicates across the chunks a long file is stored in', async () => {
    const lines = (await fs.readFile(fixture('calls.otel.jsonl'), 'utf8')).trim().split('\n');
    const file = path.join(dir, 'chunked.jsonl');
    await fs.writeFile(file, [...lines, ...lines.slice(0, 3)].join('\n'));
    const r = await loadUsageFile(t.pool, file, { chunkRecords: 2 });
    expect(r).toMatchObject({ lines: 9, rows: 6, duplicates: 3 });
    expect((await t.pool.query('select count(*)::int as n from llm_usage')).rows[0].n).toBe(6);
  });

  it('gives records without any id a content-derived id: identical calls both kept, re-ingest idempotent', async () => {
    const call = { timestamp: '2026-01-15T10:00:00Z', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 1, feature: 'classify' };
    const file = await writeJsonl('no-ids.jsonl', [call, call, { ...call, feature: 'other' }]);
    expect(await loadUsageFile(t.pool, file)).toMatchObject({ rows: 3, duplicates: 0 });
    expect(await loadUsageFile(t.pool, file)).toMatchObject({ rows: 0, duplicates: 3 });
    const longer = await writeJsonl('no-ids-longer.jsonl', [call, call, { ...call, feature: 'other' }, call]);
    expect(await loadUsageFile(t.pool, longer)).toMatchObject({ rows: 1, duplicates: 3 });
  });
});
