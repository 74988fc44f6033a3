/**
 * A test file's own database and temporary folder: made before its tests, dropped and removed
 * after them; `truncate` names tables emptied before each test.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createTestDb, type TestDb } from './db.ts';
import { tempDir } from './focus-sample.ts';

export interface FileDb {
  readonly t: TestDb;
  readonly dir: string;
}

export function fileDb(options: { truncate?: string } = {}): FileDb {
  let t: TestDb | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    t = await createTestDb();
    dir = await tempDir();
  });
  afterAll(async () => {
    await t?.drop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });
  if (options.truncate) beforeEach(async () => void (await t!.pool.query(`truncate ${options.truncate}`)));
  return {
    get t() {
      return t!;
    },
    get dir() {
      return dir!;
    },
  };
}
