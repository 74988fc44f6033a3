/**
 * Failed LLM calls: llm_usage keeps each call's status (a LiteLLM log's "failure" is stored as
 * error), so "how many LLM calls failed", "cost of failed calls" and "failed requests by model"
 * count and sum the failed calls, against SQL written here by hand; the near miss, all calls,
 * counts every call.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { loadUsageFile } from '../../src/ingest/usage/load.ts';
import { fileDb } from '../support/file-db.ts';

const f = fileDb();
const AS_OF = '2026-09-15';
const ask = (q: string) => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf: AS_OF });
const WEEK = "ts >= '2026-09-07' and ts < '2026-09-14'";

beforeAll(async () => {
  const calls = [];
  for (let i = 0; i < 60; i++) {
    const at = `2026-09-${String(1 + (i % 14)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00+00:00`;
    const model = i % 3 === 0 ? 'gpt-4o' : 'gpt-4o-mini';
    calls.push({
      request_id: `r-${i}`,
      startTime: at,
      model,
      custom_llm_provider: 'openai',
      team_id: i % 2 ? 'search' : 'support',
      spend: 0.01 * (1 + (i % 7)),
      prompt_tokens: 100,
      completion_tokens: 10,
      status: i % 5 === 0 ? 'failure' : 'success',
    });
  }
  const file = path.join(f.dir, 'litellm.jsonl');
  await fs.writeFile(file, calls.map((c) => JSON.stringify(c)).join('\n'));
  expect(await loadUsageFile(f.t.pool, file)).toMatchObject({ status: 'loaded', rejected: 0 });
}, 120_000);

const one = async (sql: string) => Number((await f.t.pool.query(sql)).rows[0].v);

it.each(['how many LLM calls failed last week?', 'number of failed llm calls last week', 'how many requests errored last week'])('"%s" counts the failed calls', async (q) => {
  const a = await ask(q);
  const want = await one(`select count(*) v from llm_usage where status = 'error' and ${WEEK}`);
  expect(want).toBeGreaterThan(0);
  expect(a.value).toBe(want);
  expect(a.unit).toBe('requests');
});

it('"cost of failed LLM calls last week" sums their cost', async () => {
  const a = await ask('cost of failed LLM calls last week');
  expect(a.value).toBeCloseTo(await one(`select sum(cost) v from llm_usage where status = 'error' and ${WEEK}`), 6);
});

it('"failed requests by model last week" counts per model', async () => {
  const a = await ask('failed requests by model last week');
  const { rows } = await f.t.pool.query(`select model k, count(*)::int v from llm_usage where status = 'error' and ${WEEK} group by 1`);
  expect(new Map(a.rows.map((r) => [r.model, r.requests]))).toEqual(new Map(rows.map((r) => [r.k, r.v])));
});

it('near miss: "how many LLM calls last week" counts every call', async () => {
  const a = await ask('how many LLM calls last week');
  expect(a.value).toBe(await one(`select count(*) v from llm_usage where ${WEEK}`));
  expect(a.value).toBeGreaterThan(await one(`select count(*) v from llm_usage where status = 'error' and ${WEEK}`));
});
