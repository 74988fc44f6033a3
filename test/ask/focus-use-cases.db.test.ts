/**
 * The FinOps Foundation's 53 FOCUS use cases, asked of `penny ask`'s offline planner and query over
 * the FOCUS fixtures (the FinOps sample and the real-world exports), each answer compared row by
 * row with SQL written by hand over cost_lines (support/focus-use-cases.ts; focus-use-cases.md
 * keeps the table of all 53). A use case once answered right must stay right; one Penny cannot
 * answer must be declined, never answered with another number.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline, type Answer } from '../../src/ask/answer/answer.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';
import { FOCUS_SAMPLE } from '../support/focus-sample.ts';
import { ANSWERED, DECLINED, type AnsweredCase } from './support/focus-use-cases.ts';

const f = fileDb();
const admin = { admin: true, teams: [] };
const REAL_WORLD = path.resolve(import.meta.dirname, '../fixtures/real-world/focus');

beforeAll(async () => {
  // One call, as a user loads a folder of exports; the Excel round trip fails on its own (exit 1).
  // The third-party samples share their accounts and May 2026 billing period (AWS 1.2, 1.3 and its
  // credits sample), which would make them snapshots of one period: they are loaded as one delivery.
  const r = await runPenny(['ingest', 'focus', FOCUS_SAMPLE, REAL_WORLD, '--one-delivery', '--json'], { env: { DATABASE_URL: f.t.url, PENNY_DEMO: 'off' } });
  const loaded = JSON.parse(r.stdout) as { files: Array<{ file: string; status: string }> };
  expect(loaded.files.filter((x) => x.status !== 'loaded').map((x) => path.basename(x.file))).toEqual(['excel_resaved_focus_sample.csv']);
}, 120_000);

const ask = (q: string, asOf: string): Promise<Answer> => answerOffline(f.t.pool, q, { viewer: admin, asOf });

/** A row's key: its dimension values and period, as text. */
const keyOf = (values: unknown[]) => JSON.stringify(values.map((v) => (v === null || v === undefined ? null : String(v))));

/** Money rows are keyed by currency too: the SQL's ccy, the answer row's currency. */
async function expectedRows(c: AnsweredCase): Promise<Map<string, number | null>> {
  const { rows } = await f.t.pool.query(c.sql);
  const expected = new Map(rows.map((r) => [keyOf([...c.keys.map((_, i) => r[`k${i}`]), ...(c.period ? [r.period] : []), ...('ccy' in r ? [r.ccy] : [])]), r.v === null ? null : Number(r.v)]));
  // A total over no rows is one zero in the default currency, as Penny answers it.
  if (expected.size === 0 && c.keys.length === 0 && !c.period && /\bccy\b/.test(c.sql)) expected.set(keyOf(['USD']), 0);
  return expected;
}

function answeredRows(c: AnsweredCase, a: Answer): Map<string, number | null> {
  const metric = a.query!.metric;
  return new Map(a.rows.map((r) => [keyOf([...c.keys.map((k) => r[k]), ...(c.period ? [r.period] : []), ...(r.currency !== undefined ? [r.currency] : [])]), r[metric] as number | null]));
}

describe('FOCUS use cases Penny answers: every row equals the hand-written SQL', () => {
  const phrasings = ANSWERED.flatMap((c) => [c.question, ...(c.also ?? [])].map((q) => [`${c.id}: ${q}`, c, q] as const));
  it.each(phrasings)('%s', async (_name, c, question) => {
    const a = await ask(question, c.asOf);
    expect(a.query, a.answer).not.toBeNull();
    expect(a.result?.truncated).toBe(false);
    const expected = await expectedRows(c);
    const got = answeredRows(c, a);
    expect([...got.keys()].sort(), a.how ?? '').toEqual([...expected.keys()].sort());
    for (const [k, v] of expected) {
      const g = got.get(k) ?? null;
      if (v === null) expect(g, k).toBeNull();
      else expect(Math.abs((g ?? NaN) - v), `${k}: ${g} vs ${v}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
    }
    if (c.shareSql) expect(a.answer).toContain(`${Number((await f.t.pool.query(c.shareSql)).rows[0].v).toFixed(1)}% of all`);
    if (!c.vacuous)
      expect(
        [...expected.values()].some((v) => v !== 0 && v !== null),
        'the data has rows for this use case',
      ).toBe(true);
  });
});

describe('FOCUS use cases Penny cannot answer are declined, not answered with another number', () => {
  it.each(DECLINED.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const a = await ask(c.question, c.asOf);
    expect(a.query, a.answer).toBeNull();
  });
});

describe('the library is covered whole', () => {
  it('all 53 use cases are listed once, and at least 26 are answered', () => {
    const ids = [...ANSWERED, ...DECLINED].map((c) => c.id);
    expect(new Set(ids).size).toBe(53);
    expect(ids).toHaveLength(53);
    expect(ANSWERED.length).toBeGreaterThanOrEqual(26);
  });
});
