/**
 * The first question after an ingest extends the stored catalog with the names the loads added,
 * rather than reading every name again: a base marked with a name the data lacks shows which
 * happened. Extended after a usage load and into the next day, it names all the data names; a
 * restated export, a load with no span and a removed load read every name again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { readCatalog } from '../../src/ask/planner/catalog.ts';
import type { Viewer } from '../../src/costs/run.ts';
import { addDays } from '../../src/schema/days.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';
import { catalogInNewProcess } from './support/new-process-catalog.ts';

const f = fileDb();
const REAL_WORLD = path.resolve(import.meta.dirname, '../fixtures/real-world/focus');
const USAGE = path.resolve(import.meta.dirname, '../fixtures/usage/calls.litellm.jsonl');
const AS_OF = '2026-06-15';
const ADMIN: Viewer = { admin: true, teams: [] };
const MARK = 'marked-not-in-the-data';

const env = () => ({ DATABASE_URL: f.t.url, PENNY_DEMO: 'off' });
beforeAll(async () => {
  await runPenny(['ingest', 'focus', REAL_WORLD, '--one-delivery', '--json'], { env: env() });
}, 120_000);

const inNewProcess = (asOf = AS_OF) => catalogInNewProcess(f.t.url, ADMIN, asOf);

const sorted = (c: Map<string, string[]>) => [...c].map(([k, v]) => [k, [...v].sort()]);

/** Marks the stored catalogs' teams with a name no row has: an extended catalog keeps it, a full read drops it. */
async function mark(): Promise<void> {
  await f.t.pool.query(`update planner_catalogs set catalog = jsonb_set(catalog, '{0,1}', (catalog -> 0 -> 1) || to_jsonb($1::text)) where catalog -> 0 ->> 0 = 'team'`, [MARK]);
}

/** The catalog names what the data names now, and the mark only when `extended`. */
async function expectNames(catalog: Map<string, string[]>, extended: boolean, asOf = AS_OF) {
  const full = await readCatalog(f.t.pool, ADMIN, asOf);
  const teams = full.get('team') ?? [];
  expect(sorted(catalog)).toEqual(sorted(new Map([...full].map(([k, v]) => [k, k === 'team' && extended ? [...teams, MARK] : v]))));
}

it('after a usage load, the next question extends the stored catalog; a new name is matchable at once', async () => {
  expect((await inNewProcess()).get('team') ?? []).not.toContain('search');
  await f.t.pool.query("update planner_catalogs set catalog = '[[\"team\", []]]'::jsonb || catalog where not catalog -> 0 ->> 0 = 'team'");
  await mark();
  const r = await runPenny(['ingest', 'usage', USAGE, '--json'], { env: env() });
  expect(r.stdout).toContain('"loaded"');
  const { rows } = await f.t.pool.query("select first_at, last_at from ingest_loads where kind = 'usage'");
  expect(rows[0].first_at.toISOString()).toBe('2026-01-15T10:00:00.250Z');
  const catalog = await inNewProcess();
  await expectNames(catalog, true);
  expect(catalog.get('model')).toContain('gpt-4o-2024-08-06');
  const fresh = new pg.Pool({ connectionString: f.t.url, max: 1 });
  const a = await answerOffline(fresh, 'search team ai spend in january', { viewer: ADMIN, asOf: AS_OF }).finally(() => fresh.end());
  expect(a.query?.filters, a.answer).toEqual([{ dimension: 'team', op: 'eq', value: 'search' }]);
}, 120_000);

it('the next day extends the day before: the days the windows moved on are read', async () => {
  const next = addDays(AS_OF, 1);
  await expectNames(await inNewProcess(next), true, next);
  const { rows } = await f.t.pool.query('select read_as_of::text d from planner_catalogs where as_of = $1::date', [next]);
  expect(rows[0].d).toBe(AS_OF);
});

it('a restated export, a load with no span and a removed load read every name again', async () => {
  // GCP's May export again, with the project renamed: it replaces the earlier load's period.
  const gcp = await readFile(path.join(REAL_WORLD, 'tk_gcp_1_3_cost_and_usage_rows100_seed42.csv'), 'utf8');
  const restated = path.join(os.tmpdir(), `penny-restated-${process.pid}.csv`);
  await writeFile(restated, gcp.replaceAll('data-analytics', 'data-science'));
  await runPenny(['ingest', 'focus', restated, '--json'], { env: env() });
  expect((await f.t.pool.query("select count(*)::int n from ingest_loads where status = 'superseded'")).rows[0].n).toBeGreaterThan(0);
  const restatedCatalog = await inNewProcess();
  await expectNames(restatedCatalog, false);
  expect(restatedCatalog.get('SubAccountName')).toContain('data-science');

  await mark();
  await f.t.pool.query("insert into ingest_loads (kind, file_path, status) values ('usage', 'by-hand', 'loaded')");
  await expectNames(await inNewProcess(), false);

  await mark();
  await f.t.pool.query("delete from ingest_loads where file_path = 'by-hand'");
  await expectNames(await inNewProcess(), false);
}, 120_000);
