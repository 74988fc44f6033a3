/**
 * Ids named literally (issue #17, round 21) over the real-world FOCUS exports: an invoice id typed
 * in lower case is read as its stored spelling and the reading says so; an id stored nowhere is
 * declined, never answered $0. Truths are hand-written SQL over cost_lines.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';

const REAL_WORLD = path.resolve(import.meta.dirname, '../fixtures/real-world/focus');
const AS_OF = '2026-06-15';
const f = fileDb();
const ask = (q: string) => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf: AS_OF });

beforeAll(async () => {
  const r = await runPenny(['ingest', 'focus', REAL_WORLD, '--one-delivery', '--json'], { env: { DATABASE_URL: f.t.url, PENNY_DEMO: 'off' } });
  expect(JSON.parse(r.stdout).rows).toBeGreaterThan(0);
}, 120_000);

describe('an id named literally', () => {
  it('typed in lower case is the stored invoice, in full, and the reading says how it was read', async () => {
    const { rows } = await f.t.pool.query("select sum(billed_cost) v from cost_lines where invoice_id = 'INV-2026-05-A7B8C9'");
    const want = Number(rows[0].v);
    expect(want).toBeGreaterThan(0);
    const a = await ask('whats the total of invoice inv-2026-05-a7b8c9');
    expect(a.value).toBeCloseTo(want, 6);
    expect(a.how).toContain('read "inv-2026-05-a7b8c9" as invoice id "INV-2026-05-A7B8C9"');
  });

  it('typed as stored is read as it is, with nothing re-read', async () => {
    const a = await ask('whats the total of invoice INV-2026-05-A7B8C9');
    expect(a.value).toBeGreaterThan(0);
    expect(a.how).not.toContain('read "');
  });

  it('stored nowhere is declined, not answered $0', async () => {
    const a = await ask('billed cost of invoice INV-2026-05-NOPE1');
    expect(a.query).toBeNull();
    expect(a.value).toBeNull();
    expect(a.answer).toContain('I found no invoice id "INV-2026-05-NOPE1" in the data');
  });

  it('a resource id typed in another case is its stored spelling', async () => {
    const { rows } = await f.t.pool.query(
      "select resource_id k, sum(effective_cost) v from cost_lines where resource_id ~ '[A-Z]' and charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01' group by 1 having sum(effective_cost) > 0 order by 2 desc limit 1",
    );
    expect(rows.length).toBe(1);
    const a = await ask(`effective cost of resource ${String(rows[0].k).toLowerCase()} in may`);
    expect(a.value).toBeCloseTo(Number(rows[0].v), 6);
  });
});
