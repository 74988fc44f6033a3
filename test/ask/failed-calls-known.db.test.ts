/**
 * Failed LLM calls where not every source records how a call ended (issue 17). Loaded through the
 * real ingest: LiteLLM spend-log rows (status on each), flat OpenTelemetry spans from an
 * instrumentation that sets no status, and an OpenAI organization usage page (buckets, no status).
 * When no call in scope has a known status the question is declined, naming the sources (the old
 * answer was "0 failed"); when part of the scope does, it is answered over that part and says so.
 * Expected figures are SQL written here by hand.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { loadUsageFile } from '../../src/ingest/usage/load.ts';
import { fileDb } from '../support/file-db.ts';

const f = fileDb();
const ask = (q: string, asOf: string) => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf });
/** "last week" asked on Tuesday 1 September and on Tuesday 15 September 2026. */
const SILENT_WEEK = { asOf: '2026-09-01', sql: "ts >= '2026-08-24' and ts < '2026-08-31'" };
const MIXED_WEEK = { asOf: '2026-09-15', sql: "ts >= '2026-09-07' and ts < '2026-09-14'" };

const write = async (name: string, text: string) => {
  const file = path.join(f.dir, name);
  await fs.writeFile(file, text);
  expect(await loadUsageFile(f.t.pool, file)).toMatchObject({ status: 'loaded', rejected: 0 });
};
const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const span = (day: string, i: number) => ({
  timestamp: `${day}T${String(i % 24).padStart(2, '0')}:00:00Z`,
  'gen_ai.system': 'anthropic',
  'gen_ai.request.model': 'claude-sonnet-4-5',
  'gen_ai.response.id': `msg_${day}_${i}`,
  'gen_ai.usage.input_tokens': 1000,
  'gen_ai.usage.output_tokens': 200,
  team: 'support',
});

beforeAll(async () => {
  const days = (from: number, n: number, month: string) => Array.from({ length: n }, (_, i) => `2026-${month}-${String(from + i).padStart(2, '0')}`);
  // Spans with no status from an instrumentation that sets none: both weeks.
  await write('spans.jsonl', jsonl([...days(25, 4, '08'), ...days(7, 7, '09')].flatMap((d) => [0, 1, 2].map((i) => span(d, i)))));
  // An OpenAI organization usage bucket in the silent week.
  const day = Date.parse('2026-08-26T00:00:00Z') / 1000;
  const result = {
    object: 'organization.usage.completions.result',
    input_tokens: 5000,
    output_tokens: 900,
    input_cached_tokens: 0,
    num_model_requests: 12,
    project_id: 'proj_ops',
    user_id: null,
    api_key_id: null,
    model: 'gpt-4o-mini-2024-07-18',
    batch: false,
  };
  await write('openai-usage.json', JSON.stringify({ object: 'page', data: [{ object: 'bucket', start_time: day, end_time: day + 86_400, results: [result] }], has_more: false, next_page: null }));
  // LiteLLM rows of the search team in the mixed week, one in five failed.
  const rows = days(7, 7, '09').flatMap((d, n) =>
    [0, 1, 2, 3, 4].map((i) => ({
      request_id: `req-${d}-${i}`,
      startTime: `${d}T1${i}:00:00+00:00`,
      model: 'gpt-4o-mini',
      custom_llm_provider: 'openai',
      team_id: 'search',
      spend: 0.002 * (1 + i),
      prompt_tokens: 300,
      completion_tokens: 40,
      status: (n + i) % 5 === 0 ? 'failure' : 'success',
    })),
  );
  await write('litellm.jsonl', jsonl(rows));
}, 120_000);

const one = async (sql: string) => Number((await f.t.pool.query(sql)).rows[0].v);

describe('no call in scope records status', () => {
  it.each(['how many LLM calls failed last week?', 'cost of failed LLM calls last week'])('"%s" is declined, naming the sources', async (q) => {
    const a = await ask(q, SILENT_WEEK.asOf);
    expect(await one(`select count(*) v from llm_usage where ${SILENT_WEEK.sql}`)).toBeGreaterThan(0);
    expect(a.value).toBeNull();
    expect(a.query).toBeNull();
    const spans = await one(`select sum(requests) v from llm_usage where source_format = 'otel' and ${SILENT_WEEK.sql}`);
    expect(a.answer).toContain("don't record whether a call failed");
    expect(a.answer).toContain(`OpenTelemetry spans (${spans} calls)`);
    expect(a.answer).toContain("OpenAI's organization usage export (12 calls)");
  });

  it('near miss: "how many LLM calls last week" counts every call, with nothing said of status', async () => {
    const a = await ask('how many LLM calls last week', SILENT_WEEK.asOf);
    expect(a.value).toBe(await one(`select sum(requests) v from llm_usage where ${SILENT_WEEK.sql}`));
    expect(a.answer).not.toContain('status');
  });
});

describe('part of the scope records status', () => {
  it('"how many LLM calls failed last week" counts the failures among the calls that say, and says over how many', async () => {
    const a = await ask('how many LLM calls failed last week', MIXED_WEEK.asOf);
    const failed = await one(`select count(*) v from llm_usage where status = 'error' and ${MIXED_WEEK.sql}`);
    const known = await one(`select sum(requests) v from llm_usage where status is not null and ${MIXED_WEEK.sql}`);
    const spans = await one(`select sum(requests) v from llm_usage where status is null and ${MIXED_WEEK.sql}`);
    expect(failed).toBeGreaterThan(0);
    expect(a.value).toBe(failed);
    expect(a.answer).toContain(`only among the ${known} calls whose source records status`);
    expect(a.answer).toContain(`OpenTelemetry spans (${spans} calls)`);
  });

  it('"cost of failed LLM calls last week" sums the failures, saying the same', async () => {
    const a = await ask('cost of failed LLM calls last week', MIXED_WEEK.asOf);
    expect(a.value).toBeCloseTo(await one(`select sum(cost) v from llm_usage where status = 'error' and ${MIXED_WEEK.sql}`), 6);
    expect(a.answer).toContain('whose source records status');
  });

  it('a scope whose every call records status says nothing more: failed calls of the search team', async () => {
    const a = await ask('failed LLM calls of the search team last week', MIXED_WEEK.asOf);
    expect(a.value).toBe(await one(`select count(*) v from llm_usage where status = 'error' and team = 'search' and ${MIXED_WEEK.sql}`));
    expect(a.answer).not.toContain('records status');
  });

  it('a scope with only unknown calls declines: failed calls of the support team', async () => {
    const a = await ask('failed LLM calls of the support team last week', MIXED_WEEK.asOf);
    expect(a.value).toBeNull();
    const named = a.answer.split('Sources that do')[0]!;
    expect(named).toContain('OpenTelemetry spans');
    expect(named).not.toContain('LiteLLM');
  });
});
