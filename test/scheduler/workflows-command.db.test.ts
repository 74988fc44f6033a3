import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { tempDir } from '../support/focus-sample.ts';

let t: TestDb;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir('penny-workflows-cli-');
  await fs.writeFile(path.join(dir, 'budget.yaml'), 'name: budget-check\nschedule: "0 9 * * 1-5"\ntimezone: Asia/Tokyo\njob: budget\nnotify:\n  channels: ["#finops"]\n');
  await fs.writeFile(path.join(dir, 'broken.yaml'), 'name: broken\nschedule: "0 9 * * *"\ntimezone: Asia/Tokio\njob: waste\n');
  env = { DATABASE_URL: t.url, PENNY_WORKFLOWS_DIR: dir };
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await t.drop();
});

it('penny workflows run <name> runs it now and records the run; list shows next and last runs and bad files', { timeout: 120_000 }, async () => {
  const run = await runPenny(['workflows', 'run', 'budget-check', '--json'], { env });
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout);
  expect(doc).toMatchObject({ workflow: 'budget-check', job: 'budget', status: 'succeeded', counts: { findings: 0, new: 0, updated: 0, resolved: 0 } });
  const { rows } = await t.pool.query('select workflow, trigger, status, slot from workflow_runs');
  expect(rows).toMatchObject([{ workflow: 'budget-check', trigger: 'manual', status: 'succeeded' }]);
  expect(rows[0].slot.toISOString()).toBe(doc.slot);

  const list = await runPenny(['workflows', 'list', '--json'], { env });
  expect(list.code).toBe(1);
  expect(list.stderr).toContain(`penny: skipped ${path.join(dir, 'broken.yaml')}:3: timezone: an IANA time zone`);
  const listed = JSON.parse(list.stdout);
  expect(listed.workflows).toHaveLength(1);
  const w = listed.workflows[0];
  expect(w).toMatchObject({ name: 'budget-check', job: 'budget', schedule: '0 9 * * 1-5', timezone: 'Asia/Tokyo', notify: { owners: false, channels: ['#finops'] } });
  expect(w.lastRun).toMatchObject({ trigger: 'manual', status: 'succeeded' });
  // 09:00 in Tokyo is 00:00 UTC, on a weekday, in the future.
  const next = new Date(w.next);
  expect(next.getTime()).toBeGreaterThan(Date.now());
  expect(next.toISOString()).toMatch(/T00:00:00\.000Z$/);
  expect([1, 2, 3, 4, 5]).toContain(new Date(next.getTime() + 9 * 3600_000).getUTCDay());
  expect(listed.problems).toEqual([{ file: path.join(dir, 'broken.yaml'), line: 3, field: 'timezone', message: 'an IANA time zone such as UTC, Europe/Berlin or America/New_York' }]);

  const human = await runPenny(['workflows'], { env });
  expect(human.stdout).toMatch(/budget-check +budget +0 9 \* \* 1-5 Asia\/Tokyo +next \d{4}-\d\d-\d\d 09:00 GMT\+9 +→ #finops +last .* succeeded \(.*findings 0.*\)$/m);

  const missing = await runPenny(['workflows', 'run', 'nightly'], { env });
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('penny: no workflow named nightly in');
  expect(missing.stderr).toContain('(there are: budget-check)');
});
