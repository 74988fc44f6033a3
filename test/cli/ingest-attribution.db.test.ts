/**
 * `penny ingest` attribution and rollups, run as users run it: FOCUS Tags as real exports spell
 * them land in cost_lines' attribution columns, PENNY_ATTRIBUTION_KEYS moves cloud, AI and task
 * attribution alike, and after each ingest the daily rollup is fresh and answers as the raw tables.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCostQuery } from '../../src/costs/run.ts';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { toScaled } from '../support/decimal.ts';
import { CORE_FOCUS_HEADER, FOCUS_SAMPLE, readSample, tempDir, writeCsv } from '../support/focus-sample.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/usage');
const HEADER = [...CORE_FOCUS_HEADER, 'Tags'];
const ALL_TIME = { from: '2024-01-01', to: '2026-12-31' };
const ASOF = '2027-01-01';

let dir: string;
const dbs: TestDb[] = [];
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.drop()));
  await fs.rm(dir, { recursive: true, force: true });
});

async function freshDb(): Promise<TestDb> {
  const t = await createTestDb();
  dbs.push(t);
  return t;
}

/** A FOCUS file of September 2024 rows, one per [service, cost, Tags text]. */
const focusFile = (name: string, rows: [string, string, string][]) =>
  writeCsv(
    dir,
    name,
    HEADER,
    rows.map(([service, cost, tags], i) => [
      'acct-1',
      'USD',
      '2024-09-01',
      '2024-10-01',
      `2024-09-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
      `2024-09-${String(i + 1).padStart(2, '0')}T01:00:00Z`,
      'Usage',
      'AWS',
      service,
      cost,
      cost,
      tags,
    ]),
  );

const jsonl = async (name: string, records: object[]) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
};

const call = (id: string, tags: Record<string, string>) => ({
  timestamp: '2024-09-10T10:00:00Z',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o',
  'gen_ai.response.id': id,
  'gen_ai.usage.input_tokens': 1000,
  'gen_ai.usage.output_tokens': 100,
  'gen_ai.usage.cost': 0.5,
  ...tags,
});

async function ingest(t: TestDb, kind: string, files: string[], env: Record<string, string> = {}) {
  const r = await runPenny(['ingest', kind, ...files, '--json'], { env: { DATABASE_URL: t.url, ...env } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** Asks through the rollup and through the raw tables: the rollup is used and the answers agree. */
async function expectRollupExact(t: TestDb, query: object) {
  const viewer = { admin: true, teams: [] };
  const viaRollup = await runCostQuery(t.pool, { ...query, time: ALL_TIME }, { viewer, asOf: ASOF });
  const raw = await runCostQuery(t.pool, { ...query, time: ALL_TIME }, { viewer, asOf: ASOF, rollups: false });
  expect(viaRollup.rollup).toBe(true);
  expect(raw.rollup).toBe(false);
  expect(viaRollup.rows).toEqual(raw.rows);
  return viaRollup.rows;
}

describe('FOCUS Tags as real exports spell them', () => {
  it('land in the attribution columns: case, stray spaces and AWS user: prefixes', async () => {
    const t = await freshDb();
    const file = await focusFile('messy-tags.csv', [
      ['EC2', '10', JSON.stringify({ Team: 'search', ' env': 'prod', CostCenter: 'cc-1' })],
      ['S3', '20', JSON.stringify({ 'user:team': 'ml', 'user:Feature': 'ranking', 'user:customer': 'acme', 'aws:createdBy': 'IAMUser:1:kim' })],
      ['RDS', '30', JSON.stringify({ team: '', 'Team.Name': 'data', 'Environment ': ' staging ', 'cost-center': 'cc-2' })],
      ['Lambda', '40', '"team": "web", "Project": "p1"'],
      ['EBS', '50', JSON.stringify({ Project: 'p2', 'ms:Department': 'x' })],
      ['VPC', '60', ''],
    ]);
    expect(await ingest(t, 'focus', [file])).toMatchObject({ rows: 6, rejected: 0 });
    const { rows } = await t.pool.query('select service_name, team, feature, customer, environment, cost_center from cost_lines order by billed_cost');
    expect(rows).toEqual([
      { service_name: 'EC2', team: 'search', feature: null, customer: null, environment: 'prod', cost_center: 'cc-1' },
      { service_name: 'S3', team: 'ml', feature: 'ranking', customer: 'acme', environment: null, cost_center: null },
      { service_name: 'RDS', team: 'data', feature: null, customer: null, environment: 'staging', cost_center: 'cc-2' },
      { service_name: 'Lambda', team: 'web', feature: null, customer: null, environment: null, cost_center: null },
      { service_name: 'EBS', team: null, feature: null, customer: null, environment: null, cost_center: null },
      { service_name: 'VPC', team: null, feature: null, customer: null, environment: null, cost_center: null },
    ]);
    expect(await expectRollupExact(t, { dataset: 'cloud', groupBy: ['team'] })).toMatchObject([
      { team: null, effective_cost: 110 },
      { team: 'web', effective_cost: 40 },
      { team: 'data', effective_cost: 30 },
      { team: 'ml', effective_cost: 20 },
      { team: 'search', effective_cost: 10 },
    ]);
  });

  it('a row with unreadable Tags is rejected whole, and the rest load attributed', async () => {
    const t = await freshDb();
    const file = await focusFile('bad-tags.csv', [
      ['EC2', '1', '{"team": "search"'],
      ['S3', '2', '{"team": "ml"}'],
    ]);
    const doc = await ingest(t, 'focus', [file]);
    expect(doc).toMatchObject({ rows: 1, rejected: 1 });
    const { rows } = await t.pool.query('select service_name, team from cost_lines');
    expect(rows).toEqual([{ service_name: 'S3', team: 'ml' }]);
    const rejects = await t.pool.query('select line, column_name from ingest_rejects');
    expect(rejects.rows).toEqual([{ line: '2', column_name: 'Tags' }]);
  });
});

describe('PENNY_ATTRIBUTION_KEYS', () => {
  const KEYS = { PENNY_ATTRIBUTION_KEYS: 'team=squad,business_unit' };

  it('moves cloud, AI and task attribution the same way', async () => {
    const t = await freshDb();
    // Expected from the CSV text: under these keys the sample's business_unit tag is the team.
    const sample = await readSample();
    const tagsAt = sample.header.indexOf('Tags');
    const costAt = sample.header.indexOf('EffectiveCost');
    const expected = new Map<string | null, bigint>();
    for (const r of sample.rows) {
      const text = r[tagsAt]!.trim();
      const tags = text === '' || text === 'NULL' ? {} : JSON.parse(text.startsWith('{') ? text : `{${text}}`);
      const bu = typeof tags.business_unit === 'string' && tags.business_unit.trim() !== '' ? tags.business_unit.trim() : null;
      expected.set(bu, (expected.get(bu) ?? 0n) + toScaled(r[costAt]!));
    }
    expect(expected.size).toBeGreaterThan(2);
    const squadFile = await focusFile('squad.csv', [['EC2', '5', JSON.stringify({ team: 'not-this', Squad: 'platform' })]]);
    expect(await ingest(t, 'focus', [FOCUS_SAMPLE, squadFile], KEYS)).toMatchObject({ rows: 1001, rejected: 0 });

    const bu = [...expected.keys()].find((k) => k !== null)!;
    const usage = await jsonl('calls.jsonl', [call('attr-1', { squad: 'platform', team: 'not-this' }), call('attr-2', { business_unit: bu }), call('attr-3', { team: 'only-team' })]);
    expect(await ingest(t, 'usage', [usage], KEYS)).toMatchObject({ rows: 3 });
    const tasks = await jsonl('tasks.jsonl', [{ task_id: 't-1', status: 'success', timestamp: '2024-09-10T10:00:01Z', squad: 'platform' }]);
    expect(await ingest(t, 'tasks', [tasks], KEYS)).toMatchObject({ rows: 1 });

    // The sample has no squad tag: only squad.csv's row is the platform team's.
    const cloud = await t.pool.query<{ team: string | null; cost: string }>('select team, sum(effective_cost)::text as cost from cost_lines group by team');
    const fromSample = new Map(cloud.rows.filter((r) => r.team !== 'platform').map((r) => [r.team, toScaled(r.cost)]));
    expect(fromSample).toEqual(expected);
    expect((await t.pool.query("select team from cost_lines where tags->>'Squad' = 'platform'")).rows).toEqual([{ team: 'platform' }]);
    expect((await t.pool.query('select event_id, team from llm_usage order by event_id')).rows).toEqual([
      { event_id: 'attr-1', team: 'platform' },
      { event_id: 'attr-2', team: bu },
      { event_id: 'attr-3', team: null },
    ]);
    expect((await t.pool.query('select team from task_outcomes')).rows).toEqual([{ team: 'platform' }]);

    // Cloud and AI spend line up by team.
    const byTeam = await expectRollupExact(t, { dataset: 'all', groupBy: ['team'], filters: [{ dimension: 'team', op: 'in', values: ['platform', bu] }] });
    const buCloud = Number(cloud.rows.find((r) => r.team === bu)!.cost);
    expect(byTeam).toEqual(
      expect.arrayContaining([expect.objectContaining({ team: 'platform', effective_cost: 5.5 }), expect.objectContaining({ team: bu, effective_cost: expect.closeTo(buCloud + 0.5, 6) })]),
    );
  });

  it('a bad value fails before anything loads, naming the variable', async () => {
    const t = await freshDb();
    const r = await runPenny(['ingest', 'focus', FOCUS_SAMPLE], { env: { DATABASE_URL: t.url, PENNY_ATTRIBUTION_KEYS: 'team' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("penny: PENNY_ATTRIBUTION_KEYS: 'team': expected dimension=key1,key2");
    expect((await t.pool.query('select count(*)::int as n from ingest_loads')).rows[0].n).toBe(0);
  });
});

describe('daily rollups after each ingest', () => {
  it('are fresh after ingest focus, usage, tasks and metrics, and agree with the raw tables', async () => {
    const t = await freshDb();
    const questions = [
      { dataset: 'all', groupBy: ['team', 'provider'] },
      { dataset: 'cloud', groupBy: ['ServiceName'], granularity: 'day', limit: 5 },
      { dataset: 'ai', metric: 'total_tokens', groupBy: ['model', 'feature'] },
      { dataset: 'all', groupBy: ['environment'], granularity: 'month' },
    ];
    await ingest(t, 'focus', [FOCUS_SAMPLE]);
    for (const q of questions) await expectRollupExact(t, q);
    await ingest(t, 'usage', [path.join(FIXTURES, 'calls.otel.jsonl'), path.join(FIXTURES, 'calls.litellm.jsonl')]);
    for (const q of questions) await expectRollupExact(t, q);
    await ingest(t, 'tasks', [path.join(FIXTURES, 'tasks.jsonl')]);
    await ingest(t, 'metrics', [path.join(FIXTURES, 'metrics.jsonl')]);
    for (const q of questions) await expectRollupExact(t, q);
    expect((await expectRollupExact(t, { dataset: 'ai', metric: 'requests' }))[0]!.requests).toBeGreaterThan(0);
    // Four penny processes one after another: slow on a busy two-core CI machine.
  }, 180_000);

  it('stay fresh when a file is unchanged or a load stores only duplicates', async () => {
    const t = await freshDb();
    await ingest(t, 'focus', [FOCUS_SAMPLE]);
    await ingest(t, 'usage', [path.join(FIXTURES, 'calls.otel.jsonl')]);
    expect(await ingest(t, 'focus', [FOCUS_SAMPLE])).toMatchObject({ files: [{ status: 'unchanged' }] });
    expect(await ingest(t, 'usage', [path.join(FIXTURES, 'calls.otel.jsonl')])).toMatchObject({ rows: 0 });
    await expectRollupExact(t, { dataset: 'all', groupBy: ['team'] });
  });
});
