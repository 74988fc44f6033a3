/**
 * Over the real-world FOCUS exports: teams kept in an `Owner` tag (`Owner: team-payments`, or
 * `owner` in the GCP files) are read as teams and named by their bare name, saying which tags teams
 * come from; parts of the cloud named by what they are ("NAT gateways", "object storage") match the
 * service subcategories, resource types and service names the exports carry. Every figure is
 * checked against SQL written here over cost_lines; parts the data lacks are declined.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';

const REAL_WORLD = path.resolve(import.meta.dirname, '../fixtures/real-world/focus');
const AS_OF = '2026-06-15';
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
const OWNER = "coalesce(tags->>'Owner', tags->>'owner')";
const f = fileDb();

beforeAll(async () => {
  // As the FOCUS bank loads them: one delivery (see bank-focus.db.test.ts).
  const r = await runPenny(['ingest', 'focus', REAL_WORLD, '--one-delivery', '--json'], { env: { DATABASE_URL: f.t.url, PENNY_DEMO: 'off' } });
  expect(JSON.parse(r.stdout).rows).toBeGreaterThan(0);
}, 120_000);

const ask = (q: string) => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf: AS_OF });

async function may(where: string): Promise<number> {
  const { rows } = await f.t.pool.query(`select coalesce(sum(effective_cost), 0) v from cost_lines where ${MAY} and ${where}`);
  return Number(rows[0].v);
}

describe('a team kept in an Owner tag', () => {
  it.each(['How much did the payments team spend in May?', 'payments team cost in May', 'how much did my team (payments) spend in May'])('%s', async (q) => {
    const a = await ask(q);
    const want = await may(`${OWNER} = 'team-payments'`);
    expect(want).toBeGreaterThan(0);
    expect(a.value).toBeCloseTo(want, 2);
    expect(a.how).toMatch(/read as the team team-payments, the value of its (?:Owner or owner|owner or Owner) tag/);
  });

  it('a viewer of team-payments alone gets the same figure and reading', async () => {
    const a = await answerOffline(f.t.pool, 'How much did the payments team spend in May?', { viewer: { admin: false, teams: ['team-payments'] }, asOf: AS_OF });
    expect(a.value).toBeCloseTo(await may(`${OWNER} = 'team-payments'`), 2);
    expect(a.how).toMatch(/the value of its (?:Owner or owner|owner or Owner) tag/);
  });

  it('"spend by team" is one row per Owner tag value', async () => {
    const a = await ask('spend by team in May');
    const { rows } = await f.t.pool.query(`select ${OWNER} k, sum(effective_cost) v from cost_lines where ${MAY} and ${OWNER} is not null group by 1`);
    expect(rows.length).toBe(3);
    const got = new Map(a.rows.map((r) => [r.team, r.effective_cost]));
    for (const r of rows) expect(got.get(r.k)).toBeCloseTo(Number(r.v), 2);
  });

  it('"payments team vs data team" is the two side by side', async () => {
    const a = await ask('payments team vs data team spend in May');
    const got = new Map(a.rows.map((r) => [r.team, r.effective_cost]));
    expect(got.get('team-payments')).toBeCloseTo(await may(`${OWNER} = 'team-payments'`), 2);
    expect(got.get('team-data')).toBeCloseTo(await may(`${OWNER} = 'team-data'`), 2);
  });

  it('a team no tag names is still declined', async () => {
    expect((await ask('How much did the mobile team spend in May?')).query).toBeNull();
  });
});

describe('parts of the cloud named by what they are', () => {
  it.each([
    ['NAT gateway cost in May', "resource_type = 'NAT Gateway'", /the resource type NAT Gateway/],
    ['what did the storage account in Azure cost in May', "resource_type = 'Storage Account' and provider_name = 'Microsoft Azure'", /the resource type Storage Account/],
    ['object storage spend in May', "service_subcategory = 'Object Storage'", /object storage: the service subcategory Object Storage/],
    ['managed Kubernetes cost in May', "service_name ilike '%kubernetes%'", /Azure Kubernetes Service, Google Kubernetes Engine|Google Kubernetes Engine, Azure Kubernetes Service/],
  ])('%s', async (q, where, read) => {
    const a = await ask(q);
    const want = await may(where);
    expect(want).toBeGreaterThan(0);
    expect(a.value).toBeCloseTo(want, 2);
    expect(a.how).toMatch(read);
  });

  it.each(['load balancer spend in May', 'CDN cost in May'])('%s is declined: nothing in the exports mentions it', async (q) => {
    const a = await ask(q);
    expect(a.query).toBeNull();
    expect(a.answer).toMatch(/I found nothing in the data that reads as/);
  });
});
