/**
 * Failure rates of LLM calls over time and against another period (issue 17): "error rate by
 * week", "failure rate trend last month", "error rate this week vs last week", "did our error rate
 * go up?", once declined. Calls come through the real ingest: LiteLLM spend-log rows over two weeks
 * (more failures in the second), and OpenTelemetry spans from an instrumentation that records no
 * status, in neither side of a rate. Expected figures are SQL written here by hand over llm_usage.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { fileDb } from '../support/file-db.ts';
import { days, litellmCall, loadCalls, silentSpan } from './support/status-calls.ts';

const f = fileDb();
const ask = (q: string, asOf: string) => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf });
const [FIRST, SECOND] = ["ts >= '2026-09-07' and ts < '2026-09-14'", "ts >= '2026-09-14' and ts < '2026-09-21'"];

beforeAll(async () => {
  await loadCalls(
    f,
    'spans.jsonl',
    [...days('08', 24, 7), ...days('09', 7, 7)].map((d) => silentSpan(d, 1)),
  );
  // gpt-4o fails one call in three the first week, one in two the second; gpt-4o-mini one in seven throughout.
  await loadCalls(
    f,
    'litellm.jsonl',
    days('09', 7, 14).flatMap((d, n) =>
      [0, 1, 2, 3, 4, 5].map((i) => {
        const model = i % 2 === 0 ? 'gpt-4o' : 'gpt-4o-mini';
        return litellmCall(d, i, model, model === 'gpt-4o' ? (n + i) % (n < 7 ? 3 : 2) === 0 : (n * 6 + i) % 7 === 0);
      }),
    ),
  );
}, 120_000);

const rows = async (sql: string) => (await f.t.pool.query(sql)).rows;
/** Failed and known calls per bucket of `unit`, the buckets in order. */
const perBucket = (unit: string, where: string) =>
  rows(
    `select to_char(date_trunc('${unit}', ts at time zone 'UTC'), 'YYYY-MM-DD') k, coalesce(sum(requests) filter (where status = 'error'), 0)::int failed, sum(requests)::int known
       from llm_usage where status is not null and ${where} group by 1 order by 1`,
  );
const counts = async (where: string) =>
  (await rows(`select coalesce(sum(requests) filter (where status = 'error'), 0)::int failed, sum(requests)::int known from llm_usage where status is not null and ${where}`))[0];

describe('the failure rate over time: a rate per period', () => {
  it('"error rate by week in september": each week its failed calls over its calls with a known status', async () => {
    const a = await ask('error rate by week in september', '2026-10-05');
    const truth = await perBucket('week', "ts >= '2026-09-01' and ts < '2026-10-01'");
    expect(truth).toHaveLength(2);
    expect(a.rows.map((r) => [r.period, r.part, r.whole])).toEqual(truth.map((r) => [r.k, r.failed, r.known]));
    for (const r of a.rows) expect(r.share).toBeCloseTo(Number(r.part) / Number(r.whole), 10);
    expect(a.answer).toContain('Failure rate of LLM calls by week');
    expect(a.answer).toContain(`${truth[1].k} ${((truth[1].failed / truth[1].known) * 100).toFixed(1)}% (${truth[1].failed} failed of ${truth[1].known} calls whose source records status)`);
    // The spans of the first week record no status: said, not counted as successes.
    expect(a.answer).toContain('OpenTelemetry spans');
  });

  it('"failure rate trend last month" is a rate per day', async () => {
    const a = await ask('failure rate trend last month', '2026-10-05');
    const truth = await perBucket('day', "ts >= '2026-09-01' and ts < '2026-10-01'");
    expect(truth).toHaveLength(14);
    expect(a.rows.map((r) => [r.period, r.part, r.whole])).toEqual(truth.map((r) => [r.k, r.failed, r.known]));
  });

  it('a period whose calls record no status is declined, naming the source', async () => {
    const a = await ask('error rate by week in august', '2026-10-05');
    expect(a.value).toBeNull();
    expect(a.rows).toEqual([]);
    expect(a.answer).toContain("don't record whether a call failed");
  });
});

describe('the failure rate against another period: both rates and the change', () => {
  // On Sunday the 20th "this week" is Monday to Saturday so far, against Monday to Saturday of the week before; on Monday the 21st, "did it go up" is the last 7 days against the 7 before.
  it.each([
    ['error rate this week vs last week', '2026-09-20', "ts >= '2026-09-14' and ts < '2026-09-20'", "ts >= '2026-09-07' and ts < '2026-09-13'"],
    ['did our error rate go up?', '2026-09-21', SECOND, FIRST],
  ])('"%s"', async (q, asOf, nowWhere, beforeWhere) => {
    const a = await ask(q, asOf);
    const [now, before] = [await counts(nowWhere), await counts(beforeWhere)];
    expect(now.failed / now.known).toBeGreaterThan(before.failed / before.known);
    expect(a.rows).toHaveLength(1);
    expect(a.rows[0]).toMatchObject({ part: now.failed, whole: now.known, previous_part: before.failed, previous_whole: before.known });
    expect(a.value).toBeCloseTo(now.failed / now.known, 10);
    const points = ((now.failed / now.known - before.failed / before.known) * 100).toFixed(1);
    expect(a.answer).toContain(`${((now.failed / now.known) * 100).toFixed(1)}% (${now.failed} failed of ${now.known} calls whose source records status) against`);
    expect(a.answer).toContain(`up ${points} percentage points`);
  });

  it('"error rate by model last week vs the week before": per model, each with its change', async () => {
    const a = await ask('error rate by model last week vs the week before', '2026-09-22');
    const truth = await rows(
      `select model, (sum(requests) filter (where status = 'error' and ${SECOND}))::int now, (sum(requests) filter (where status = 'error' and ${FIRST}))::int before
         from llm_usage where status is not null group by model order by model`,
    );
    const got = [...a.rows].sort((x, y) => String(x.model).localeCompare(String(y.model)));
    expect(got.map((r) => [r.model, r.part, r.previous_part])).toEqual(truth.map((r) => [r.model, r.now, r.before]));
    expect(a.answer).toMatch(/gpt-4o [\d.]+% .* against [\d.]+% .*: up [\d.]+ percentage points/);
  });

  it('an earlier period with no call of known status gives no change, and says so', async () => {
    const a = await ask('error rate the week of sep 7 vs the week before', '2026-09-22');
    expect(a.answer).toContain('0 calls whose source records status in the period before, so no change to give');
  });
});

describe('near misses', () => {
  it('"failure rate last week" is still one figure; "calls by week" still counts calls', async () => {
    const one = await ask('failure rate last week', '2026-09-22');
    const c = await counts(SECOND);
    expect(one.value).toBeCloseTo(c.failed / c.known, 10);
    expect(one.rows.every((r) => !('period' in r))).toBe(true);
    const calls = await ask('calls by week in september', '2026-10-05');
    expect(calls.query?.metric).toBe('requests');
    expect(calls.query?.filters).toEqual([]);
  });
});
