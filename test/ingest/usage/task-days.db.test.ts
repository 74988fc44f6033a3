/**
 * The per-task daily sums (llm_task_days) stay exactly what summing llm_usage again gives, after
 * every path that changes llm_usage: new calls, a file loaded again (duplicates), a file of new
 * calls on days already summed, OpenAI buckets restated and covered by a costs export, the demo
 * seeded and removed beside a user's own calls. On Citus too, when PENNY_TEST_CITUS_URL is set.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { removeDemo } from '../../../src/demo/remove.ts';
import { seedDemo } from '../../../src/demo/seed.ts';
import { Attributor } from '../../../src/ingest/attribution.ts';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { TASK_DAYS_RECOMPUTED_SQL } from '../../../src/ingest/usage/task-days.ts';
import { DEFAULT_ATTRIBUTION_KEYS } from '../../../src/schema/attribution.ts';
import { fileDb } from '../../support/file-db.ts';

const db = fileDb({ truncate: 'llm_usage, llm_usage_ids, llm_task_days, task_outcomes, ingest_rejects, ingest_loads cascade' });
const SHAPES = path.resolve(import.meta.dirname, '../../fixtures/usage/shapes');

const ORDER = 'order by task_id, day, team nulls first, feature, currency';
const KEYED = `select task_id, day::text, team, feature, currency, started, calls::int, tokens::text, cost::text from`;

/** The stored sums and the sums of llm_usage now, and how many task days there are. */
async function sums() {
  const q = async (sql: string) => (await db.t.pool.query(sql)).rows;
  return { stored: await q(`${KEYED} llm_task_days ${ORDER}`), recomputed: await q(`${KEYED} (${TASK_DAYS_RECOMPUTED_SQL}) r ${ORDER}`) };
}

async function expectExact(minDays: number) {
  const { stored, recomputed } = await sums();
  expect(stored.length).toBeGreaterThanOrEqual(minDays);
  expect(stored).toEqual(recomputed);
  return stored;
}

/**
 * Calls of tasks over three days: tasks spanning two days, calls of one task under two teams, no
 * team, no feature (not summed), no task, a model with no price (cost null) and a reported cost.
 */
function calls(prefix: string, hour: number) {
  const out = [];
  for (let i = 0; i < 24; i++) {
    const day = 10 + (i % 3);
    const call: Record<string, unknown> = {
      timestamp: `2026-03-${day}T${String(hour + (i % 5)).padStart(2, '0')}:${String(i).padStart(2, '0')}:00.000Z`,
      'gen_ai.provider.name': 'openai',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': i % 7 === 0 ? 'penny-unknown-model' : 'gpt-4o-mini',
      'gen_ai.response.id': `${prefix}-${i}`,
      'gen_ai.usage.input_tokens': 100 * (i + 1),
      'gen_ai.usage.output_tokens': 10 * (i + 1),
      feature: i % 11 === 5 ? undefined : 'support-agent',
      team: i % 6 === 0 ? undefined : i % 2 ? 'support' : 'search',
      'task.id': i % 9 === 8 ? undefined : `task-${i % 4}`,
    };
    if (i % 8 === 3) call['gen_ai.usage.cost'] = 0.25;
    out.push(call);
  }
  return out;
}

async function writeJsonl(name: string, records: unknown[]) {
  const file = path.join(db.dir, name);
  await fs.writeFile(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

it('adds new calls, skips duplicates, and takes earlier calls of a summed day as its start', async () => {
  const first = await writeJsonl('first.jsonl', calls('a', 12));
  expect(await loadUsageFile(db.t.pool, first)).toMatchObject({ status: 'loaded', rows: 24 });
  const before = await expectExact(10);
  expect(new Set(before.map((r) => r.cost)).has(null)).toBe(false);

  expect(await loadUsageFile(db.t.pool, first)).toMatchObject({ rows: 0, duplicates: 24 });
  expect((await sums()).stored).toEqual(before);

  // New calls, earlier in the same days and tasks, some unpriced only.
  const second = await writeJsonl('second.jsonl', [...calls('a', 12).slice(0, 4), ...calls('b', 6)]);
  expect(await loadUsageFile(db.t.pool, second)).toMatchObject({ rows: 24, duplicates: 4 });
  const after = await expectExact(10);
  const started = (rows: typeof before) => rows.map((r) => (r.started as Date).getUTCHours());
  expect(Math.min(...started(after))).toBeLessThan(Math.min(...started(before)));
});

it('sums again the days of OpenAI buckets restated and of those a costs export covers', async () => {
  // The buckets' project as their task and feature, so they are summed.
  const attributor = new Attributor({ ...DEFAULT_ATTRIBUTION_KEYS, task_id: ['project_id'], feature: ['project_id'] });
  const usage = path.join(SHAPES, 'openai_usage_completions.json');
  expect(await loadUsageFile(db.t.pool, usage, { attributor })).toMatchObject({ status: 'loaded', rows: 3 });
  const loaded = await expectExact(1);
  expect(await loadUsageFile(db.t.pool, path.join(SHAPES, 'openai_costs.json'), { attributor })).toMatchObject({ status: 'loaded' });
  const covered = await expectExact(1);
  expect(covered).not.toEqual(loaded);
  expect(await loadUsageFile(db.t.pool, usage, { attributor })).toMatchObject({ restated: 3 });
  await expectExact(1);
});

// Three weeks of the demo: hundreds of task days, where its 120 days took over 4 minutes beside
// CI's other test files (12 s alone).
it('takes the demo’s calls out of the sums it removes, keeping a user’s calls on the same days', { timeout: 240_000 }, async () => {
  const demo = await seedDemo(db.t.pool, { days: 21 });
  const seeded = await expectExact(100);
  // The user's calls land on the last days the demo seeded.
  const end = new Date(`${demo.to}T00:00:00Z`);
  const user = calls('user', 8).map((c, i) => ({ ...c, timestamp: new Date(end.getTime() - (1 + (i % 3)) * 86_400_000 + i * 60_000).toISOString() }));
  expect(await loadUsageFile(db.t.pool, await writeJsonl('user.jsonl', user))).toMatchObject({ rows: 24 });
  await expectExact(seeded.length);
  await removeDemo(db.t.pool);
  const left = await expectExact(1);
  expect(left.length).toBeLessThan(20);
});
