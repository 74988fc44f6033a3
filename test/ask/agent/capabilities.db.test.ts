/**
 * What the offline planner answers, reached through the agent's typed tools on the demo company:
 * savings against list price, a daily average, a total against an amount, named values side by
 * side, untagged spend with its share, waste findings, "no data matched" with the data's coverage,
 * "this week" on a Monday (AS_OF) read as last week and said,
 * "my team" with nobody known, an id typed in another case than stored; and a model endpoint whose error echoes the API key, answered by
 * the offline planner with the key in neither the answer nor the logs. Figures are checked against
 * hand-written SQL or the offline planner's answer to the same question.
 */
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/ask/agent/answer.ts';
import { answerOffline } from '../../../src/ask/answer/answer.ts';
import { formatValue } from '../../../src/ask/answer/format.ts';
import { runScans } from '../../../src/scans/run.ts';
import { runPenny } from '../../support/cli.ts';
import { admin, AS_OF, demoAgent } from './demo-agent.ts';

const agent = demoAgent();
const LAST_MONTH = { time: { period: 'last_month' } };
const OCTOBER = "charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01'";

const sql = async (q: string) => Number((await agent.t.pool.query(q)).rows[0].v);
/** October's spend, cloud and AI. */
const octoberSpend = (where = 'true', aiWhere = 'true') =>
  sql(
    `select (select sum(effective_cost) from cost_lines where ${OCTOBER} and ${where}) + (select coalesce(sum(cost), 0) from llm_usage where ts >= '2026-10-01' and ts < '2026-11-01' and ${aiWhere}) as v`,
  );

/** The agent's answer after the scripted model called one tool with these arguments. */
async function viaTool(name: string, args: unknown, question: string, commentary = 'Noted.') {
  agent.fake.script({ toolCalls: [{ name, args }] }, { text: commentary });
  return answerQuestion(agent.t.pool, agent.env, question, { viewer: admin, asOf: AS_OF });
}

describe("the planner's capabilities through the model's tools", () => {
  it('savings against list price: list minus effective cost, as the planner gives it', async () => {
    const a = await viaTool('run_cost_query', { measure: 'savings', ...LAST_MONTH }, 'how much did we save against list price last month?');
    const saved = await sql(`select sum(list_cost - effective_cost) as v from cost_lines where ${OCTOBER}`);
    expect(a.value).toBeCloseTo(saved, 2);
    expect(a.answer.split('\n')[0]).toContain(formatValue(saved, 'USD'));
    expect(a.how).toMatch(/^I read this as: list cost, charged 2026-10-01 to 2026-10-31, cloud and AI\..*assumed savings = list cost minus effective cost/);
    const offline = await answerOffline(agent.t.pool, 'how much did we save against list price last month?', { viewer: admin, asOf: AS_OF });
    expect(offline.value).toBeCloseTo(a.value!, 6);
  });

  it.each([
    ['cache_savings', [], 'how much did prompt caching save us last month?'],
    ['calls_per_task', [{ dimension: 'feature', op: 'eq', value: 'support-agent' }], 'on average how many llm calls does one support agent task take? last month'],
    ['billed_gap', [], 'billed vs effective cost last month'],
  ])("the planner's other derived measures: %s, as the planner gives it", async (measure, filters, question) => {
    const offline = await answerOffline(agent.t.pool, question, { viewer: admin, asOf: AS_OF });
    expect(offline.value).not.toBeNull();
    const a = await viaTool('run_cost_query', { measure, filters, ...LAST_MONTH }, question);
    expect(a.llmCalls).toBe(2);
    expect(a.value).toBeCloseTo(offline.value!, 6);
    // The same sentence, dated without the planner's words for the period.
    expect(a.answer.split('\n')[0]).toBe(offline.answer.replace('last month (2026-10-01 to 2026-10-31)', '2026-10-01 to 2026-10-31'));
  });

  it('billed cost of usage charges in the October billing period: billing basis and a charge category filter', async () => {
    const args = {
      dataset: 'cloud',
      metric: 'billed_cost',
      periodBasis: 'billing',
      filters: [{ dimension: 'ChargeCategory', op: 'eq', value: 'Usage' }],
      time: { from: '2026-10-01', to: '2026-11-01' },
    };
    const a = await viaTool('run_cost_query', args, 'billed cost of usage charges in the October billing period');
    const billed = await sql("select sum(billed_cost) as v from cost_lines where billing_period_start = '2026-10-01' and charge_category = 'Usage'");
    expect(a.value).toBeCloseTo(billed, 2);
    expect(a.how).toMatch(/^I read this as: billed cost for charge category Usage, billing periods starting 2026-10-01 to 2026-10-31, cloud\./);
  });

  it('services over $1,000 last month: a threshold keeps those rows only', async () => {
    const args = { dataset: 'cloud', groupBy: ['ServiceName'], threshold: { op: 'gt', value: 1000 }, ...LAST_MONTH };
    const a = await viaTool('run_cost_query', args, 'which services cost more than $1,000 last month?');
    const { rows } = await agent.t.pool.query(`select service_name from cost_lines where ${OCTOBER} group by 1 having sum(effective_cost) > 1000 order by sum(effective_cost) desc`);
    expect(rows.length).toBeGreaterThan(0);
    expect(a.rows.map((r) => r.ServiceName)).toEqual(rows.map((r) => r.service_name));
    expect(a.answer).toMatch(new RegExp(`^${rows.length} rows? by service above \\$1,000\\.00`));
  });

  it('average daily spend: the month total over its 31 days', async () => {
    const a = await viaTool('run_cost_query', { ...LAST_MONTH, dailyAverage: true }, 'average daily spend last month?');
    const perDay = (await octoberSpend()) / 31;
    expect(a.value).toBeCloseTo(perDay, 2);
    expect(a.answer).toMatch(new RegExp(`^Average daily cost, 2026-10-01 to 2026-10-31: ${formatValue(perDay, 'USD').replace(/[$.]/g, '\\$&')} a day over 31 days`));
  });

  it('"did we spend over $10k?": the total said against the amount', async () => {
    const total = await octoberSpend();
    const a = await viaTool('run_cost_query', { ...LAST_MONTH, compareTotalTo: { op: 'gt', value: 10_000 } }, 'did we spend over $10k last month?');
    expect(a.value).toBeCloseTo(total, 2);
    expect(a.answer.split('\n')[0]).toContain(`That is ${total > 10_000 ? '' : 'not '}above $10,000.00.`);
  });

  it('"search vs checkout": the two side by side, with the difference', async () => {
    const args = { groupBy: ['team'], filters: [{ dimension: 'team', op: 'in', values: ['search', 'checkout'] }], ...LAST_MONTH };
    const a = await viaTool('run_cost_query', args, 'search team vs checkout team spend last month');
    const [search, checkout] = await Promise.all(['search', 'checkout'].map((t) => octoberSpend(`tags->>'team' = '${t}'`, `team = '${t}'`)));
    const [hi, lo] =
      search! >= checkout!
        ? [
            ['search', search!],
            ['checkout', checkout!],
          ]
        : [
            ['checkout', checkout!],
            ['search', search!],
          ];
    expect(a.answer.split('\n')[0]).toContain(
      `: ${hi[0]} ${formatValue(hi[1] as number, 'USD')}, ${lo[0]} ${formatValue(lo[1] as number, 'USD')}; ${hi[0]} is ${formatValue((hi[1] as number) - (lo[1] as number), 'USD')}`,
    );
  });

  it('untagged spend comes with its share of all spend and the definition used', async () => {
    const a = await viaTool('run_cost_query', { filters: [{ dimension: 'team', op: 'eq', value: null }], ...LAST_MONTH }, 'how much spend was untagged last month?');
    const [untagged, all] = await Promise.all([octoberSpend("coalesce(tags->>'team', '') = ''", 'team is null'), octoberSpend()]);
    expect(a.value).toBeCloseTo(untagged, 2);
    expect(a.answer.split('\n')[0]).toContain(`${((untagged / all) * 100).toFixed(1)}% of all spend ${formatValue(all, 'USD')}`);
    expect(a.how).toContain('untagged (no team tag)');
  });

  it('"what are we wasting money on?" leads with the stored waste findings', async () => {
    await runScans(agent.t.pool, { kinds: ['waste'], asOf: AS_OF });
    const n = await sql("select count(*)::int as v from findings where kind = 'waste' and status in ('open', 'acknowledged')");
    expect(n).toBeGreaterThan(0);
    const a = await viaTool('forecast_budgets_findings', { kind: 'waste' }, 'what are we wasting money on?');
    expect(a.answer).toMatch(new RegExp(`^${n} open waste findings?, `));
    expect(a.how).toBe(`I read this as: waste of all spend, as of ${AS_OF}, from the budget scan's forecast and the stored findings.`);
    expect(a.rows).toHaveLength(n);
  });

  it('a period with no data says which days the data covers', async () => {
    const a = await viaTool('run_cost_query', { time: { from: '2020-01-01', to: '2020-02-01' } }, 'what did we spend in January 2020?');
    // Penny's own model calls, metered today, are AI usage too.
    const { rows } = await agent.t.pool.query(
      "select to_char(min(d), 'YYYY-MM-DD') as first, to_char(max(d), 'YYYY-MM-DD') as last from (select charge_period_start at time zone 'UTC' as d from cost_lines union all select ts at time zone 'UTC' from llm_usage) x",
    );
    expect(a.value).toBe(0);
    expect(a.answer.split('\n')[0]).toBe(`Cost, 2020-01-01 to 2020-01-31: $0.00. No data matched; cost data covers ${rows[0].first} to ${rows[0].last}.`);
  });

  it('"this week" asked on a Monday is last week, said as the planner says it', async () => {
    const a = await viaTool('run_cost_query', { time: { period: 'this_week' } }, 'what have we spent this week?');
    const week = await sql(
      "select (select sum(effective_cost) from cost_lines where charge_period_start >= '2026-11-16' and charge_period_start < '2026-11-23') + (select sum(cost) from llm_usage where ts >= '2026-11-16' and ts < '2026-11-23') as v",
    );
    expect(week).toBeGreaterThan(0);
    expect(a.value).toBeCloseTo(week, 2);
    expect(a.answer.split('\n')[0]).toMatch(/^Cost, last week, as this week has just begun \(2026-11-16 to 2026-11-22\): \$/);
    expect(a.how).toContain(`this week has just begun (${AS_OF} is its first day and its costs are not in yet), so this is last week`);
    const offline = await answerOffline(agent.t.pool, 'what have we spent this week?', { viewer: admin, asOf: AS_OF });
    expect(offline.value).toBeCloseTo(a.value!, 6);
  });

  it('"my team" with nobody known (the command line) is declined, saying why', async () => {
    const a = await viaTool('run_cost_query', { ...LAST_MONTH, mine: true }, 'what did my team spend last month?');
    expect(a.query).toBeNull();
    expect(a.answer).toMatch(/^I don't know whose team "my team" is here/);
  });

  it('an id the model typed in another case is read as stored, and one stored nowhere is declined, not answered $0', async () => {
    const lake = 'arn:aws:s3:::northwind-data-lake';
    const typed = { dataset: 'cloud', filters: [{ dimension: 'ResourceId', op: 'eq', value: 'arn:aws:s3:::Northwind-Data-Lake' }], ...LAST_MONTH };
    const a = await viaTool('run_cost_query', typed, 'what did the Northwind-Data-Lake bucket cost last month?');
    const want = await sql(`select sum(effective_cost) as v from cost_lines where ${OCTOBER} and resource_id = '${lake}'`);
    expect(want).toBeGreaterThan(0);
    expect(a.value).toBeCloseTo(want, 2);
    expect(a.how).toContain(`read "arn:aws:s3:::Northwind-Data-Lake" as resource "${lake}"`);
    const missing = { dataset: 'cloud', filters: [{ dimension: 'ResourceId', op: 'eq', value: 'arn:aws:s3:::no-such-bucket' }], ...LAST_MONTH };
    const b = await viaTool('run_cost_query', missing, 'what did the no-such-bucket bucket cost last month?');
    expect(b.query).toBeNull();
    expect(b.value).toBeNull();
    expect(b.answer).toMatch(/^I found no resource "arn:aws:s3:::no-such-bucket" in the data/);
  });

  it('"my team" answered by a model that left out the team is not trusted: the planner answers for the asker\'s team', async () => {
    agent.fake.script({ toolCalls: [{ name: 'run_cost_query', args: LAST_MONTH }] }, { text: 'Everyone.' });
    const a = await answerQuestion(agent.t.pool, agent.env, 'how much did my team spend last month?', { viewer: admin, myTeams: ['search'], asOf: AS_OF });
    expect(a.value).toBeCloseTo(await octoberSpend("tags->>'team' = 'search'", "team = 'search'"), 2);
    expect(a.how).toContain('"my team" read as search, from the owner map');
    expect(a.answer).toMatch(/\(The model's query was not used \(its query was not filtered on your team\); answered by the offline planner\.\)$/);
    // Both model calls happened, and are counted.
    expect(a.llmCalls).toBe(2);
  });
});

it('a model endpoint whose error echoes the API key: the offline planner answers, and the key is in neither the answer nor the logs', async () => {
  const key = 'sk-live-LEAKME0123456789abcdef';
  const echo = { status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${key}. Check your key.`, type: 'invalid_request_error' } }) };
  agent.fake.script(echo, echo);
  const out = await runPenny(['ask', 'top 5 services last month', '--as-of', AS_OF, '--no-chart', '--json'], {
    env: { DATABASE_URL: agent.t.url, OPENAI_API_KEY: key, OPENAI_BASE_URL: agent.fake.baseURL, PENNY_MODEL: 'gpt-4o-mini', PENNY_LOG_LEVEL: 'info' },
  });
  expect(out.code).toBe(0);
  const doc = JSON.parse(out.stdout);
  expect(doc.rows).toHaveLength(5);
  expect(doc.answer).toContain('(The model endpoint failed: 401 Incorrect API key provided: [redacted]. Check your key.');
  expect(doc.answer).toMatch(/; answered by the offline planner\.\)$/);
  expect(out.stderr).toContain('the model could not answer; using the offline planner');
  expect(`${out.stdout}${out.stderr}`).not.toContain('LEAKME');
});
