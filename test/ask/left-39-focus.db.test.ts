/**
 * The question classes session 38 left, over the real-world FOCUS exports (asked as of 2026-06-15;
 * every charge is in May 2026, most of them hourly): Azure resource groups read from each row's
 * ResourceId, cloud spend by hour, and "spot vs on-demand" side by side (with the AWS EC2 rows at
 * standard prices set to Dynamic, as spot-dynamic.db.test.ts does: the exports hold none). Each with
 * a near miss; hours and resource groups also through the agent's tool (the scripted model on
 * 127.0.0.1), which says the same notes. Truths are hand-written SQL over cost_lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/ask/agent/answer.ts';
import type { Answer } from '../../src/ask/answer/answer.ts';
import { loadEnv } from '../../src/config/env.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/openai-server.ts';
import { declined, realFocus } from './support/real-focus.ts';

const { f, ask, sql } = realFocus();
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
const GROUP = "substring(resource_id from '/resourceGroups/([^/]+)/')";
const rowsOf = async (q: string): Promise<Record<string, number>> => Object.fromEntries((await f.t.pool.query(q)).rows.map((r) => [String(r.k ?? 'null'), Number(r.v)]));
const answered = (a: Answer, key: (r: Answer['rows'][number]) => string) => Object.fromEntries(a.rows.map((r) => [key(r), Number(r[a.column ?? a.query!.metric])]));
const close = (want: Record<string, number>) => Object.fromEntries(Object.entries(want).map(([k, v]) => [k, expect.closeTo(v, 6)]));

describe("Azure resource groups, read from each row's ResourceId", () => {
  it('"which resource group cost the most last month?" ranks the groups (it was declined; before that it ranked resources)', async () => {
    const a = await ask('which resource group cost the most last month?');
    expect(a.query?.groupBy, a.answer).toEqual(['ResourceGroup']);
    const want = await rowsOf(`select ${GROUP} k, sum(effective_cost) v from cost_lines where resource_id like '%/resourceGroups/%' and ${MAY} group by 1`);
    expect(answered(a, (r) => String(r.ResourceGroup))).toEqual(close(want));
    const [none, all] = [await sql(`select count(*) v from cost_lines where resource_id not like '%/resourceGroups/%' or resource_id is null`), await sql('select count(*) v from cost_lines')];
    expect(a.answer).toContain(`${none} of the ${all} cost rows in this period and scope have none`);
  });

  it('"azure cost by resource group in may" is a row per group and currency, rows with no group said apart', async () => {
    const a = await ask('azure cost by resource group in may');
    const want = await rowsOf(`select coalesce(${GROUP}, 'null') || '|' || billing_currency k, sum(effective_cost) v from cost_lines where provider_name = 'Microsoft Azure' and ${MAY} group by 1`);
    expect(
      answered(a, (r) => `${r.ResourceGroup}|${r.currency}`),
      a.answer,
    ).toEqual(close(want));
    expect(a.answer).toContain('(no resource group)');
  });

  it('near misses: a resource is still a resource, and management groups are still declined', async () => {
    const resource = await ask('which resource cost the most last month');
    expect(resource.query?.groupBy, resource.answer).toEqual(['ResourceId']);
    const management = await ask('azure spend per management group in may');
    expect(declined(management), management.answer).toBe(true);
  });
});

describe('cloud spend by hour, where the rows hold hours', () => {
  it('"spend by hour on may 5" is a row per hour and currency of the hourly rows; the daily rows are said apart', async () => {
    const a = await ask('spend by hour on may 5');
    const day = "charge_period_start >= '2026-05-05' and charge_period_start < '2026-05-06'";
    const hourly = "charge_period_end <= charge_period_start + interval '1 hour'";
    const want = await rowsOf(
      `select to_char(charge_period_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:00:00"Z"') || '|' || billing_currency k, sum(effective_cost) v from cost_lines where ${day} and ${hourly} group by 1`,
    );
    expect(
      answered(a, (r) => `${r.period}|${r.currency}`),
      a.answer,
    ).toEqual(close(want));
    expect(await sql(`select count(*) v from cost_lines where ${day} and not (${hourly})`)).toBeGreaterThan(0);
    expect(a.answer).toContain('Left out of the hours');
  });
});

describe("the agent's tool says what the offline answer says", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake?.close();
  });
  const viaQuery = (args: unknown, question: string) => {
    fake.script({ toolCalls: [{ name: 'run_cost_query', args }] }, { text: 'Noted.' });
    const env = loadEnv({ DATABASE_URL: f.t.url, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, PENNY_MODEL: 'gpt-4o-mini' });
    return answerQuestion(f.t.pool, env, question, { viewer: { admin: true, teams: [] }, asOf: '2026-06-15' });
  };

  it('an hourly query leaves the daily rows out of the hours and says so; a query by resource group says how many rows have none', async () => {
    const hours = await viaQuery({ granularity: 'hour', time: { from: '2026-05-05', to: '2026-05-06' } }, 'spend by hour on may 5');
    expect(
      hours.rows.every((r) => r.period !== null),
      hours.answer,
    ).toBe(true);
    expect(hours.answer).toContain('Left out of the hours');
    const groups = await viaQuery({ dataset: 'cloud', groupBy: ['ResourceGroup'], time: { from: '2026-05-01', to: '2026-06-01' } }, 'cost by resource group in may');
    expect(groups.answer).toContain('cost rows in this period and scope have none');
  });
});

describe('"spot vs on-demand" side by side', () => {
  it('with no row at Dynamic pricing, it is declined naming the column', async () => {
    const a = await ask('spot vs on-demand spend in may');
    expect(declined(a), a.answer).toBe(true);
    expect(a.answer).toContain('PricingCategory "Dynamic"');
  });

  describe('with Dynamic rows', () => {
    beforeAll(async () => {
      const { rowCount } = await f.t.pool.query("update cost_lines set pricing_category = 'Dynamic' where service_name in ('AmazonEC2', 'Amazon EC2') and pricing_category = 'Standard'");
      expect(rowCount).toBeGreaterThan(0);
    });

    it.each(['spot vs on-demand spend in may', 'on-demand and spot instances on aws in may'])('"%s" is a row for Dynamic and one for Standard, said', async (q) => {
      const a = await ask(q);
      const aws = q.includes('aws') ? "provider_name = 'AWS' and " : '';
      const want = await rowsOf(
        `select pricing_category || '|' || billing_currency k, sum(effective_cost) v from cost_lines where ${aws}pricing_category in ('Dynamic', 'Standard') and ${MAY} group by 1`,
      );
      expect(
        answered(a, (r) => `${r.PricingCategory}|${r.currency}`),
        a.answer,
      ).toEqual(close(want));
      expect(a.how).toContain('"Standard" (on-demand');
    });

    it('near miss: spot alone is Dynamic alone', async () => {
      const a = await ask('spot spend on aws for may');
      expect(a.value, a.answer).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and pricing_category = 'Dynamic' and ${MAY}`), 6);
    });
  });
});
