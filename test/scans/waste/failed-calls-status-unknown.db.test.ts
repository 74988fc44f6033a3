/**
 * The failed-calls check counts its share among the calls whose source records status: calls of
 * the same provider, model, team and feature from a source that records none (OpenTelemetry spans
 * with no status set anywhere in their file) are not successes. LiteLLM rows (status on each) and
 * silent spans are loaded through the real ingest.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Finding } from '../../../src/findings/finding.ts';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { runScans } from '../../../src/scans/run.ts';
import { fileDb } from '../../support/file-db.ts';

const AS_OF = '2026-10-31';
const f = fileDb();
let found: Finding[];

const write = async (name: string, records: unknown[]) => {
  const file = path.join(f.dir, name);
  await fs.writeFile(file, records.map((r) => JSON.stringify(r)).join('\n'));
  expect(await loadUsageFile(f.t.pool, file)).toMatchObject({ status: 'loaded', rejected: 0 });
};

beforeAll(async () => {
  const at = (i: number) => `2026-10-${String(10 + i).padStart(2, '0')}T12:00:00Z`;
  // 10 LiteLLM calls, 2 failed.
  await write(
    'litellm.jsonl',
    Array.from({ length: 10 }, (_, i) => ({
      request_id: `ll-${i}`,
      startTime: at(i),
      model: 'gpt-4o-mini',
      custom_llm_provider: 'openai',
      team_id: 'search',
      request_tags: ['feature:agent'],
      spend: 20,
      prompt_tokens: 100,
      completion_tokens: 10,
      status: i < 2 ? 'failure' : 'success',
    })),
  );
  // 30 spans of the same model, team and feature whose instrumentation sets no status.
  await write(
    'spans.jsonl',
    Array.from({ length: 30 }, (_, i) => ({
      timestamp: at(i % 10).replace('12:00', `13:${String(i).padStart(2, '0')}`),
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.id': `span-call-${i}`,
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.output_tokens': 10,
      'gen_ai.usage.cost': 20,
      team: 'search',
      feature: 'agent',
    })),
  );
  const { findings } = await runScans(f.t.pool, { kinds: ['waste'], asOf: AS_OF, params: { waste: { checks: ['failed_calls'] } } });
  found = findings.filter((x) => x.type === 'failed_calls');
}, 120_000);

it('gives the failed share of the calls whose status is known, and says how many record none', async () => {
  const { rows } = await f.t.pool.query('select provider, model, team, feature, count(*)::int as n from llm_usage group by 1, 2, 3, 4');
  expect(rows).toEqual([{ provider: 'openai', model: 'gpt-4o-mini', team: 'search', feature: 'agent', n: 40 }]);
  expect(found).toHaveLength(1);
  const [x] = found;
  expect(x!.actual).toBeCloseTo(2 / 10, 9);
  expect(x!.evidence).toMatchObject({ calls: 10, failed: 2, statusUnknownCalls: 30 });
  expect(x!.title).toContain('(20 %)');
  expect(String(x!.evidence.basis)).toContain('30 more record none');
});
