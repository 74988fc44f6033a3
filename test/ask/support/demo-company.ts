/**
 * The demo company in a test file's own database, seeded once before its tests, and its questions
 * asked offline as of the day after the demo's last day (a Monday), as an admin unless told.
 */
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { answerOffline, type Answer } from '../../../src/ask/answer/answer.ts';
import type { Viewer } from '../../../src/costs/compile.ts';
import { seedDemo } from '../../../src/demo/seed.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';

export const AS_OF = '2026-11-23';
const ADMIN: Viewer = { admin: true, teams: [] };

export interface DemoCompany {
  readonly pool: pg.Pool;
  ask(question: string, viewer?: Viewer): Promise<Answer>;
  /** The number a hand-written query returns as `v`. */
  sql(text: string): Promise<number>;
  /** The `k` → `v` pairs a hand-written query returns. */
  byKey(text: string): Promise<Map<string, number>>;
}

export function demoCompany(): DemoCompany {
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await createTestDb();
    await seedDemo(t.pool, { endDate: '2026-11-22' });
  }, 240_000);
  afterAll(() => t?.drop());
  return {
    get pool() {
      return t!.pool;
    },
    ask: (question, viewer = ADMIN) => answerOffline(t!.pool, question, { viewer, asOf: AS_OF }),
    sql: async (text) => Number((await t!.pool.query(text)).rows[0].v ?? 0),
    byKey: async (text) => new Map((await t!.pool.query(text)).rows.map((r) => [String(r.k), Number(r.v)])),
  };
}
