/**
 * Cost per successful task when the AI calls are billed in another currency than USD: a EUR
 * gateway (LiteLLM logs loaded with `--currency EUR`) beside AWS in USD. Task outcomes carry no
 * money, so each success counts in every currency its group's cost is in; before, they counted in
 * USD only and a EUR gateway's cost per successful task was empty.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { parseCostQuery } from '../../src/costs/query.ts';
import { runCostQuery } from '../../src/costs/run.ts';
import { loadTasksFile } from '../../src/ingest/tasks/load.ts';
import { loadUsageFile } from '../../src/ingest/usage/load.ts';
import { addDays } from '../../src/schema/days.ts';
import { fileDb } from '../support/file-db.ts';
import { AS_OF, DAYS, LAST, LINES, loadTwoCurrencyCompany } from '../support/two-currency-company.ts';

const f = fileDb();
const ADMIN = { admin: true, teams: [] };

/** Per day: team search's three calls of €4 and team ads' one of €7, each its own task; search's first task of the day fails. */
async function writeFiles(): Promise<{ usage: string; tasks: string }> {
  const calls: string[] = [];
  const tasks: string[] = [];
  for (let n = DAYS - 1; n >= 0; n--) {
    const day = addDays(LAST, -n);
    for (const [team, count, spend] of [
      ['search', 3, 4],
      ['ads', 1, 7],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const id = `${team}-${day}-${i}`;
        const at = `${day}T${String(8 + i).padStart(2, '0')}:00:00+00:00`;
        calls.push(
          JSON.stringify({
            request_id: id,
            startTime: at,
            model: 'gpt-4o',
            custom_llm_provider: 'openai',
            team_id: team,
            metadata: { task_id: id },
            spend,
            prompt_tokens: 500,
            completion_tokens: 100,
          }),
        );
        tasks.push(JSON.stringify({ task_id: id, status: team === 'search' && i === 0 ? 'failure' : 'success', timestamp: at, team }));
      }
    }
  }
  const usage = path.join(f.dir, 'gateway.jsonl');
  const outcomes = path.join(f.dir, 'tasks.jsonl');
  await fs.writeFile(usage, calls.join('\n'));
  await fs.writeFile(outcomes, tasks.join('\n'));
  return { usage, tasks: outcomes };
}

beforeAll(async () => {
  await loadTwoCurrencyCompany(
    f.t.pool,
    f.dir,
    LINES.filter((l) => l[1] === 'USD'),
    [],
  );
  const files = await writeFiles();
  expect(await loadUsageFile(f.t.pool, files.usage, { currency: 'EUR' })).toMatchObject({ status: 'loaded', rejected: 0 });
  expect(await loadTasksFile(f.t.pool, files.tasks)).toMatchObject({ status: 'loaded', rejected: 0 });
}, 120_000);

const SEPT = "ts >= '2026-09-01' and ts < '2026-10-01'";

/** Hand-written: EUR call cost over the successful tasks, per team (or '' for all). */
async function perTask(byTeam: boolean): Promise<Map<string, number>> {
  const k = byTeam ? 'team' : "''";
  const { rows } = await f.t.pool.query(
    `select c.k, c.cost / s.n as v from (select ${k} as k, sum(cost) cost from llm_usage where ${SEPT} and currency = 'EUR' and task_id is not null group by 1) c
     join (select ${k} as k, count(distinct task_id) n from task_outcomes where ${SEPT} and status = 'success' group by 1) s using (k)`,
  );
  return new Map(rows.map((r) => [String(r.k), Number(r.v)]));
}

describe('cost per successful task with AI calls in EUR', () => {
  it('"AI cost per successful task last month" is the EUR cost over the successes', async () => {
    const a = await answerOffline(f.t.pool, 'AI cost per successful task last month', { viewer: ADMIN, asOf: AS_OF });
    const want = (await perTask(false)).get('')!;
    // (3 × €4 + €7) a day over 3 successes a day.
    expect(want).toBeCloseTo(19 / 3, 9);
    expect(a.unit).toBe('EUR');
    expect(a.value).toBeCloseTo(want, 6);
  });

  it('by team, each team in EUR', async () => {
    const a = await answerOffline(f.t.pool, 'AI cost per successful task by team last month', { viewer: ADMIN, asOf: AS_OF });
    const want = await perTask(true);
    expect(a.rows.map((r) => [r.team, r.currency ?? a.unit])).toEqual(
      expect.arrayContaining([
        ['search', 'EUR'],
        ['ads', 'EUR'],
      ]),
    );
    for (const r of a.rows) expect(r.cost_per_successful_task).toBeCloseTo(want.get(String(r.team))!, 6);
  });

  it('with cloud and AI together, each currency is divided by the same successes', async () => {
    const q = parseCostQuery({ dataset: 'all', metric: 'cost_per_successful_task', time: { period: 'last_month' } });
    const r = await runCostQuery(f.t.pool, q, { viewer: ADMIN, asOf: AS_OF });
    const { rows } = await f.t.pool.query(`select count(distinct task_id) n from task_outcomes where ${SEPT} and status = 'success'`);
    const successes = Number(rows[0].n);
    const byCcy = new Map(r.rows.map((x) => [x.currency, x.cost_per_successful_task]));
    expect(byCcy.get('EUR')).toBeCloseTo((19 * 30) / successes, 6);
    // AWS: $250 a day in USD, over the same successes.
    expect(byCcy.get('USD')).toBeCloseTo((250 * 30) / successes, 6);
  });
});
