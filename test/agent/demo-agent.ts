/**
 * The agent's test set-up on the demo company: a database per test file with the demo seeded up to
 * the day before AS_OF, the scripted OpenAI-compatible server over HTTP, and the environment that
 * points Penny at it. Call in a test file's top level; it registers its own beforeAll and afterAll.
 */
import { afterAll, beforeAll } from 'vitest';
import { loadEnv, type Env } from '../../src/config/env.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/openai-server.ts';

export const AS_OF = '2026-11-23';
export const admin = { admin: true, teams: [] };

export function demoAgent(): { t: TestDb; fake: FakeOpenAI; env: Env } {
  const set = {} as { t: TestDb; fake: FakeOpenAI; env: Env };
  beforeAll(async () => {
    set.t = await createTestDb();
    await seedDemo(set.t.pool, { endDate: '2026-11-22' });
    set.fake = await startFakeOpenAI();
    set.env = loadEnv({ DATABASE_URL: set.t.url, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: set.fake.baseURL, PENNY_MODEL: 'gpt-4o-mini' });
  }, 240_000);
  afterAll(async () => {
    await set.fake?.close();
    await set.t?.drop();
  });
  return set;
}
