/**
 * `penny demo --remove` takes out exactly what `penny demo` seeded: a user's own bills, calls,
 * owner rules and budgets, loaded before and after the demo, are untouched, and the rollups agree.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';
import { FOCUS_SAMPLE } from '../support/focus-sample.ts';

const db = fileDb();
const USAGE = path.resolve(import.meta.dirname, '../fixtures/usage/calls.otel.jsonl');

async function snapshot() {
  const q = async (sql: string) => (await db.t.pool.query(sql)).rows;
  return {
    cost: await q('select count(*)::int as n, sum(billed_cost)::text as billed from cost_lines'),
    usage: await q('select count(*)::int as n, sum(cost)::text as cost from llm_usage'),
    ids: await q('select count(*)::int as n from llm_usage_ids'),
    owners: await q('select match_key, match_value from owner_rules order by 1, 2'),
    budgets: await q('select scope, amount::text from budgets order by scope::text'),
    loads: await q('select count(*)::int as n from ingest_loads'),
  };
}

it('removes the demo and nothing of the user’s own data', { timeout: 180_000 }, async () => {
  const env = { DATABASE_URL: db.t.url };
  expect((await runPenny(['ingest', 'focus', FOCUS_SAMPLE], { env })).code).toBe(0);
  // Scopes the demo company does not have: its owner rules are added beside these.
  const owners = path.join(db.dir, 'owners.yaml');
  await fs.writeFile(owners, 'owners:\n  - match: { team: data-platform }\n    owners: [dana@example.com]\n  - match: { service: Amazon S3 }\n    owners: [U0STORAGE]\n');
  expect((await runPenny(['owners', 'import', owners], { env })).code).toBe(0);
  expect((await runPenny(['budget', 'set', '--scope', 'team=data-platform', '--monthly', '123.45'], { env })).code).toBe(0);
  const before = await snapshot();

  expect((await runPenny(['demo', '--days', '7', '--end-date', '2024-10-15', '--json'], { env })).code).toBe(0);
  expect((await snapshot()).cost[0].n).toBeGreaterThan(before.cost[0].n);
  expect((await runPenny(['ingest', 'usage', USAGE], { env })).code).toBe(0);
  const mine = await snapshot();

  const r = await runPenny(['demo', '--remove', '--json'], { env });
  expect(r.code).toBe(0);
  const removed = JSON.parse(r.stdout);
  expect(removed).toMatchObject({ seeds: 1, loads: expect.any(Number), budgets: expect.any(Number) });
  expect(removed.costRows).toBeGreaterThan(0);
  expect(removed.usageRows).toBeGreaterThan(0);

  const after = await snapshot();
  expect(after.cost).toEqual(before.cost);
  expect(after.usage[0].n).toBe(mine.usage[0].n - removed.usageRows);
  expect(after.usage[0].n).toBe(6);
  expect(after.ids[0].n).toBe(6);
  expect(after.owners).toEqual(before.owners);
  expect(after.budgets).toEqual(before.budgets);
  expect(after.loads[0].n).toBe(2);

  const again = await runPenny(['demo', '--remove'], { env });
  expect(again.stdout).toContain('No demo company to remove');
});
