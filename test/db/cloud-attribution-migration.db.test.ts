/**
 * Migration 006 attributes the cloud rows stored before it exactly as FOCUS ingest now does:
 * checked row by row against the Attributor on the FOCUS sample's Tags and on hand-made ones.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { Attributor } from '../../src/ingest/attribution.ts';
import { migrateBefore } from '../support/migrate-before.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { readSample } from '../support/focus-sample.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(() => t.drop());

const MADE: Record<string, unknown>[] = [
  { Team: 'search', ' env': 'prod', CostCenter: 'cc-1' },
  { 'user:team': 'ml', 'user:Feature': 'ranking', 'user:customer': 'acme', 'aws:createdBy': 'kim' },
  { team: '', 'Team.Name': 'data', 'Environment ': ' staging ', 'cost-center': 'cc-2' },
  { 'user:team': 'prefixed', team: 'plain', 'team.name': 'dotted' },
  { 'team.name': 'dotted', 'user:team': 'prefixed' },
  { env: 'dev', environment: 'prod', task_id: 't-1' },
  { team: 42, feature: { nested: true }, customer: ['a'], environment: null, cost_center: true },
  { 'user:aws:team': 'nested', 'team:lead': 'kim', 'ms:Department': 'x' },
  {},
];

it('fills team, feature, customer, environment and cost_center as the Attributor reads them', async () => {
  await migrateBefore(t.pool, 6);
  const sample = await readSample();
  const tagsAt = sample.header.indexOf('Tags');
  const fromSample = sample.rows
    .map((r) => r[tagsAt]!.trim())
    .filter((text) => text !== '' && text !== 'NULL')
    .map((text) => JSON.parse(text.startsWith('{') ? text : `{${text}}`) as Record<string, unknown>);
  const all = [...MADE, ...fromSample];
  await t.pool.query(
    `insert into cost_lines (load_id, billed_cost, effective_cost, billing_account_id, billing_currency, billing_period_start, billing_period_end, charge_category, charge_period_start, charge_period_end, provider_name, service_name, tags)
     select 1, n, n, 'acct', 'USD', '2024-09-01', '2024-10-01', 'Usage', '2024-09-02', '2024-09-03', 'AWS', 'svc', tags
       from unnest($1::jsonb[]) with ordinality as u(tags, n)`,
    [all.map((tags) => JSON.stringify(tags))],
  );

  expect(await migrate(t.pool)).toContain('006_cloud_attribution');

  const { rows } = await t.pool.query('select team, feature, customer, environment, cost_center from cost_lines order by billed_cost');
  const a = new Attributor();
  const expected = all.map((tags) => {
    const { team, feature, customer, environment, cost_center } = a.attribute(tags);
    return { team, feature, customer, environment, cost_center };
  });
  expect(rows).toEqual(expected);
  expect(rows.filter((r) => r.team !== null).length).toBeGreaterThan(5);
  expect(rows.filter((r) => r.environment !== null).length).toBeGreaterThan(600);
  expect(rows.slice(0, 5)).toEqual([
    { team: 'search', feature: null, customer: null, environment: 'prod', cost_center: 'cc-1' },
    { team: 'ml', feature: 'ranking', customer: 'acme', environment: null, cost_center: null },
    { team: 'data', feature: null, customer: null, environment: 'staging', cost_center: 'cc-2' },
    { team: 'plain', feature: null, customer: null, environment: null, cost_center: null },
    { team: 'prefixed', feature: null, customer: null, environment: null, cost_center: null },
  ]);
  const fn = await t.pool.query("select count(*)::int as n from pg_proc where proname = 'penny_attribution_value'");
  expect(fn.rows[0].n).toBe(0);
});
