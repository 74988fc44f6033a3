/**
 * `penny scan` as users and the contract check run it: the real binary on a real database, empty
 * and with the FinOps Foundation FOCUS sample, --json as exactly one document and a table otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { runPenny } from '../support/cli.ts';
import { FOCUS_SAMPLE } from '../support/focus-sample.ts';

let t: TestDb;
const penny = (args: string[]) => runPenny(args, { env: { DATABASE_URL: t.url, PENNY_LOG_LEVEL: undefined } });

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

describe('penny scan', () => {
  it('works on an empty database', async () => {
    const r = await penny(['scan', 'all', '--as-of', '2024-10-01', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ findings: [] });
    const plain = await penny(['scan', '--as-of', '2024-10-01']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/no findings[\s\S]*0 findings \(0 new, 0 updated, 0 resolved\)/);
  }, 180_000);

  it('prints the contract document on the FinOps Foundation FOCUS sample, largest impact first', async () => {
    expect((await penny(['ingest', 'focus', FOCUS_SAMPLE, '--json'])).code).toBe(0);
    const r = await penny(['scan', 'all', '--as-of', '2024-10-01', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['findings']);
    expect(doc.findings.length).toBeGreaterThan(0);
    for (const f of doc.findings) {
      expect(f).toMatchObject({
        type: expect.any(String),
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        scope: expect.any(Object),
        impactMonthly: expect.any(Number),
        currency: 'USD',
        status: 'open',
        title: expect.any(String),
        evidence: expect.any(Object),
      });
    }
    const impacts = doc.findings.map((f: { impactMonthly: number }) => f.impactMonthly);
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
    const table = await penny(['scan', 'waste', '--as-of', '2024-10-01']);
    expect(table.stdout.split('\n')[0]).toMatch(/^impact\/month\s+type\s+status\s+owner\s+finding$/);
    expect(table.stdout).toMatch(/untagged_spend\s+open/);
  }, 240_000);

  it('refuses a bad scan name or date with one line on stderr', async () => {
    const bad = await penny(['scan', 'everything', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^penny: unknown scan "everything"/);
    const date = await penny(['scan', 'all', '--as-of', '2024-02-30']);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/--as-of must be a date/);
  }, 180_000);
});
