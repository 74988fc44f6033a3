/**
 * LLM calls for failure-rate tests, loaded through the real usage ingest: OpenTelemetry spans from
 * an instrumentation that records no status, and LiteLLM spend-log rows that each record theirs.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import type { FileDb } from '../../support/file-db.ts';

/** Writes `records` as a JSON-lines file in the test's directory and loads it, every record taken. */
export async function loadCalls(f: FileDb, name: string, records: unknown[]): Promise<void> {
  const file = path.join(f.dir, name);
  await fs.writeFile(file, records.map((r) => JSON.stringify(r)).join('\n'));
  expect(await loadUsageFile(f.t.pool, file)).toMatchObject({ status: 'loaded', rejected: 0 });
}

/** `n` days of 2026 from `month`-`from`, as YYYY-MM-DD. */
export const days = (month: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `2026-${month}-${String(from + i).padStart(2, '0')}`);

/** A span of the support team's claude-sonnet-4-5 calls on `day`, with no status. */
export const silentSpan = (day: string, i: number) => ({
  timestamp: `${day}T0${i}:30:00Z`,
  'gen_ai.system': 'anthropic',
  'gen_ai.request.model': 'claude-sonnet-4-5',
  'gen_ai.response.id': `msg_${day}_${i}`,
  'gen_ai.usage.input_tokens': 800,
  'gen_ai.usage.output_tokens': 100,
  team: 'support',
});

/** The search team's `i`th LiteLLM call of `day` on `model`, failed or not. */
export const litellmCall = (day: string, i: number, model: string, failed: boolean) => ({
  request_id: `req-${day}-${i}`,
  startTime: `${day}T1${i}:00:00+00:00`,
  model,
  custom_llm_provider: 'openai',
  team_id: 'search',
  spend: 0.001 * (1 + i),
  prompt_tokens: 200,
  completion_tokens: 30,
  status: failed ? 'failure' : 'success',
});
