/**
 * Failure rates of LLM calls (issue 17): "error rate", "failure rate by model", "what % of calls
 * failed", and "calls by status", once declined. Calls come through the real ingest: LiteLLM
 * spend-log rows (each with its status) of two models, and OpenTelemetry spans from an
 * instrumentation that records no status, which are in neither side of the rate. Expected figures
 * are SQL written here by hand over llm_usage.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { fileDb } from '../support/file-db.ts';
import { days, litellmCall, loadCalls, silentSpan } from './support/status-calls.ts';

const f = fileDb();
const ask = (q: string, asOf: string) => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf });
/** "last week" asked on Tuesday 15 September 2026 (LiteLLM and spans) and on Tuesday 1 September (spans only). */
const WEEK = "ts >= '2026-09-07' and ts < '2026-09-14'";
const [MIXED, SILENT] = ['2026-09-15', '2026-09-01'];

beforeAll(async () => {
  await loadCalls(
    f,
    'spans.jsonl',
    [...days('08', 24, 7), ...days('09', 7, 7)].flatMap((d) => [0, 1].map((i) => silentSpan(d, i))),
  );
  // Two models: gpt-4o fails one call in three, gpt-4o-mini one in seven.
  await loadCalls(
    f,
    'litellm.jsonl',
    days('09', 7, 7).flatMap((d, n) =>
      [0, 1, 2, 3, 4, 5].map((i) => {
        const model = i % 2 === 0 ? 'gpt-4o' : 'gpt-4o-mini';
        return litellmCall(d, i, model, model === 'gpt-4o' ? (n + i) % 3 === 0 : (n * 6 + i) % 7 === 0);
      }),
    ),
  );
}, 120_000);

const rows = async (sql: string) => (await f.t.pool.query(sql)).rows;
const num = async (sql: string) => Number((await rows(sql))[0].v);

describe('failure rate over the calls whose status is known', () => {
  it.each(['what is the error rate of LLM calls last week?', 'what % of calls failed last week', 'LLM failure rate last week'])('"%s"', async (q) => {
    const a = await ask(q, MIXED);
    const failed = await num(`select sum(requests) v from llm_usage where status = 'error' and ${WEEK}`);
    const known = await num(`select sum(requests) v from llm_usage where status is not null and ${WEEK}`);
    const unknown = await num(`select sum(requests) v from llm_usage where status is null and ${WEEK}`);
    expect(failed).toBeGreaterThan(0);
    expect(unknown).toBeGreaterThan(0);
    expect(a.unit).toBe('ratio');
    expect(a.value).toBeCloseTo(failed / known, 10);
    expect(a.answer).toContain(`${((failed / known) * 100).toFixed(1)}% (${failed} failed of ${known} calls whose source records status)`);
    expect(a.answer).toContain(`OpenTelemetry spans (${unknown} calls)`);
  });

  it('"failure rate by model last week" gives each model its rate; a model with no known status has none', async () => {
    const a = await ask('failure rate by model last week', MIXED);
    const truth = await rows(
      `select model, sum(requests) filter (where status = 'error')::int failed, sum(requests)::int known from llm_usage where status is not null and ${WEEK} group by model order by model`,
    );
    expect(truth).toHaveLength(2);
    expect(a.value).toBeNull();
    const got = [...a.rows].sort((x, y) => String(x.model).localeCompare(String(y.model)));
    expect(got.map((r) => [r.model, r.part, r.whole])).toEqual(truth.map((r) => [r.model, r.failed, r.known]));
    for (const r of got) expect(r.share).toBeCloseTo(Number(r.part) / Number(r.whole), 10);
    expect(a.answer).not.toContain('claude-sonnet-4-5');
    expect(a.answer).toContain('whose source records status');
  });

  it('the error rate of a team whose every call records status says no more', async () => {
    const a = await ask('error rate for the search team last week', MIXED);
    const v = await num(`select sum(requests) filter (where status = 'error')::float / sum(requests) v from llm_usage where team = 'search' and ${WEEK}`);
    expect(a.value).toBeCloseTo(v, 10);
    expect(a.answer).not.toContain('OpenTelemetry');
  });

  it('a week when no call records status is declined, naming the source', async () => {
    const a = await ask('error rate last week', SILENT);
    expect(a.value).toBeNull();
    expect(a.answer).toContain("don't record whether a call failed");
    expect(a.answer).toContain('OpenTelemetry spans');
  });

  it('"calls by status last week": a row per status, the spans under no status', async () => {
    const a = await ask('calls by status last week', MIXED);
    const truth = await rows(`select status, sum(requests)::int v from llm_usage where ${WEEK} group by status`);
    expect(a.query?.groupBy).toEqual(['call_status']);
    expect(a.rows.map((r) => [r.call_status, r.requests]).sort()).toEqual(truth.map((r) => [r.status, r.v]).sort());
    expect(a.answer).toContain('whose source records status');
  });
});
