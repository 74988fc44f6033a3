/**
 * The offline planner's question set over the demo company: each question's number (or rows) is
 * checked against an independent SQL query over the raw tables, written here by hand, not
 * through the query compiler. README lists the forms these cover.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/ask/answer/answer.ts';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const ask = demo.ask;

/** Cloud rows in [from, to) matching `where`, AI calls likewise: the sums people mean by "spend". */
const cloud = (col: string, where = 'true') => `select coalesce(sum(${col}), 0) as v from cost_lines where charge_period_start >= $1 and charge_period_start < $2 and ${where}`;
const ai = (expr: string, where = 'true') => `select coalesce(sum(${expr}), 0) as v from llm_usage where ts >= $1 and ts < $2 and ${where}`;

async function value(sql: string, from: string, to: string, extra: unknown[] = []): Promise<number> {
  const { rows } = await demo.pool.query(sql, [`${from}T00:00:00Z`, `${to}T00:00:00Z`, ...extra]);
  return Number(rows[0].v);
}
const both = async (cloudCol: string, cloudWhere: string, aiWhere: string, from: string, to: string) =>
  (await value(cloud(cloudCol, cloudWhere), from, to)) + (await value(ai('cost', aiWhere), from, to));

/** Rows keyed by label → number, from an independent grouped query returning (k, v). */
async function grouped(sql: string, from: string, to: string): Promise<Map<string, number>> {
  const { rows } = await demo.pool.query(sql, [`${from}T00:00:00Z`, `${to}T00:00:00Z`]);
  return new Map(rows.map((r) => [String(r.k), Number(r.v)]));
}

function expectRows(answer: Answer, key: string, metric: string, expected: Map<string, number>, limit?: number) {
  const wanted = [...expected].sort((a, b) => b[1] - a[1]).slice(0, limit ?? expected.size);
  expect(answer.rows.map((r) => String(r[key]))).toEqual(wanted.map(([k]) => k));
  for (const r of answer.rows) expect(r[metric] as number).toBeCloseTo(expected.get(String(r[key]))!, 2);
}

const TEAM = "nullif(tags->>'team', '')";

describe('totals', () => {
  it.each([
    ['What did we spend last month?', 'effective_cost', 'true', 'true', '2026-10-01', '2026-11-01'],
    ['What was our total billed cost in October 2026?', 'billed_cost', 'true', 'true', '2026-10-01', '2026-11-01'],
    ['list cost last month', 'list_cost', 'true', 'true', '2026-10-01', '2026-11-01'],
    ['what did the search team spend last week?', 'effective_cost', `${TEAM} = 'search'`, "team = 'search'", '2026-11-16', '2026-11-23'],
    ['How much did we spend this month so far?', 'effective_cost', 'true', 'true', '2026-11-01', '2026-11-23'],
    ['spend in Q3 2026', 'effective_cost', 'true', 'true', '2026-07-01', '2026-10-01'],
    ['What did we spend on 2026-11-20?', 'effective_cost', 'true', 'true', '2026-11-20', '2026-11-21'],
    ['spend since November 1st', 'effective_cost', 'true', 'true', '2026-11-01', '2026-11-23'],
    ['total spend in the last 30 days', 'effective_cost', 'true', 'true', '2026-10-24', '2026-11-23'],
    ['costs year to date', 'effective_cost', 'true', 'true', '2026-01-01', '2026-11-23'],
    ['how much spend is untagged?', 'effective_cost', `${TEAM} is null`, 'team is null', '2026-10-24', '2026-11-23'],
    [
      'what did checkout spend on fraud triage last month',
      'effective_cost',
      `${TEAM} = 'checkout' and nullif(tags->>'feature', '') = 'fraud-triage'`,
      "team = 'checkout' and feature = 'fraud-triage'",
      '2026-10-01',
      '2026-11-01',
    ],
    ['staging environment cost last week', 'effective_cost', "nullif(tags->>'environment', '') = 'staging'", "environment = 'staging'", '2026-11-16', '2026-11-23'],
    [
      'AWS spend excluding prod last month',
      'effective_cost',
      "provider_name = 'AWS' and nullif(tags->>'environment', '') is distinct from 'prod'",
      "provider = 'AWS' and environment is distinct from 'prod'",
      '2026-10-01',
      '2026-11-01',
    ],
  ])('%s', async (q, col, cloudWhere, aiWhere, from, to) => {
    const a = await ask(q);
    expect(a.query, a.answer).not.toBeNull();
    expect(a.value).toBeCloseTo(await both(col, cloudWhere, aiWhere, from, to), 2);
    expect(a.unit).toBe('USD');
  });

  it.each([
    ['EC2 spend last month', "service_name = 'Amazon Elastic Compute Cloud'", '2026-10-01', '2026-11-01'],
    ['S3 and CloudWatch costs since 2026-11-01', "service_name in ('Amazon Simple Storage Service', 'Amazon CloudWatch')", '2026-11-01', '2026-11-23'],
    ['cost in us-east-1 last month', "region_id = 'us-east-1'", '2026-10-01', '2026-11-01'],
    ['northwind-staging spend last month', "sub_account_name = 'northwind-staging'", '2026-10-01', '2026-11-01'],
    ['how much did the ml team spend on SageMaker in October', `${TEAM} = 'ml' and service_name = 'Amazon SageMaker'`, '2026-10-01', '2026-11-01'],
    ['data team cloud spend this month', `${TEAM} = 'data'`, '2026-11-01', '2026-11-23'],
    ['Azure spend this month', "provider_name = 'Microsoft'", '2026-11-01', '2026-11-23'],
    ['spend on Google Cloud last month', "provider_name = 'Google Cloud'", '2026-10-01', '2026-11-01'],
  ])('cloud: %s', async (q, where, from, to) => {
    const a = await ask(q);
    expect(a.query, a.answer).not.toBeNull();
    expect(a.value).toBeCloseTo(await value(cloud('effective_cost', where), from, to), 2);
  });

  it.each([
    ['How many tokens did we use yesterday?', 'input_tokens + output_tokens', 'true', '2026-11-22', '2026-11-23'],
    ['how many LLM calls in the last 7 days', '1', 'true', '2026-11-16', '2026-11-23'],
    ['cached tokens for answer synthesis last week', 'cache_read_tokens', "feature = 'answer-synthesis'", '2026-11-16', '2026-11-23'],
    ['Claude spend this month', 'cost', "model = 'claude-sonnet-4-5'", '2026-11-01', '2026-11-23'],
    ['spend on 4o in the last 30 days', 'cost', "model = 'gpt-4o'", '2026-10-24', '2026-11-23'],
    ['output tokens of the support team last month', 'output_tokens', "team = 'support'", '2026-10-01', '2026-11-01'],
  ])('AI: %s', async (q, expr, where, from, to) => {
    const a = await ask(q);
    expect(a.query, a.answer).not.toBeNull();
    expect(a.value).toBeCloseTo(await value(ai(expr, where), from, to), 2);
  });
});

describe('unit costs', () => {
  it('cost per request for gpt-4o this month', async () => {
    const a = await ask('cost per request for gpt-4o this month');
    const { rows } = await demo.pool.query("select sum(cost) / count(*) as v from llm_usage where model = 'gpt-4o' and ts >= '2026-11-01' and ts < '2026-11-23'");
    expect(a.value).toBeCloseTo(Number(rows[0].v), 6);
  });

  it('cost per successful task for the support agent this month', async () => {
    const a = await ask('cost per successful task for the support agent this month');
    const cost = await value(ai('cost', "feature = 'support-agent'"), '2026-11-01', '2026-11-23');
    const { rows } = await demo.pool.query(
      "select count(distinct task_id)::int as n from task_outcomes where feature = 'support-agent' and status = 'success' and ts >= '2026-11-01' and ts < '2026-11-23'",
    );
    expect(a.value).toBeCloseTo(cost / rows[0].n, 6);
  });

  it('average AI cost per customer last month: attributed spend over customers', async () => {
    const a = await ask('average AI cost per customer last month');
    const cost = await value(ai('cost', 'customer is not null'), '2026-10-01', '2026-11-01');
    const { rows } = await demo.pool.query("select count(distinct customer)::int as n from llm_usage where ts >= '2026-10-01' and ts < '2026-11-01'");
    expect(a.value).toBeCloseTo(cost / rows[0].n, 6);
  });

  it('cost per 1k tokens by model last month', async () => {
    const a = await ask('cost per 1k tokens by model last month');
    const expected = await grouped('select model as k, sum(cost) * 1000 / sum(input_tokens + output_tokens) as v from llm_usage where ts >= $1 and ts < $2 group by 1', '2026-10-01', '2026-11-01');
    expectRows(a, 'model', 'cost_per_1k_tokens', expected);
  });
});

describe('rankings and breakdowns', () => {
  it.each([
    ['top 5 services last month', 'ServiceName', 'service_name', 5],
    ['top 3 services by cost this month', 'ServiceName', 'service_name', 3],
  ])('%s', async (q, key, col, n) => {
    const from = q.includes('this month') ? '2026-11-01' : '2026-10-01';
    const to = q.includes('this month') ? '2026-11-23' : '2026-11-01';
    const a = await ask(q);
    expectRows(
      a,
      key,
      'effective_cost',
      await grouped(`select ${col} as k, sum(effective_cost) as v from cost_lines where charge_period_start >= $1 and charge_period_start < $2 group by 1`, from, to),
      n,
    );
    expect(a.answer).toContain('$');
  });

  it('cheapest 3 services last month', async () => {
    const a = await ask('cheapest 3 services last month');
    const all = await grouped('select service_name as k, sum(effective_cost) as v from cost_lines where charge_period_start >= $1 and charge_period_start < $2 group by 1', '2026-10-01', '2026-11-01');
    const cheapest = [...all].sort((x, y) => x[1] - y[1]).slice(0, 3);
    expect(a.rows.map((r) => r.ServiceName)).toEqual(cheapest.map(([k]) => k));
  });

  it('which team spent the most last month? (cloud and AI together)', async () => {
    const a = await ask('which team spent the most last month?');
    const expected = await grouped(
      `select k, sum(v) as v from (select ${TEAM} as k, effective_cost as v from cost_lines where charge_period_start >= $1 and charge_period_start < $2
        union all select team, cost from llm_usage where ts >= $1 and ts < $2) x group by k`,
      '2026-10-01',
      '2026-11-01',
    );
    expectRows(a, 'team', 'effective_cost', new Map([...expected].map(([k, v]) => [k === 'null' ? 'null' : k, v])), 5);
    expect(a.answer).toContain(String(a.rows[0]!.team));
  });

  it.each([
    ['cloud spend by provider this month', 'provider', 'provider_name', 'cost_lines', 'effective_cost', 'charge_period_start', '2026-11-01', '2026-11-23'],
    ['AI spend by model last month', 'model', 'model', 'llm_usage', 'cost', 'ts', '2026-10-01', '2026-11-01'],
    ['input tokens by feature last week', 'feature', 'feature', 'llm_usage', 'input_tokens', 'ts', '2026-11-16', '2026-11-23'],
    ['spend from Nov 1 to Nov 10 by account', 'SubAccountId', 'sub_account_id', 'cost_lines', 'effective_cost', 'charge_period_start', '2026-11-01', '2026-11-11'],
  ])('%s', async (q, key, col, table, measure, time, from, to) => {
    const a = await ask(q);
    const metric = measure === 'input_tokens' ? 'input_tokens' : 'effective_cost';
    expectRows(a, key, metric, await grouped(`select ${col} as k, sum(${measure}) as v from ${table} where ${time} >= $1 and ${time} < $2 group by 1`, from, to));
  });

  it('top 3 models by output tokens last month', async () => {
    const a = await ask('top 3 models by output tokens last month');
    expectRows(a, 'model', 'output_tokens', await grouped('select model as k, sum(output_tokens) as v from llm_usage where ts >= $1 and ts < $2 group by 1', '2026-10-01', '2026-11-01'), 3);
  });
});

describe('trends', () => {
  it('daily cost for the last 14 days', async () => {
    const a = await ask('daily cost for the last 14 days');
    const expected = await grouped(
      `select to_char(d, 'YYYY-MM-DD') as k, sum(v) as v from (select date_trunc('day', charge_period_start at time zone 'UTC') as d, effective_cost as v from cost_lines where charge_period_start >= $1 and charge_period_start < $2
        union all select date_trunc('day', ts at time zone 'UTC'), cost from llm_usage where ts >= $1 and ts < $2) x group by 1`,
      '2026-11-09',
      '2026-11-23',
    );
    expect(a.rows).toHaveLength(14);
    for (const r of a.rows) expect(r.effective_cost as number).toBeCloseTo(expected.get(String(r.period))!, 2);
  });

  it.each([
    ['monthly cloud cost since August 2026', 'month', 'cost_lines', 'effective_cost', 'charge_period_start', '2026-08-01'],
    ['weekly AI spend over the last 8 weeks', 'week', 'llm_usage', 'cost', 'ts', '2026-09-28'],
    ['daily spend for the support team over the last 10 days', 'day', 'llm_usage', 'cost', 'ts', '2026-11-13'],
  ])('%s', async (q, unit, table, measure, time, from) => {
    const a = await ask(q);
    const team = q.includes('support') ? (table === 'cost_lines' ? `and ${TEAM} = 'support'` : "and team = 'support'") : '';
    let expected = await grouped(
      `select to_char(date_trunc('${unit}', ${time} at time zone 'UTC'), 'YYYY-MM-DD') as k, sum(${measure}) as v from ${table} where ${time} >= $1 and ${time} < $2 ${team} group by 1`,
      from,
      '2026-11-23',
    );
    if (q.includes('support')) {
      const cloudPart = await grouped(
        `select to_char(date_trunc('day', charge_period_start at time zone 'UTC'), 'YYYY-MM-DD') as k, sum(effective_cost) as v from cost_lines where charge_period_start >= $1 and charge_period_start < $2 and ${TEAM} = 'support' group by 1`,
        from,
        '2026-11-23',
      );
      expected = new Map([...new Set([...expected.keys(), ...cloudPart.keys()])].map((k) => [k, (expected.get(k) ?? 0) + (cloudPart.get(k) ?? 0)]));
    }
    expect(a.query?.granularity).toBe(unit);
    expect(a.rows.map((r) => r.period)).toEqual([...expected.keys()].sort());
    for (const r of a.rows) expect(r.effective_cost as number).toBeCloseTo(expected.get(String(r.period))!, 2);
  });
});

describe('comparisons and movers', () => {
  it('spend by team this month vs last month', async () => {
    const a = await ask('spend by team this month vs last month');
    const q = (from: string, to: string) =>
      grouped(
        `select coalesce(k, 'null') as k, sum(v) as v from (select ${TEAM} as k, effective_cost as v from cost_lines where charge_period_start >= $1 and charge_period_start < $2 union all select team, cost from llm_usage where ts >= $1 and ts < $2) x group by 1`,
        from,
        to,
      );
    const cur = await q('2026-11-01', '2026-11-23');
    const prev = await q('2026-10-01', '2026-10-23');
    for (const r of a.rows) {
      const k = String(r.team);
      expect(r.effective_cost as number).toBeCloseTo(cur.get(k) ?? 0, 2);
      expect(r.previous as number).toBeCloseTo(prev.get(k) ?? 0, 2);
    }
    expect(a.rows).toHaveLength(cur.size);
  });

  it('why did CloudWatch go up? ranks its resources by increase over the last 7 days', async () => {
    const a = await ask('why did CloudWatch go up?');
    const sql = "select resource_id as k, sum(effective_cost) as v from cost_lines where service_name = 'Amazon CloudWatch' and charge_period_start >= $1 and charge_period_start < $2 group by 1";
    const cur = await grouped(sql, '2026-11-16', '2026-11-23');
    const prev = await grouped(sql, '2026-11-09', '2026-11-16');
    const top = a.rows[0]!;
    expect(top.delta as number).toBeCloseTo(cur.get(String(top.ResourceId))! - prev.get(String(top.ResourceId))!, 2);
    expect(a.answer).toMatch(/up \$[\d,.]+ \(/);
  });

  it('cost per successful task for the support agent this month vs last', async () => {
    const a = await ask('cost per successful task for the support agent this month vs last');
    const per = async (from: string, to: string) => {
      const cost = await value(ai('cost', "feature = 'support-agent'"), from, to);
      const { rows } = await demo.pool.query("select count(distinct task_id)::int as n from task_outcomes where feature = 'support-agent' and status = 'success' and ts >= $1 and ts < $2", [from, to]);
      return cost / rows[0].n;
    };
    expect(a.value).toBeCloseTo(await per('2026-11-01', '2026-11-23'), 6);
    expect(a.rows[0]!.previous as number).toBeCloseTo(await per('2026-10-01', '2026-10-23'), 6);
  });

  it('biggest movers last week rank teams by absolute change', async () => {
    const a = await ask('biggest movers last week');
    const deltas = a.rows.map((r) => Math.abs(r.delta as number));
    expect(deltas).toEqual([...deltas].sort((x, y) => y - x));
    expect(a.query?.compare).toBe('previous_period');
  });
});

describe('what the planner declines', () => {
  it.each([
    ['What did the payments team spend?', /no team called "payments"/],
    ['How much did the frobnicator cost?', /frobnicator/],
    ['Will we go over budget next month?', /budget/],
    ['tell me a joke', /cost question/],
  ])('%s', async (q, message) => {
    const a = await ask(q);
    expect(a.query).toBeNull();
    expect(a.value).toBeNull();
    expect(a.answer).toMatch(message);
    expect(a.suggestions.length).toBeGreaterThan(0);
  });
});

describe('team visibility', () => {
  const viewer = { admin: false, teams: ['search'] };
  const askAs = (q: string) => demo.ask(q, viewer);

  it('a non-admin sees only their teams, in totals and breakdowns', async () => {
    const byTeam = await askAs('spend by team last month');
    expect(byTeam.rows.map((r) => r.team)).toEqual(['search']);
    const total = await askAs('what did we spend last month?');
    expect(total.value).toBeCloseTo(await both('effective_cost', `${TEAM} = 'search'`, "team = 'search'", '2026-10-01', '2026-11-01'), 2);
  });

  it("another team's name is unknown to them: no number, not even zero", async () => {
    const a = await askAs('what did the checkout team spend last month?');
    expect(a.query).toBeNull();
    expect(a.answer).toMatch(/no team called "checkout"/);
    expect(a.answer).not.toMatch(/platform|support/);
  });
});
