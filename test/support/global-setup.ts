/**
 * One PostgreSQL server for the whole run: DATABASE_URL when set (CI sets it to the system
 * PostgreSQL), else Penny's own embedded server in a temporary folder. Each test file then makes
 * its own database on it (see db.ts), so files run in parallel without seeing each other.
 * With PENNY_TEST_CITUS_URL (a Citus coordinator's admin URL) the run is on that cluster instead,
 * each file's database made across its workers (citus.ts); `npm run test:citus` requires it.
 * Before it, `npm run build`: tests that spawn `penny` run the compiled dist/ users run, built
 * from the sources under test.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.ts';
import { citusWorkers } from './citus.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    /** host:port of each Citus worker; empty unless the run is on a Citus cluster. */
    citusWorkers: string[];
  }
}

let server: EmbeddedServer | undefined;
let admin: pg.Client | undefined;
let home: string | undefined;

export async function setup(project: TestProject) {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: 'inherit' });
  const citus = process.env.PENNY_TEST_CITUS_URL;
  if (process.env.PENNY_TEST_REQUIRE_CITUS && !citus) throw new Error('PENNY_TEST_CITUS_URL must point at a Citus coordinator (e.g. postgres://postgres@127.0.0.1:9800/postgres)');
  project.provide('citusWorkers', citus ? await citusWorkers(citus, process.env.PENNY_TEST_CITUS_WORKERS) : []);
  let url = citus ?? process.env.DATABASE_URL;
  if (!url) {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'penny-test-pg-'));
    await fs.chmod(home, 0o755);
    server = await startEmbedded(path.join(home, 'penny'), async (u) => {
      admin = new pg.Client({ connectionString: u, application_name: 'penny-test-admin' });
      await admin.connect();
    });
    url = server.url;
  }
  project.provide('adminUrl', url);
}

export async function teardown() {
  if (server) {
    await server.release(async () => {
      await admin?.end();
      return { othersConnected: false };
    });
  }
  if (home) await fs.rm(home, { recursive: true, force: true });
}
