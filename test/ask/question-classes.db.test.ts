/**
 * Classes of question Penny used to decline (issue 17's last list): per-call averages, days of the
 * week, spend thresholds, untagged variants, "my team", discounts, customers as a total, parts of
 * services and currency conversion. Each is asked in several phrasings over the demo company and
 * checked against SQL written here by hand over the raw tables; what the data cannot answer is
 * declined, saying what was understood.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRatesFile } from '../../src/ingest/rates/load.ts';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { AS_OF, demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const ask = demo.ask;
const OCT = "'2026-10-01' and ts < '2026-11-01'";

const { sql, byKey } = demo;

describe('per-call averages', () => {
  it.each([
    ['tokens per request last month', 'input_tokens + output_tokens'],
    ['What were our average tokens per call in October?', 'input_tokens + output_tokens'],
    ['average prompt tokens per request last month', 'input_tokens'],
    ['output tokens per LLM call last month', 'output_tokens'],
  ])('%s', async (q, tokens) => {
    const a = await ask(q);
    expect(a.value).toBeCloseTo(await sql(`select sum(${tokens})::numeric / sum(requests) v from llm_usage where ts >= ${OCT}`), 6);
    expect(a.unit).toBe('tokens');
  });

  it('"average tokens per call by model" is one average per model', async () => {
    const a = await ask('average tokens per call by model last month');
    const want = await byKey(`select model k, sum(input_tokens + output_tokens)::numeric / sum(requests) v from llm_usage where ts >= ${OCT} group by model`);
    expect(a.rows).toHaveLength(want.size);
    for (const r of a.rows) expect(r.tokens_per_request).toBeCloseTo(want.get(String(r.model))!, 6);
  });

  it('"cost per 1k tokens" is cost over tokens, times 1,000', async () => {
    const a = await ask('what is our cost per 1k tokens last month');
    expect(a.value).toBeCloseTo(await sql(`select sum(cost) * 1000 / sum(input_tokens + output_tokens) v from llm_usage where ts >= ${OCT}`), 9);
  });
});

const cloudOct = (where: string) => sql(`select coalesce(sum(effective_cost), 0) v from cost_lines where charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01' and ${where}`);
const aiOct = (where: string) => sql(`select coalesce(sum(cost), 0) v from llm_usage where ts >= ${OCT} and ${where}`);

describe('untagged, saying which tag is missing', () => {
  it.each([
    ["spend that isn't tagged with a team last month", 'team', /no team tag/],
    ['spend missing an owner tag last month', 'team', /"owner" read as the team tag/],
    ['spend without an environment tag last month', 'environment', /no environment tag/],
    ['how much has no cost-center tag last month', 'cost-center', /no cost center tag/],
  ])('%s', async (q, key, said) => {
    const a = await ask(q);
    const cloud = await cloudOct(`nullif(tags->>'${key}', '') is null`);
    const ai = await aiOct(`${key === 'cost-center' ? 'cost_center' : key} is null`);
    expect(a.value).toBeCloseTo(cloud + ai, 2);
    expect(`${a.answer} ${a.how}`).toMatch(said);
    // Its share of all spend is said beside it.
    expect(a.answer).toMatch(/% of all/);
  });

  it('"with no customer" on AWS is the AWS spend no customer is tagged on', async () => {
    const a = await ask('AWS cost with no customer last month');
    expect(a.value).toBeCloseTo(await cloudOct("provider_name = 'AWS' and nullif(tags->>'customer', '') is null"), 2);
  });

  it('"not tagged at all" is the other definition: no tags', async () => {
    const a = await ask('spend not tagged at all last month');
    expect(a.query?.filters).toEqual([{ dimension: 'Tags', op: 'eq', value: null }]);
    expect(a.answer).toMatch(/no tags at all/);
  });

  it('a raw tag key named as missing is that key', async () => {
    const a = await ask('cloud spend without an application tag last month');
    expect(a.query?.filters).toEqual([{ dimension: 'tag:application', op: 'eq', value: null }]);
    expect(a.value).toBeCloseTo(await cloudOct("nullif(tags->>'application', '') is null"), 2);
  });
});

/** Spend of cloud and AI in October on the UTC days `where` (over a column named day) picks. */
async function onDays(where: string): Promise<number> {
  const cloud = await cloudOct(where.replaceAll('day', "(charge_period_start at time zone 'UTC')"));
  const ai = await aiOct(where.replaceAll('day', "(ts at time zone 'UTC')"));
  return cloud + ai;
}

describe('days of the week', () => {
  it.each([
    ['spend on weekends last month', 'extract(isodow from day) in (6, 7)'],
    ['how much did we spend at the weekend in October?', 'extract(isodow from day) in (6, 7)'],
    ['spend on business days last month', 'extract(isodow from day) < 6'],
    ['what did we spend on Mondays last month', 'extract(isodow from day) = 1'],
    ['cost on saturdays and sundays in October', 'extract(isodow from day) in (6, 7)'],
    ['every Friday spend last month', 'extract(isodow from day) = 5'],
  ])('%s', async (q, where) => {
    const a = await ask(q);
    expect(a.value).toBeCloseTo(await onDays(where), 2);
  });

  it('"weekday vs weekend spend" is one row each, adding up to the month', async () => {
    const a = await ask('weekday vs weekend spend last month');
    const rows = new Map(a.rows.map((r) => [r.day_type, r.effective_cost]));
    expect(rows.get('weekend')).toBeCloseTo(await onDays('extract(isodow from day) in (6, 7)'), 2);
    expect(rows.get('weekday')).toBeCloseTo(await onDays('extract(isodow from day) < 6'), 2);
  });

  it('"by day of the week" is seven rows, Monday to Sunday', async () => {
    const a = await ask('AI cost by day of the week last month');
    const want = await byKey(`select trim(to_char(ts at time zone 'UTC', 'Day')) k, sum(cost) v from llm_usage where ts >= ${OCT} group by 1`);
    expect(a.rows).toHaveLength(7);
    for (const r of a.rows) expect(r.effective_cost).toBeCloseTo(want.get(String(r.day_of_week))!, 2);
  });

  it('"last weekend" is still a date, and "the last 10 working days" is declined, not read as weekdays', async () => {
    expect((await ask('spend last weekend')).query?.filters).toEqual([]);
    expect((await ask('spend over the last 10 working days')).query).toBeNull();
  });
});

describe('spend thresholds keep the groups or periods over the amount', () => {
  const services = `select service_name k, sum(effective_cost) v from cost_lines where charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01' group by 1`;

  it.each([
    ['which services cost more than $1,000 last month', 1000],
    ['services over 2k last month', 2000],
    ['anything above 1.5k last month', 1500],
  ])('%s', async (q, amount) => {
    const a = await ask(q);
    const want = [...(await byKey(services))].filter(([, v]) => v > amount);
    expect(want.length).toBeGreaterThan(0);
    expect(a.rows.map((r) => r.ServiceName).sort()).toEqual(want.map(([k]) => k).sort());
    for (const r of a.rows) expect(r.effective_cost).toBeCloseTo(new Map(want).get(String(r.ServiceName))!, 2);
  });

  it('"anything" says it was read as cloud services', async () => {
    expect((await ask('anything above 10k last month')).how).toMatch(/"anything" read as cloud services/);
  });

  it('an amount nothing reaches says so, not "no data"', async () => {
    const a = await ask('which teams spent more than $1,000,000 in October');
    expect(a.rows).toEqual([]);
    expect(a.answer).toMatch(/^No team was above \$1,000,000/);
  });

  it('"teams over $500 a week" keeps each team-week over it', async () => {
    const a = await ask('teams over $500 a week in October');
    const { rows } = await demo.pool.query(`select team, date_trunc('week', day)::date::text as week, sum(cost) v from (
        select nullif(tags->>'team', '') team, charge_period_start at time zone 'UTC' as day, effective_cost cost from cost_lines
        union all select team, ts at time zone 'UTC', cost from llm_usage) x
      where day >= '2026-10-01' and day < '2026-11-01' group by 1, 2 having sum(cost) > 500`);
    expect(rows.length).toBeGreaterThan(0);
    expect(a.rows.map((r) => `${r.team}|${r.period}`).sort()).toEqual(rows.map((r) => `${r.team}|${r.week}`).sort());
  });

  it('"months above 15k" are the months whose spend passed it', async () => {
    const a = await ask('months above 15k this year');
    const want = await byKey(`select to_char(m, 'YYYY-MM-DD') k, v from (select date_trunc('month', day) m, sum(cost) v from (
        select charge_period_start at time zone 'UTC' as day, effective_cost cost from cost_lines union all select ts at time zone 'UTC', cost from llm_usage) x
      where day >= '2026-01-01' and day < '2026-11-23' group by 1) y where v > 15000`);
    expect(a.rows.map((r) => r.period).sort()).toEqual([...want.keys()].sort());
  });

  it('a count threshold counts: models with more than 10M tokens', async () => {
    const a = await ask('models with more than 10M tokens last month');
    const want = await byKey(`select model k, sum(input_tokens + output_tokens) v from llm_usage where ts >= ${OCT} group by 1 having sum(input_tokens + output_tokens) > 10000000`);
    expect(a.rows.map((r) => r.model).sort()).toEqual([...want.keys()].sort());
  });

  it('"did we spend more than $20k" answers the total and says whether it is above', async () => {
    const a = await ask('did we spend more than $20k last month?');
    const total = (await cloudOct('true')) + (await aiOct('true'));
    expect(a.value).toBeCloseTo(total, 2);
    expect(a.answer).toMatch(total > 20000 ? /That is above \$20,000/ : /That is not above \$20,000/);
  });

  it('a number of days is a period, not an amount', async () => {
    expect((await ask('spend over the last 30 days')).query?.threshold).toBeUndefined();
  });
});

describe('money in another currency, with the rates the user loaded', () => {
  it.each(['spend last month in euros', 'convert last month spend to EUR', 'which services cost more than €1,000 last month'])('%s declines while no rate is loaded', async (q) => {
    const a = await ask(q);
    expect(a.value).toBeNull();
    expect(a.rows).toEqual([]);
    expect(a.answer).toMatch(/no exchange rate from USD to EUR is loaded/);
  });

  it('data already in the currency asked needs no rate', async () => {
    const a = await ask('spend last month in dollars');
    expect(a.value).toBeCloseTo((await cloudOct('true')) + (await aiOct('true')), 2);
    expect(a.answer).toMatch(/already in USD/);
  });

  it('a count is not converted', async () => {
    expect((await ask('tokens last month in euros')).query).toBeNull();
  });

  it('with rates loaded, each day is converted at its latest rate, and the rate and its date are said', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'penny-rates-'));
    const file = path.join(dir, 'rates.csv');
    // A rate every Monday from September: days between use the Monday before them.
    const lines = ['date,from,to,rate'];
    for (let d = Date.UTC(2026, 8, 28), i = 0; d < Date.UTC(2026, 10, 23); d += 7 * 86_400_000, i++) lines.push(`${new Date(d).toISOString().slice(0, 10)},USD,EUR,0.9${i}`);
    await writeFile(file, `${lines.join('\n')}\n`);
    await loadRatesFile(demo.pool, file);
    const want = await sql(`select sum(c.cost * (select r.rate from exchange_rates r where r.from_currency = 'USD' and r.to_currency = 'EUR' and r.day <= c.day order by r.day desc limit 1)) v
      from (select (charge_period_start at time zone 'UTC')::date as day, effective_cost as cost from cost_lines union all select (ts at time zone 'UTC')::date, cost from llm_usage) c
      where c.day >= '2026-10-01' and c.day < '2026-11-01'`);
    const a = await ask('what did we spend last month in euros?');
    expect(a.unit).toBe('EUR');
    expect(a.value).toBeCloseTo(want, 2);
    expect(a.answer).toMatch(/1 USD = 0\.94 EUR on 2026-10-26/);
    const top = await ask('which services cost more than €1,000 last month');
    expect(top.rows.length).toBeGreaterThan(0);
    for (const r of top.rows) expect(r.effective_cost as number).toBeGreaterThan(1000);
  });
});

describe('discounts are savings against list price (FOCUS: list minus effective cost)', () => {
  const saved = (where: string) => sql(`select sum(list_cost - effective_cost) v from cost_lines where charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01' and ${where}`);

  it.each(['how big a discount did we get last month', 'what discounts did we get last month', 'our total discounts last month'])('%s', async (q) => {
    const a = await ask(q);
    // AI calls are priced at list, so only cloud rows save anything.
    expect(a.value).toBeCloseTo(await saved('true'), 2);
    expect(a.how).toMatch(/savings = list cost minus effective cost/);
  });

  it.each([
    ['savings from commitments last month', 'commitment_discount_id is not null'],
    ['how much did we save with commitments last month', 'commitment_discount_id is not null'],
    ['what savings did we get from reserved instances last month', "commitment_discount_type ilike '%reserv%'"],
  ])('%s is the saving on commitment-covered rows, not a waste finding', async (q, where) => {
    const a = await ask(q);
    expect(a.query?.filters.some((f) => f.dimension.startsWith('Commitment'))).toBe(true);
    expect(a.value).toBeCloseTo(await saved(where), 2);
    // The demo company buys no commitments: a 0 over no rows says so.
    expect(a.answer).toMatch(/No data matched/);
  });
});

describe('customers as a total, beside what no customer carries', () => {
  it.each(['how much did all customers cost last month', 'total spend attributed to customers last month', 'customer-attributed spend last month'])('%s', async (q) => {
    const a = await ask(q);
    const attributed = (await cloudOct("nullif(tags->>'customer', '') is not null")) + (await aiOct('customer is not null'));
    expect(a.value).toBeCloseTo(attributed, 2);
    const all = (await cloudOct('true')) + (await aiOct('true'));
    expect(a.answer).toContain(`${((attributed / all) * 100).toFixed(1)}% of all`);
  });

  it('"which customers cost the most" is still a ranking', async () => {
    expect((await ask('which customers cost the most last month')).query?.groupBy).toEqual(['customer']);
  });
});

describe('"my team" is the asker\'s team from the owner map', () => {
  const asker = (q: string, myTeams?: string[]) => answerOffline(demo.pool, q, { viewer: { admin: true, teams: [] }, asOf: AS_OF, ...(myTeams ? { myTeams } : {}) });

  it.each(['how much did my team spend last month', 'what was my spend last month', "our team's costs last month"])('%s, asked by an owner of search', async (q) => {
    const a = await asker(q, ['search']);
    expect(a.value).toBeCloseTo((await cloudOct("tags->>'team' = 'search'")) + (await aiOct("team = 'search'")), 2);
    expect(a.how).toMatch(/"my team" read as search, from the owner map/);
  });

  it('an owner of two teams gets both', async () => {
    const a = await asker('my team spend last month', ['search', 'data']);
    expect(a.value).toBeCloseTo((await cloudOct("tags->>'team' in ('search', 'data')")) + (await aiOct("team in ('search', 'data')")), 2);
  });

  it('with no identity (the CLI) it declines, saying whose team is unknown', async () => {
    const a = await asker('how much did my team spend last month');
    expect(a.query).toBeNull();
    expect(a.answer).toMatch(/don't know whose team/);
  });

  it('someone the owner map names on no team is told so', async () => {
    expect((await asker('my team spend last month', [])).answer).toMatch(/names you on no team/);
  });
});
