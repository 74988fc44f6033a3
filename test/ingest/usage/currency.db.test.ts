/**
 * The currency of each usage source's costs: the one a record states (OpenAI's `amount.currency`,
 * OTel's `gen_ai.usage.cost.currency`) is kept; a cost stated without one (LiteLLM's spend,
 * Langfuse's costs, an OTel amount alone) is in the load's currency, USD unless `--currency` says
 * otherwise; a priced call is in USD, the price library's currency, whatever the load's.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { runPenny } from '../../support/cli.ts';
import { fileDb } from '../../support/file-db.ts';

const db = fileDb({ truncate: 'llm_usage, llm_usage_ids, ingest_rejects, ingest_loads, cost_rollup_daily, cost_rollup_monthly cascade' });
let file: string;

const T = '2025-03-04T10:00:00Z';
const DAY = Date.parse(T) / 1000;
const RECORDS = [
  // LiteLLM: spend as LiteLLM writes it, no currency; and a spend of 0 (no price known), priced here
  { request_id: 'litellm-1', startTime: T, model: 'gpt-4o', custom_llm_provider: 'openai', spend: 0.5, prompt_tokens: 100, completion_tokens: 20, cache_hit: 'None', status: 'success' },
  { request_id: 'litellm-0', startTime: T, model: 'gpt-4o-mini', custom_llm_provider: 'openai', spend: 0, prompt_tokens: 1000, completion_tokens: 100, cache_hit: 'None', status: 'success' },
  // Langfuse: its costs name no currency
  { id: 'obs-1', traceId: 'trace-1', type: 'GENERATION', startTime: T, model: 'gpt-4o', usageDetails: { input: 100, output: 50 }, costDetails: { total: 0.25 } },
  // OpenAI's costs export: the amount names its currency
  {
    object: 'page',
    data: [
      {
        object: 'bucket',
        start_time: DAY,
        end_time: DAY + 86_400,
        results: [{ object: 'organization.costs.result', amount: { value: 1.5, currency: 'eur' }, line_item: 'gpt-4o-2024-08-06, input', project_id: 'proj' }],
      },
    ],
    has_more: false,
    next_page: null,
  },
  // OpenTelemetry: a cost with its currency, and an amount alone
  {
    timestamp: T,
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.response.id': 'otel-gbp',
    'gen_ai.usage.input_tokens': 10,
    'gen_ai.usage.output_tokens': 5,
    'gen_ai.usage.cost.amount': 0.125,
    'gen_ai.usage.cost.currency': 'gbp',
  },
  {
    timestamp: T,
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.response.id': 'otel-bare',
    'gen_ai.usage.input_tokens': 10,
    'gen_ai.usage.output_tokens': 5,
    'gen_ai.usage.cost.amount': 0.2,
  },
];

beforeAll(async () => {
  file = path.join(db.dir, 'mixed-sources.jsonl');
  await fs.writeFile(file, RECORDS.map((r) => JSON.stringify(r)).join('\n'));
});

/** Each stored call's source, cost and currency. */
async function stored(): Promise<string[][]> {
  const { rows } = await db.t.pool.query<{ source_format: string; event_id: string; cost: string; currency: string; cost_source: string }>(
    'select source_format, event_id, trim_scale(cost)::text as cost, currency, cost_source from llm_usage order by source_format, event_id',
  );
  return rows.map((r) => [r.source_format, r.event_id.replace(/\|.*/, ''), r.cost, r.currency, r.cost_source]);
}

describe('the currency of usage costs', () => {
  it('by default: what a record states, else USD (LiteLLM and Langfuse bill in USD), and USD for priced calls', async () => {
    expect(await loadUsageFile(db.t.pool, file)).toMatchObject({ status: 'loaded', rows: 6, rejected: 0 });
    expect(await stored()).toEqual([
      ['langfuse', 'span:trace-1:obs-1', '0.25', 'USD', 'reported'],
      ['litellm', 'litellm-0', expect.stringMatching(/^0\.000\d+$/), 'USD', 'priced'],
      ['litellm', 'litellm-1', '0.5', 'USD', 'reported'],
      ['openai_costs', 'openai-costs', '1.5', 'EUR', 'reported'],
      ['otel', 'otel-bare', '0.2', 'USD', 'reported'],
      ['otel', 'otel-gbp', '0.125', 'GBP', 'reported'],
    ]);
  });

  it('a load in EUR (a gateway billing in euros): costs stated without a currency are EUR, stated ones and priced ones keep theirs', async () => {
    expect(await loadUsageFile(db.t.pool, file, { currency: 'eur' })).toMatchObject({ status: 'loaded', rows: 6 });
    expect((await stored()).map(([source, id, , currency]) => [source, id, currency])).toEqual([
      ['langfuse', 'span:trace-1:obs-1', 'EUR'],
      ['litellm', 'litellm-0', 'USD'],
      ['litellm', 'litellm-1', 'EUR'],
      ['openai_costs', 'openai-costs', 'EUR'],
      ['otel', 'otel-bare', 'EUR'],
      ['otel', 'otel-gbp', 'GBP'],
    ]);
  });

  it('penny ingest usage --currency takes an ISO 4217 code and refuses anything else before loading', async () => {
    const env = { DATABASE_URL: db.t.url };
    for (const bad of ['EURO', 'ABC', '€']) {
      const r = await runPenny(['ingest', 'usage', '--currency', bad, file], { env });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('--currency');
    }
    expect(await stored()).toEqual([]);
    const ok = await runPenny(['ingest', 'usage', '--currency', 'chf', file, '--json'], { env });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ rows: 6 });
    expect((await stored()).filter(([, , , c]) => c === 'CHF').map(([, id]) => id)).toEqual(['span:trace-1:obs-1', 'litellm-1', 'otel-bare']);
  });
});
