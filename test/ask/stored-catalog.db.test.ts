/**
 * The planner's catalog kept in the database (planner_catalogs): a new process (here a new pool,
 * as each `penny ask` from the shell is) takes the stored one while no load has changed the data,
 * and after a FOCUS load or the demo's removal reads the new names, equal to reading them from
 * the data again; on the demo and on the real FOCUS exports, for an admin and a team's viewer.
 */
import path from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { loadCatalog, readCatalog } from '../../src/ask/planner/catalog.ts';
import { removeDemo } from '../../src/demo/remove.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import type { Viewer } from '../../src/costs/run.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';
import { catalogInNewProcess } from './support/new-process-catalog.ts';

const f = fileDb();
const REAL_WORLD = path.resolve(import.meta.dirname, '../fixtures/real-world/focus');
const AS_OF = '2026-06-15';
const ADMIN: Viewer = { admin: true, teams: [] };
const SEARCH: Viewer = { admin: false, teams: ['search', 'checkout'] };

const inNewProcess = (viewer: Viewer) => catalogInNewProcess(f.t.url, viewer, AS_OF);

/** A catalog's entries with their names sorted: one extended after a load lists the new names last. */
const sorted = (c: Map<string, string[]>) => [...c].map(([k, v]) => [k, [...v].sort()]);

/** Loaded in a new process, it names what the data gives now (at least `entries` of it); returned as plain entries. */
async function expectCurrent(viewer: Viewer, entries = 4) {
  const loaded = [...(await inNewProcess(viewer))];
  expect(sorted(new Map(loaded))).toEqual(sorted(await readCatalog(f.t.pool, viewer, AS_OF)));
  expect(loaded.length).toBeGreaterThanOrEqual(entries);
  return loaded;
}

const storedRows = async () => (await f.t.pool.query<{ viewer_key: string }>('select viewer_key from planner_catalogs order by 1')).rows.map((r) => r.viewer_key);

it('reuses the stored catalog until a load changes the data, then reads the new names', async () => {
  await seedDemo(f.t.pool, { endDate: '2026-06-10', days: 60 });
  const demo = await expectCurrent(ADMIN);
  const demoSearch = await expectCurrent(SEARCH);
  expect(demoSearch).not.toEqual(demo);
  expect(await storedRows()).toEqual(['*', 'checkout,search']);

  // A new process takes the stored catalog rather than reading the data: a marked row shows it.
  await f.t.pool.query(`update planner_catalogs set catalog = '[["team", ["marked"]]]' where viewer_key = '*'`);
  expect([...(await inNewProcess(ADMIN))]).toEqual([['team', ['marked']]]);
  await f.t.pool.query(`update planner_catalogs set catalog = $1::jsonb where viewer_key = '*'`, [JSON.stringify(demo)]);

  const r = await runPenny(['ingest', 'focus', REAL_WORLD, '--one-delivery', '--json'], { env: { DATABASE_URL: f.t.url, PENNY_DEMO: 'off' } });
  expect(r.stdout).toContain('"loaded"');
  const both = await expectCurrent(ADMIN);
  expect(both).not.toEqual(demo);
  await expectCurrent(SEARCH);

  await removeDemo(f.t.pool);
  const focusOnly = await expectCurrent(ADMIN);
  expect(focusOnly).not.toEqual(both);
  expect(new Map(focusOnly).get('team') ?? []).not.toContain('search');
  // The exports name no team of this viewer's: nothing is theirs now.
  await expectCurrent(SEARCH, 0);
}, 240_000);

it('answers from memory while the signature holds, without sending the stored catalog again', async () => {
  const pool = new pg.Pool({ connectionString: f.t.url, max: 2 });
  try {
    const first = await loadCatalog(pool, ADMIN, AS_OF);
    await f.t.pool.query('delete from planner_catalogs');
    expect(await loadCatalog(pool, ADMIN, AS_OF)).toBe(first);
    expect(await storedRows()).toEqual([]);
  } finally {
    await pool.end();
  }
});
