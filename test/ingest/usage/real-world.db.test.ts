/**
 * LLM usage files other tools wrote (test/fixtures/real-world/usage, sources in its README): the
 * rows LiteLLM itself writes to LiteLLM_SpendLogs, and spans OpenLit and OpenLLMetry exported as
 * OTLP/JSON. Expected values are read off the files by hand.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { fileDb } from '../../support/file-db.ts';

const REAL = path.resolve(import.meta.dirname, '../../fixtures/real-world/usage');

const db = fileDb({ truncate: 'llm_usage, llm_usage_ids, ingest_rejects, ingest_loads cascade' });

const calls = async () =>
  (
    await db.t.pool.query(
      `select event_id, provider, model, input_tokens::int, output_tokens::int, cost::text, cost_source, tags->>'model_group' as model_group
       from llm_usage order by event_id, model`,
    )
  ).rows;

describe("LiteLLM's own LiteLLM_SpendLogs rows", () => {
  const rows = async () =>
    (await fs.readFile(path.join(REAL, 'litellm_spendlogs_payloads.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('load with cache_hit "None", the real model, and the router group as a tag', async () => {
    // LiteLLM's test reuses one request_id for three rows; give each its own, as the table's key does.
    const file = path.join(db.dir, 'spendlogs.jsonl');
    await fs.writeFile(file, (await rows()).map((r, i) => JSON.stringify({ ...r, request_id: `${r.request_id}-${i}` })).join('\n'));
    const result = await loadUsageFile(db.t.pool, file);
    expect(result).toMatchObject({ status: 'loaded', rows: 3, rejected: 0, duplicates: 0 });
    expect(await calls()).toEqual([
      {
        event_id: 'chatcmpl-34df56d5-4807-45c1-bb99-61e52586b802-0',
        provider: 'openai',
        model: 'gpt-4o',
        input_tokens: 10,
        output_tokens: 20,
        cost: '0.00022500000000000002',
        cost_source: 'reported',
        model_group: null,
      },
      {
        event_id: 'chatcmpl-34df56d5-4807-45c1-bb99-61e52586b802-1',
        provider: 'anthropic',
        model: 'claude-3-7-sonnet-20250219',
        input_tokens: 2095,
        output_tokens: 503,
        cost: '0.01383',
        cost_source: 'reported',
        model_group: null,
      },
      {
        event_id: 'chatcmpl-34df56d5-4807-45c1-bb99-61e52586b802-2',
        provider: 'anthropic',
        model: 'claude-3-7-sonnet-20250219',
        input_tokens: 2095,
        output_tokens: 503,
        cost: '0.01383',
        cost_source: 'reported',
        model_group: 'my-anthropic-model-group',
      },
    ]);
  });

  it('as written: one request_id three times is one call and two duplicates', async () => {
    const result = await loadUsageFile(db.t.pool, path.join(REAL, 'litellm_spendlogs_payloads.jsonl'));
    expect(result).toMatchObject({ status: 'loaded', rows: 1, rejected: 0, duplicates: 2 });
    expect(await calls()).toMatchObject([{ model: 'gpt-4o', input_tokens: 10, output_tokens: 20, cost: '0.00022500000000000002' }]);
  });
});

describe('OTLP/JSON spans from OpenLit and OpenLLMetry', () => {
  it("read OpenLit's gen_ai.system, token counts and reported gen_ai.usage.cost", async () => {
    const result = await loadUsageFile(db.t.pool, path.join(REAL, 'otlp_openlit_langfuse_fixture.json'));
    expect(result).toMatchObject({ status: 'loaded', rows: 1, rejected: 0 });
    expect(await calls()).toEqual([
      {
        event_id: 'chatcmpl-AugxBIoQzz2zFMWFoiyS3Vmm1OuQI',
        provider: 'openai',
        model: 'gpt-3.5-turbo',
        input_tokens: 14,
        output_tokens: 96,
        cost: '0.000151',
        cost_source: 'reported',
        model_group: null,
      },
    ]);
  });

  it("read OpenLLMetry's prompt/completion token keys and price the call", async () => {
    const result = await loadUsageFile(db.t.pool, path.join(REAL, 'otlp_traceloop_langfuse_fixture.json'));
    expect(result).toMatchObject({ status: 'loaded', rows: 1, rejected: 0, unpriced: 0 });
    expect(await calls()).toMatchObject([{ provider: 'openai', model: 'gpt-3.5-turbo', input_tokens: 14, output_tokens: 173, cost_source: 'priced' }]);
  });
});
