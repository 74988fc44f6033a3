import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PENNY_BIN } from '../support/cli.ts';
import { rollupFresh } from '../../src/costs/rollups.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { createTestDb } from '../support/db.ts';
import { startPenny } from '../support/penny-start.ts';
import { FOCUS_SAMPLE, tempDir } from '../support/focus-sample.ts';

/** Runs `penny start` until its screen is printed, checks /healthz, then stops it with SIGTERM. */
async function startOnce(cwd: string, databaseUrl?: string): Promise<{ screen: string; health: number; code: number | null }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
  delete env.DATABASE_URL;
  delete env.PENNY_DEMO;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, [PENNY_BIN, 'start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let screen = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      screen += d;
      if (screen.includes('Stop with Ctrl-C')) resolve();
    });
    closed.then((code) => reject(new Error(`penny start exited with ${code}: ${stderr}`)));
  });
  await started.catch((err) => {
    child.kill('SIGKILL');
    throw err;
  });
  try {
    const port = /localhost:(\d+)\/healthz/.exec(screen)![1];
    const health = (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
    child.kill('SIGTERM');
    return { screen, health, code: await closed };
  } finally {
    child.kill('SIGKILL');
  }
}

it('npm start with no configuration starts on the embedded database, and again on a second run', { timeout: 180_000 }, async () => {
  const cwd = await tempDir('penny-start-');
  await fs.chmod(cwd, 0o755);
  try {
    const first = await startOnce(cwd);
    expect(first.screen).toContain('embedded PostgreSQL in');
    expect(first.screen).toContain('The database was empty: seeded the demo company');
    expect(first.screen).toMatch(/stored: +[1-9][\d,]* billing rows, [1-9][\d,]* LLM calls/);
    expect(first.screen).toContain('npx penny ingest focus');
    const shipped = (await fs.readdir(path.resolve(import.meta.dirname, '../../workflows'))).filter((f) => f.endsWith('.yaml')).length;
    expect(first.screen).toMatch(new RegExp(`workflows: ${shipped} from .*workflows \\(npx penny workflows list\\)\\n +daily-anomaly +anomaly +30 6 \\* \\* \\* UTC +next `));
    expect(first.screen).toContain('npx penny ask');
    expect(first.health).toBe(200);
    expect(first.code).toBe(0);
    const second = await startOnce(cwd);
    expect(second.screen).not.toContain('seeded the demo company');
    expect(second.health).toBe(200);
    expect(second.code).toBe(0);
  } finally {
    await fs.rm(cwd, { recursive: true, force: true });
  }
});

it("never seeds the demo company into a user's own empty database", { timeout: 60_000 }, async () => {
  const t = await createTestDb();
  const cwd = await tempDir('penny-start-');
  try {
    const r = await startOnce(cwd, t.url);
    expect(r.screen).not.toContain('seeded the demo company');
    expect(r.screen).toContain('The database is empty: load your data');
    expect(r.screen).toMatch(/stored: +0 billing rows, 0 LLM calls/);
    const { rows } = await t.pool.query('select count(*)::int as n from ingest_loads');
    expect(rows[0].n).toBe(0);
    expect(r.code).toBe(0);
  } finally {
    await t.drop();
    await fs.rm(cwd, { recursive: true, force: true });
  }
});

it('rebuilds a stale daily rollup in the background, so questions leave the raw tables', { timeout: 90_000 }, async () => {
  const t = await createTestDb();
  try {
    // A load without the refresh ingest would run after it: the rollup is stale, as after an upgrade.
    await loadFocusFile(t.pool, FOCUS_SAMPLE);
    const fresh = async () => {
      const client = await t.pool.connect();
      try {
        return await rollupFresh(client);
      } finally {
        client.release();
      }
    };
    expect(await fresh()).toBe(false);
    const penny = await startPenny({ DATABASE_URL: t.url });
    try {
      await expect.poll(fresh, { timeout: 60_000, interval: 250 }).toBe(true);
      const { rows } = await t.pool.query('select (select sum(effective_cost) from cost_rollup_daily)::text as rolled, (select sum(effective_cost) from cost_lines)::text as raw');
      expect(rows[0].rolled).toBe(rows[0].raw);
      // The log line follows the commit that makes the rollup fresh.
      await expect.poll(() => penny.log().some((l) => l.msg === 'stale daily rollup rebuilt'), { timeout: 10_000 }).toBe(true);
    } finally {
      expect(await penny.stop()).toBe(0);
    }
  } finally {
    await t.drop();
  }
});
