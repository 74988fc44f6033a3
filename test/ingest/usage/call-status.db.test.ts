/**
 * Whether each stored call's source records how the call ended (issue 17): llm_usage.status is
 * 'ok' or 'error' where the record says, null where it does not. Over the files the tools write
 * (test/fixtures/real-world/usage, test/fixtures/usage/shapes, sources in their READMEs) and
 * hand-made records in their shapes: LiteLLM rows with and without `status`, Langfuse with a level,
 * OpenAI's buckets (never), OTel spans whose file sets a status on some span (its unset spans are
 * successes) or on none (unknown), also when the first status comes in a later chunk.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { fileDb } from '../../support/file-db.ts';

const REAL = path.resolve(import.meta.dirname, '../../fixtures/real-world/usage');
const SHAPES = path.resolve(import.meta.dirname, '../../fixtures/usage/shapes');
const db = fileDb({ truncate: 'llm_usage, llm_usage_ids, ingest_rejects, ingest_loads cascade' });

/** Status per stored call of the load, in time order (then id). */
const statuses = async (loadId: number | undefined) =>
  (await db.t.pool.query<{ status: string | null }>('select status from llm_usage where load_id = $1 order by ts, event_id', [loadId])).rows.map((r) => r.status);

const load = async (file: string, options: { chunkRecords?: number } = {}) => {
  const r = await loadUsageFile(db.t.pool, file, options);
  expect(r).toMatchObject({ status: 'loaded' });
  return r.loadId;
};

const writeJsonl = async (name: string, records: unknown[]) => {
  const file = path.join(db.dir, name);
  await fs.writeFile(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
};

const span = (i: number, extra: Record<string, unknown> = {}) => ({
  timestamp: `2026-09-0${1 + (i % 9)}T10:00:0${i % 10}Z`,
  'gen_ai.system': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.response.id': `chatcmpl-status-${i}-${Object.keys(extra).join('-')}`,
  'gen_ai.usage.input_tokens': 100,
  'gen_ai.usage.output_tokens': 10,
  ...extra,
});

describe('the tools’ own files', () => {
  it('LiteLLM spend logs carry status on each row: known', async () => {
    const s = await statuses(await load(path.join(REAL, 'litellm_spendlogs_payloads.jsonl')));
    expect(s.length).toBeGreaterThan(0);
    expect(new Set(s)).toEqual(new Set(['ok']));
  });

  it('OpenLit sets span status OK: known; OpenLLMetry leaves it unset: unknown', async () => {
    expect(await statuses(await load(path.join(REAL, 'otlp_openlit_langfuse_fixture.json')))).toEqual(['ok']);
    expect(await statuses(await load(path.join(REAL, 'otlp_traceloop_langfuse_fixture.json')))).toEqual([null]);
  });

  it('Langfuse observations carry a level: known, ERROR a failure', async () => {
    expect(await statuses(await load(path.join(SHAPES, 'langfuse_observations_api.json')))).toEqual(['ok', 'ok', 'error']);
  });

  it('OpenAI organization usage and costs buckets record no status: unknown', async () => {
    const usage = await statuses(await load(path.join(SHAPES, 'openai_usage_completions.json')));
    const costs = await statuses(await load(path.join(SHAPES, 'openai_costs.json')));
    expect([...usage, ...costs].length).toBeGreaterThan(3);
    expect(new Set([...usage, ...costs])).toEqual(new Set([null]));
  });
});

describe('records in those shapes', () => {
  it('a LiteLLM row without a status column (older spend logs) is unknown; success and failure are known', async () => {
    const row = (i: number, status?: string) => ({
      request_id: `litellm-status-${i}`,
      startTime: `2026-09-0${i}T10:00:00Z`,
      model: 'gpt-4o-mini',
      custom_llm_provider: 'openai',
      spend: 0.01,
      prompt_tokens: 10,
      completion_tokens: 5,
      ...(status ? { status } : {}),
    });
    const file = await writeJsonl('litellm-mixed.jsonl', [row(1, 'success'), row(2), row(3, 'failure')]);
    expect(await statuses(await load(file))).toEqual(['ok', null, 'error']);
  });

  it('flat OTel spans: a file with no status on any span stays unknown; one error makes its other spans successes', async () => {
    const silent = await writeJsonl(
      'otel-silent.jsonl',
      [0, 1, 2].map((i) => span(i)),
    );
    expect(await statuses(await load(silent))).toEqual([null, null, null]);
    const marked = await writeJsonl('otel-marked.jsonl', [span(3), span(4, { 'error.type': 'RateLimitError' }), span(5)]);
    expect(await statuses(await load(marked))).toEqual(['ok', 'error', 'ok']);
    // An explicit OK is known on its own; UNSET says nothing.
    const explicit = await writeJsonl('otel-explicit.jsonl', [span(6, { 'otel.status_code': 'OK' })]);
    expect(await statuses(await load(explicit))).toEqual(['ok']);
    const unset = await writeJsonl('otel-unset.jsonl', [span(7, { 'otel.status_code': 'UNSET' })]);
    expect(await statuses(await load(unset))).toEqual([null]);
  });

  it('a status first seen in a later chunk makes the earlier chunks’ unset spans of the file successes', async () => {
    const silent = await load(await writeJsonl('otel-silent-2.jsonl', [span(30), span(31)]));
    // Chunks end between the file's read batches (1 MiB): 2,000 spans padded with a prompt (never
    // stored) to 2 KB are four.
    const n = 2000;
    const prompt = 'x'.repeat(2000);
    const records = Array.from({ length: n }, (_, i) => span(100 + i, i === n - 1 ? { 'otel.status_code': 'ERROR' } : { 'gen_ai.prompt.0.content': prompt }));
    const file = await writeJsonl('otel-late.jsonl', records);
    const id = await load(file, { chunkRecords: 100 });
    const { rows } = await db.t.pool.query('select status, count(*)::int as n from llm_usage where load_id = $1 group by 1 order by 1', [id]);
    expect(rows).toEqual([
      { status: 'error', n: 1 },
      { status: 'ok', n: n - 1 },
    ]);
    // Another load's unknown spans, on days this file also has, are not touched by its status.
    expect(await statuses(silent)).toEqual([null, null]);
  });
});
