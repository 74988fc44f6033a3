/**
 * The FOCUS question bank (test/ask/bank/focus-questions.yaml) over the real-world FOCUS exports:
 * every answer is checked against the bank's hand-written SQL. A confidently wrong answer fails
 * the test outright; the share right on first phrasing must not drop below FLOOR.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';
import { judge, loadBank, type Verdict } from './bank/score.ts';

/**
 * The share of the bank answered right on first phrasing, as reached; raise it when it rises. 0.99
 * since session 34 (341 of 342 since session 35): its one decline is honest (a stored name's typo,
 * "kuberentes", answered with "did you mean"); Azure resource groups are read from ResourceId since
 * session 35; commitments are counted and OCI beside three clouds is left out, said.
 */
const FLOOR = 0.99;

const REAL_WORLD = path.resolve(import.meta.dirname, '../fixtures/real-world/focus');
const f = fileDb();
const bank = loadBank('focus-questions.yaml');

beforeAll(async () => {
  // One call over the folder, as a user loads it; the Excel round trip fails on its own (exit 1).
  // The third-party samples share their accounts and May 2026 billing period, which would make them
  // snapshots of one period replacing each other in an order that depends on the checkout's file
  // times: they are loaded as one delivery, as the FOCUS use cases are.
  const r = await runPenny(['ingest', 'focus', REAL_WORLD, '--one-delivery', '--json'], { env: { DATABASE_URL: f.t.url, PENNY_DEMO: 'off' } });
  const loaded = JSON.parse(r.stdout) as { files: Array<{ file: string; status: string }> };
  expect(loaded.files.filter((x) => x.status !== 'loaded').map((x) => path.basename(x.file))).toEqual(['excel_resaved_focus_sample.csv']);
}, 120_000);

describe('the FOCUS question bank', () => {
  it(`answers none wrong and at least ${FLOOR * 100} % right on first phrasing`, async () => {
    if (bank.setup) await f.t.pool.query(bank.setup);
    const verdicts: Array<{ q: string } & Verdict> = [];
    for (const b of bank.questions) {
      const a = await answerOffline(f.t.pool, b.q, { viewer: { admin: true, teams: [] }, asOf: bank.asOf! });
      verdicts.push({ q: b.q, ...(await judge(f.t.pool, b, a)) });
    }
    const right = verdicts.filter((v) => v.kind === 'right').length;
    console.log(`FOCUS question bank: ${right} of ${verdicts.length} right on first phrasing (${((right / verdicts.length) * 100).toFixed(1)} %)`);
    for (const v of verdicts) if (v.kind === 'declined') console.log(`declined: ${v.q} — ${v.why.slice(0, 120)}`);
    expect(verdicts.filter((v) => v.kind === 'wrong').map((v) => `${v.q}: ${v.kind === 'wrong' ? v.why : ''}`)).toEqual([]);
    expect(right / verdicts.length).toBeGreaterThanOrEqual(FLOOR);
  }, 300_000);
});
