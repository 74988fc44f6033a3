/**
 * Classes of question Penny declined after session 27 (issue 17's "still declined" list), over the
 * demo company: task counts and success rates, "my team (data)" on the command line. Each is
 * asked in several phrasings and checked against SQL written here by hand over the raw tables;
 * what the data cannot answer is declined, saying why.
 */
import { describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { AS_OF, demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const ask = demo.ask;
const OCT = "ts >= '2026-10-01' and ts < '2026-11-01'";

async function byKey(text: string): Promise<Map<string, number>> {
  const { rows } = await demo.pool.query(text);
  return new Map(rows.map((r) => [String(r.k), Number(r.v)]));
}

const one = async (text: string) => (await byKey(`select '' k, (${text}) v`)).get('')!;
const tasks = (where: string, status?: 'success' | 'failure') => one(`select count(distinct task_id) from task_outcomes where ${where}${status ? ` and status = '${status}'` : ''}`);

describe('task counts and success rates, from task outcomes', () => {
  it.each([
    ['number of failed tasks last month', OCT, 'failure'],
    ['how many tasks failed in October?', OCT, 'failure'],
    ['how many tasks succeeded last week', "ts >= '2026-11-16' and ts < '2026-11-23'", 'success'],
    ['successful agent tasks last month', OCT, 'success'],
    ['how many tasks did we run last month', OCT, undefined],
    ['Number of failed support-agent tasks yesterday', "ts >= '2026-11-22' and ts < '2026-11-23' and feature = 'support-agent'", 'failure'],
  ] as const)('%s', async (q, where, status) => {
    const a = await ask(q);
    const want = await tasks(where, status);
    expect(want).toBeGreaterThan(0);
    expect(a.value).toBe(want);
    expect(a.unit).toBe('tasks');
    expect(a.answer).toContain(`${want.toLocaleString('en-US')} tasks`);
  });

  it.each(['task success rate last month', 'what share of tasks succeeded last month'])('%s is successes over all tasks', async (q) => {
    const a = await ask(q);
    expect(a.value).toBeCloseTo((await tasks(OCT, 'success')) / (await tasks(OCT)), 9);
    expect(a.unit).toBe('ratio');
  });

  it('"task success rate by feature" is one rate per feature', async () => {
    const a = await ask('task success rate by feature last month');
    const want = await byKey(`select feature k, count(distinct task_id) filter (where status = 'success')::numeric / count(distinct task_id) v from task_outcomes where ${OCT} group by 1`);
    expect(a.rows.length).toBe(want.size);
    for (const r of a.rows) expect(r.task_success_rate).toBeCloseTo(want.get(String(r.feature))!, 9);
  });

  it('"failed tasks by team this month" counts per team', async () => {
    const a = await ask('failed tasks by team this month');
    const want = await byKey(`select team k, count(distinct task_id) v from task_outcomes where ts >= '2026-11-01' and ts < '2026-11-23' and status = 'failure' group by 1`);
    expect(new Map(a.rows.map((r) => [String(r.team), r.failed_tasks]))).toEqual(want);
  });

  it('tasks by model are declined: outcomes carry no model', async () => {
    const a = await ask('task success rate by model last month');
    expect(a.query).toBeNull();
    expect(a.answer).toMatch(/model is not recorded on task outcomes/);
  });

  it('"cost per successful task" is still the unit cost', async () => {
    expect((await ask('cost per successful task last month')).query?.metric).toBe('cost_per_successful_task');
  });

  it('a feature with AI cost but no task outcomes gives no number, saying none were recorded', async () => {
    expect(await tasks(`${OCT} and feature = 'report-builder'`)).toBe(0);
    expect(await one(`select sum(cost) from llm_usage where ${OCT} and feature = 'report-builder'`)).toBeGreaterThan(0);
    const a = await ask('cost per successful task for report-builder in october');
    expect(a.value).toBeNull();
    expect(a.answer).toContain('n/a (no successful task outcomes recorded in this period)');
    expect(a.answer).not.toMatch(/sum to 0/);
  });
});

describe('"my team" on the command line', () => {
  const cli = (q: string) => answerOffline(demo.pool, q, { viewer: { admin: true, teams: [] }, asOf: AS_OF });
  const teamSpend = (team: string) =>
    one(`select (select coalesce(sum(effective_cost), 0) from cost_lines where charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01' and tags->>'team' = '${team}')
      + (select coalesce(sum(cost), 0) from llm_usage where ${OCT} and team = '${team}')`);

  it.each(['how much did my team (data) spend last month', 'my team (data) costs last month', 'what did my team, data, spend last month'])('%s is the data team', async (q) => {
    const a = await cli(q);
    expect(a.value).toBeCloseTo(await teamSpend('data'), 2);
    expect(a.query?.filters).toEqual([{ dimension: 'team', op: 'eq', value: 'data' }]);
  });

  it('a team named beside "my team" that the data lacks is declined as unknown', async () => {
    const a = await cli('how much did my team (payments) spend last month');
    expect(a.query).toBeNull();
    expect(a.answer).toMatch(/no team called "payments"/);
  });

  it.each(['how much did my team spend last month', 'my spend last month'])('%s, with no team named, is declined saying why', async (q) => {
    const a = await cli(q);
    expect(a.query).toBeNull();
    expect(a.answer).toMatch(/don't know whose team/);
    expect(a.answer).toMatch(/Name the team/);
  });
});

describe('parts of the cloud named by what they are', () => {
  const cloudOct = (where: string) => one(`select coalesce(sum(effective_cost), 0) from cost_lines where charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01' and ${where}`);

  it.each([
    ['what did the NAT gateways cost in October', "resource_type = 'NAT Gateway'", /"nat gateways" read as NAT gateways: the resource type NAT Gateway/],
    ['how much is the storage account in Azure costing us last month', "resource_type = 'Storage account' and provider_name = 'Microsoft'", /storage accounts: the resource type Storage account/],
    ['what did the CDN cost us last month', "service_name = 'Amazon CloudFront'", /"cdn" read as CDN: the service Amazon CloudFront/],
    ['managed kubernetes spend last month', "service_name ilike '%kubernetes%'", /managed Kubernetes: the service Amazon Elastic Kubernetes Service/],
  ])('%s', async (q, where, read) => {
    const a = await ask(q);
    const want = await cloudOct(where);
    expect(want).toBeGreaterThan(0);
    expect(a.value).toBeCloseTo(want, 2);
    expect(a.how).toMatch(read);
  });

  it('"object storage" is the object storage services the data has, each named', async () => {
    const a = await ask('object storage spend last month');
    const names = (await demo.pool.query(`select distinct service_name from cost_lines where service_name ~* '(simple storage service|cloud storage|blob storage)'`)).rows.map(
      (r) => r.service_name as string,
    );
    expect(names.length).toBeGreaterThan(1);
    expect(a.value).toBeCloseTo(await cloudOct(`service_name = any(array[${names.map((n) => `'${n}'`).join(', ')}])`), 2);
    for (const n of names) expect(a.how).toContain(n);
  });

  it.each(['load balancer cost last month', 'what do our ELBs cost'])('%s is declined when nothing stored mentions it', async (q) => {
    const a = await ask(q);
    expect(a.query).toBeNull();
    expect(a.answer).toMatch(/nothing in the data that reads as load balancers: no service, resource type or charge description mentions load balancer/);
  });
});
