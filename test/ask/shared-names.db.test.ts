/**
 * A bare name several sub accounts share ("data-analytics": an AWS linked account, a GCP project
 * and an Azure subscription in the real-world FOCUS exports) is summed, and the answer says what
 * it summed; a name one sub account has, or a name kept to one kind, says nothing more. Truths are
 * hand-written SQL over cost_lines.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline, type Answer } from '../../src/ask/answer/answer.ts';
import { formatValue } from '../../src/ask/answer/format.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';

const f = fileDb();
const REAL_WORLD = path.resolve(import.meta.dirname, '../fixtures/real-world/focus');
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";

beforeAll(async () => {
  await runPenny(['ingest', 'focus', REAL_WORLD, '--one-delivery', '--json'], { env: { DATABASE_URL: f.t.url, PENNY_DEMO: 'off' } });
}, 120_000);

const ask = (q: string): Promise<Answer> => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf: '2026-06-15' });

describe('a bare name several sub accounts share', () => {
  it('"data-analytics spend in may" sums all three and says which, each with its part', async () => {
    const a = await ask('data-analytics spend in may');
    const { rows } = await f.t.pool.query<{ provider_name: string; sub_account_type: string; sub_account_id: string; v: string }>(
      `select provider_name, sub_account_type, sub_account_id, sum(effective_cost) v from cost_lines where sub_account_name = 'data-analytics' and ${MAY} group by 1, 2, 3 order by v desc`,
    );
    expect(rows).toHaveLength(3);
    expect(a.value).toBeCloseTo(
      rows.reduce((s, r) => s + Number(r.v), 0),
      6,
    );
    expect(a.answer).toContain('That sums 3 sub accounts named data-analytics: ');
    for (const r of rows) expect(a.answer).toContain(`${r.provider_name} ${r.sub_account_type} ${r.sub_account_id} (${formatValue(Number(r.v), 'USD')})`);
    expect(a.answer).toContain('ask for one by its kind');
  });

  it('grouped by something else, the answer still says which accounts the name summed', async () => {
    const a = await ask('how much did staging-platform cost in may by service');
    expect(a.query?.groupBy).toEqual(['ServiceName']);
    const { rows } = await f.t.pool.query(`select distinct sub_account_id from cost_lines where sub_account_name = 'staging-platform' and ${MAY}`);
    expect(a.answer).toContain(`That sums ${rows.length} sub accounts named staging-platform`);
    for (const r of rows) expect(a.answer).toContain(r.sub_account_id);
  });

  it('near misses: a name one thing has (BigQuery, a service of one provider), and a shared name kept to one kind, say nothing more', async () => {
    const single = await ask('bigquery spend in may');
    expect(single.query?.filters).toEqual([{ dimension: 'ServiceName', op: 'eq', value: 'BigQuery' }]);
    expect(single.answer).not.toContain('That sums');
    const kept = await ask('what did the data-analytics subscription cost in may?');
    expect(kept.answer).not.toContain('That sums');
    const split = await ask('data-analytics spend in may by provider');
    expect(split.answer).not.toContain('That sums');
  });
});
