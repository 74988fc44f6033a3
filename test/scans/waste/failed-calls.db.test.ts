/**
 * Failed calls' retries and error types, on OTel calls built so that each figure has one right
 * value: a retry is a call right after a failed call of the same task (or session, when the call
 * has no task) among the calls of the same model, team and feature; calls of the task on another
 * model do not come between; calls at the same instant are taken in the order of their ids; calls
 * with neither task nor session are never retries. Runs on Citus too (PENNY_TEST_CITUS_URL), where
 * a task's calls are on different shards.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Finding } from '../../../src/findings/finding.ts';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { runScans } from '../../../src/scans/run.ts';
import { fileDb } from '../../support/file-db.ts';

const AS_OF = '2026-10-31';
const COST = 10;
/** [id, day and time, model, task or null, session or null, error type or null (null: success)]. */
const CALLS: [string, string, string, string | null, string | null, string | null][] = [
  // Task a on gpt-4o: fail, retry (ok), fail, retry (fails too), retry (ok): 3 retries. Its
  // gpt-4o-mini call in between is another model's and does not count as a call before a1-3.
  ['a1', '2026-10-20T10:00:00Z', 'gpt-4o', 'a', null, 'timeout'],
  ['a-mini', '2026-10-20T10:00:30Z', 'gpt-4o-mini', 'a', null, null],
  ['a2', '2026-10-20T10:01:00Z', 'gpt-4o', 'a', null, null],
  ['a3', '2026-10-20T10:02:00Z', 'gpt-4o', 'a', null, 'rate_limit'],
  ['a4', '2026-10-20T10:03:00Z', 'gpt-4o', 'a', null, 'rate_limit'],
  ['a5', '2026-10-20T10:04:00Z', 'gpt-4o', 'a', null, null],
  // Task b: a failure and a success at the same instant, then one more: b1 (the failure, first by
  // id) comes before b2, which is a retry; b3 follows a success.
  ['b1', '2026-10-21T09:00:00Z', 'gpt-4o', 'b', null, 'bad_request'],
  ['b2', '2026-10-21T09:00:00Z', 'gpt-4o', 'b', null, null],
  ['b3', '2026-10-21T09:05:00Z', 'gpt-4o', 'b', null, null],
  // A session without a task: one retry.
  ['s1', '2026-10-22T08:00:00Z', 'gpt-4o', null, 's', 'timeout'],
  ['s2', '2026-10-22T08:01:00Z', 'gpt-4o', null, 's', null],
  // Neither task nor session: a failure and then a success, no retry.
  ['n1', '2026-10-23T08:00:00Z', 'gpt-4o', null, null, 'content_filter'],
  ['n2', '2026-10-23T08:01:00Z', 'gpt-4o', null, null, null],
  // Task c on gpt-4o-mini: fail, retry.
  ['c1', '2026-10-24T08:00:00Z', 'gpt-4o-mini', 'c', null, 'timeout'],
  ['c2', '2026-10-24T08:01:00Z', 'gpt-4o-mini', 'c', null, null],
  // Before the 30-day window: not read.
  ['old1', '2026-09-20T08:00:00Z', 'gpt-4o', 'a', null, 'old_error'],
];

const f = fileDb();
let failed: Finding[];

beforeAll(async () => {
  const lines = CALLS.map(([id, ts, model, task, session, error]) =>
    JSON.stringify({
      timestamp: ts,
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': model,
      'gen_ai.response.id': id,
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 100,
      'gen_ai.usage.cost': COST,
      team: 'search',
      feature: 'agent',
      ...(task ? { 'task.id': task } : {}),
      ...(session ? { 'session.id': session } : {}),
      ...(error ? { 'error.type': error } : {}),
    }),
  );
  const file = path.join(f.dir, 'calls.otel.jsonl');
  await fs.writeFile(file, lines.join('\n'));
  expect(await loadUsageFile(f.t.pool, file)).toMatchObject({ status: 'loaded', rejected: 0 });
  const { findings } = await runScans(f.t.pool, { kinds: ['waste'], asOf: AS_OF, params: { waste: { checks: ['failed_calls'] } } });
  failed = findings.filter((x) => x.type === 'failed_calls').sort((a, b) => a.scope.model!.localeCompare(b.scope.model!));
}, 120_000);

it('counts the calls right after a failure of the same task or session on the same model as retries', () => {
  expect(failed.map((x) => [x.scope.model, x.evidence.failed, x.evidence.retries, x.evidence.retryCost])).toEqual([
    // a2, a4, a5; b2; s2
    ['gpt-4o', 6, 5, 5 * COST],
    // c2
    ['gpt-4o-mini', 1, 1, COST],
  ]);
});

it('lists the error types of the window, in order, each once', () => {
  expect(failed.map((x) => x.evidence.errorTypes)).toEqual([['bad_request', 'content_filter', 'rate_limit', 'timeout'], ['timeout']]);
});
