/**
 * Estimates from real usage history: calls ingested through the real usage loader into Postgres,
 * then reviewed as of a date, so only the 30 days before it count.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadUsageFile } from '../../src/ingest/usage/load.ts';
import { parseConfig } from '../../src/review/config.ts';
import { loadHistory } from '../../src/review/history.ts';
import { reviewDiff } from '../../src/review/review.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/review');
let t: TestDb;
let dir: string;

/** 100 query-rewrite calls on gpt-4o-mini in January, one in November, and 50 of another feature. */
function usageLines(): string {
  const call = (i: number, ts: string, feature: string, model: string, input: number, output: number) =>
    JSON.stringify({
      timestamp: ts,
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': model,
      'gen_ai.response.id': `r-${feature}-${i}`,
      'gen_ai.usage.input_tokens': input,
      'gen_ai.usage.output_tokens': output,
      feature,
      team: 'search',
    });
  const lines = Array.from({ length: 100 }, (_, i) => call(i, `2026-01-${String(1 + (i % 19)).padStart(2, '0')}T10:00:00Z`, 'query-rewrite', 'gpt-4o-mini', i % 2 ? 900 : 1100, i % 2 ? 80 : 120));
  lines.push(call(100, '2025-11-20T10:00:00Z', 'query-rewrite', 'gpt-4o-mini', 1000, 100));
  for (let i = 0; i < 50; i++) lines.push(call(101 + i, '2026-01-10T10:00:00Z', 'fraud-triage', 'gpt-4o', 380, 3));
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  t = await createTestDb();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'penny-review-'));
  const file = path.join(dir, 'calls.jsonl');
  await fs.writeFile(file, usageLines());
  const r = await loadUsageFile(t.pool, file);
  expect(r.rows).toBe(151);
});
afterAll(async () => {
  await t?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const perCall = (model: string, input: number, output: number) => calcPrice({ input_tokens: input, output_tokens: output }, model, { timestamp: new Date('2026-01-20T00:00:00Z') })!.total_price;

it('loads the 30 days before asOf per feature and model', async () => {
  const h = await loadHistory(t.pool, '2026-01-20', 5000);
  expect(h).toMatchObject({ from: '2025-12-21', to: '2026-01-20' });
  expect(h.features.get('query-rewrite')).toEqual([{ provider: 'openai', model: 'gpt-4o-mini', calls: 100, inputTokens: 100_000, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 10_000 }]);
  expect(h.features.get('fraud-triage')?.[0]?.calls).toBe(50);
  const before = await loadHistory(t.pool, '2025-12-01', 5000);
  expect(before.features.get('query-rewrite')?.[0]?.calls).toBe(1);
});

it('reprices the feature’s real calls for a model swap, preferring history over assumptions', async () => {
  const config = parseConfig('features:\n  - feature: query-rewrite\n    paths: ["services/search/**"]\n    usage: { calls_per_month: 999999, input_tokens_per_call: 1, output_tokens_per_call: 1 }\n');
  const diff = await fs.readFile(path.join(FIXTURES, 'model-swap.diff'), 'utf8');
  const history = await loadHistory(t.pool, '2026-01-20', 5000);
  const r = await reviewDiff({ diff, config, history, asOf: '2026-01-20' });
  const model = r.items.find((i) => i.kind === 'model')!;
  expect(model).toMatchObject({ basis: 'history', feature: 'query-rewrite' });
  expect(model.monthlyDelta).toBeCloseTo(100 * (perCall('gpt-4o', 1000, 100) - perCall('gpt-4o-mini', 1000, 100)), 2);
  expect(model.note).toContain('100 calls of query-rewrite from 2025-12-21 to before 2026-01-20');
  const limit = r.items.find((i) => i.kind === 'output-limit')!;
  expect(limit).toMatchObject({ basis: 'upper bound' });
  expect(limit.monthlyDelta).toBeCloseTo(100 * (perCall('gpt-4o', 1000, 400) - perCall('gpt-4o', 1000, 100)), 2);
});

it('finds the feature from a path segment named like a feature in the usage data', async () => {
  const diff = ['--- a/apps/fraud_triage/classify.py', '+++ b/apps/fraud_triage/classify.py', '@@ -1,2 +1,2 @@', ' client = OpenAI()', '-MODEL = "gpt-4o"', '+MODEL = "gpt-4o-mini"'].join('\n');
  const r = await reviewDiff({ diff, config: parseConfig(''), history: await loadHistory(t.pool, '2026-01-20', 5000), asOf: '2026-01-20' });
  expect(r.items[0]).toMatchObject({ kind: 'model', before: 'gpt-4o', after: 'gpt-4o-mini', basis: 'history', feature: 'fraud-triage' });
  expect(r.items[0]!.monthlyDelta).toBeCloseTo(50 * (perCall('gpt-4o-mini', 380, 3) - perCall('gpt-4o', 380, 3)), 2);
  expect(r.items[0]!.monthlyDelta).toBeLessThan(0);
});
