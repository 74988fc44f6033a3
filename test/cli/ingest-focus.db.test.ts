import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { FOCUS_SAMPLE, tempDir } from '../support/focus-sample.ts';

let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

it('penny ingest focus --json prints one document; a bad file fails alone', async () => {
  const broken = path.join(dir, 'broken.csv.gz');
  await fs.writeFile(broken, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
  const r = await runPenny(['ingest', 'focus', FOCUS_SAMPLE, broken, '--json'], { env: { DATABASE_URL: t.url } });
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.rows).toBe(1000);
  expect(doc.rejected).toBe(0);
  expect(doc.files.map((f: { status: string }) => f.status)).toEqual(['loaded', 'failed']);
  expect(r.stderr).toContain('broken.csv.gz');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  const { rows } = await t.pool.query('select count(*)::int as n from cost_lines');
  expect(rows[0].n).toBe(1000);
});

it('plain output says what happened to each file', async () => {
  const r = await runPenny(['ingest', 'focus', FOCUS_SAMPLE, path.join(dir, 'missing.csv')], { env: { DATABASE_URL: t.url } });
  expect(r.stdout).toMatch(/focus-1\.0-sample-1000\.csv: unchanged/);
  expect(r.stdout).toMatch(/missing\.csv: no such file/);
  expect(r.code).toBe(1);
});

it('a bad DATABASE_URL fails at start naming the variable', async () => {
  const r = await runPenny(['ingest', 'focus', FOCUS_SAMPLE], { env: { DATABASE_URL: 'mysql://nope' } });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/DATABASE_URL: a postgres/);
});
