import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { listMigrations } from '../../src/db/migrate.ts';
import { PENNY_BIN, runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { FOCUS_SAMPLE, tempDir } from '../support/focus-sample.ts';

let t: TestDb;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(() => t.drop());

function startPenny(env: Record<string, string>): { child: ChildProcess; ready: Promise<string> } {
  const child = spawn(process.execPath, [PENNY_BIN, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Stop with Ctrl-C')) resolve(out);
    });
    child.on('close', (code) => reject(new Error(`penny start exited with ${code}: ${out}`)));
  });
  return { child, ready };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('close', resolve);
    child.kill('SIGTERM');
  });
}

it('two penny processes starting together on a fresh database both start; migrations run once', async () => {
  const a = startPenny({ DATABASE_URL: t.url, PORT: '0', PENNY_DEMO: 'off' });
  const b = startPenny({ DATABASE_URL: t.url, PORT: '0', PENNY_DEMO: 'off' });
  const [outA, outB] = await Promise.all([a.ready, b.ready]);
  expect(outA).toContain('Penny is running');
  expect(outB).toContain('Penny is running');
  const { rows } = await t.pool.query('select version, count(*)::int as n from schema_migrations group by version order by version');
  expect(rows).toEqual((await listMigrations()).map((m) => ({ version: m.version, n: 1 })));
  expect(await Promise.all([stop(a.child), stop(b.child)])).toEqual([0, 0]);
});

it('with no DATABASE_URL, two commands in one folder share one embedded server and leave none running', async () => {
  const cwd = await tempDir('penny-embedded-');
  await fs.chmod(cwd, 0o755);
  try {
    const env = { DATABASE_URL: undefined };
    const [r1, r2] = await Promise.all([runPenny(['ingest', 'focus', FOCUS_SAMPLE, '--json'], { cwd, env }), runPenny(['ingest', 'focus', FOCUS_SAMPLE, '--json'], { cwd, env })]);
    expect([r1.code, r2.code], r1.stderr + r2.stderr).toEqual([0, 0]);
    expect(JSON.parse(r1.stdout).rows).toBe(1000);
    expect(JSON.parse(r2.stdout).rows).toBe(1000);
    const again = await runPenny(['ingest', 'focus', FOCUS_SAMPLE, '--json'], { cwd, env });
    expect(JSON.parse(again.stdout).files[0].status).toBe('unchanged');
    const { port } = JSON.parse(await fs.readFile(`${cwd}/.penny/server.json`, 'utf8'));
    expect(await accepts(port)).toBe(false);
  } finally {
    await fs.rm(cwd, { recursive: true, force: true });
  }
});
