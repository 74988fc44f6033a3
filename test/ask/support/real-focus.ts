/**
 * The real-world FOCUS exports (test/fixtures/real-world/focus) loaded into a test file's own
 * database as one delivery, as the FOCUS question bank loads them; questions are asked offline as
 * of 2026-06-15 (every charge is in May 2026) and checked against SQL written by hand.
 */
import path from 'node:path';
import { beforeAll, expect } from 'vitest';
import { answerOffline, type Answer } from '../../../src/ask/answer/answer.ts';
import { runPenny } from '../../support/cli.ts';
import { fileDb, type FileDb } from '../../support/file-db.ts';

const REAL_WORLD = path.resolve(import.meta.dirname, '../../fixtures/real-world/focus');

export interface RealFocus {
  f: FileDb;
  ask: (q: string) => Promise<Answer>;
  /** A truth's one number: the SQL returns v. */
  sql: (q: string) => Promise<number>;
  /** A truth's rows as key → value: the SQL returns k, v. */
  rowsOf: (q: string) => Promise<Record<string, number>>;
}

export function realFocus(): RealFocus {
  const f = fileDb();
  beforeAll(async () => {
    await runPenny(['ingest', 'focus', REAL_WORLD, '--one-delivery', '--json'], { env: { DATABASE_URL: f.t.url, PENNY_DEMO: 'off' } });
  }, 120_000);
  return {
    f,
    ask: (q) => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf: '2026-06-15' }),
    sql: async (q) => Number((await f.t.pool.query(q)).rows[0].v ?? 0),
    rowsOf: async (q) => Object.fromEntries((await f.t.pool.query(q)).rows.map((r) => [String(r.k ?? 'null'), Number(r.v)])),
  };
}

/** Declined: no query and no number. */
export const declined = (a: Answer): boolean => a.query === null && a.value === null;

/** The answer's rows as key → its figure. */
export const answered = (a: Answer, key: (r: Answer['rows'][number]) => string): Record<string, number> => Object.fromEntries(a.rows.map((r) => [key(r), Number(r[a.column ?? a.query!.metric])]));

/** The truth's rows as matchers, each figure to 6 decimals. */
export const close = (want: Record<string, number>) => Object.fromEntries(Object.entries(want).map(([k, v]) => [k, expect.closeTo(v, 6)]));
