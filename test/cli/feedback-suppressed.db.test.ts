/**
 * Feedback from the CLI and what it silences, as a FinOps lead runs them: `penny feedback` dismisses
 * an anomaly with who and why; the next `penny scan anomaly` does not report the same change
 * again, and `penny scan anomaly --suppressed` (table and --json) lists and counts it with the
 * feedback behind it. Bad input is refused with one line on stderr.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded } from '../../src/demo/random.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { CORE_FOCUS_HEADER, tempDir, writeCsv } from '../support/focus-sample.ts';

const HEADER = [...CORE_FOCUS_HEADER, 'SubAccountId'];
const LAST = '2026-10-30';
const AS_OF = '2026-10-31';
const SCOPE = { service_name: 'Amazon EC2', sub_account_id: '111' };

let t: TestDb;
let dir: string;
const penny = (args: string[]) => runPenny(args, { env: { DATABASE_URL: t.url, PENNY_LOG_LEVEL: undefined } });
const scanJson = async () => JSON.parse((await penny(['scan', 'anomaly', '--as-of', AS_OF, '--json'])).stdout) as { findings: { fingerprint: string; scope: Record<string, string>; type: string }[] };

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
  const rand = seeded(3);
  const rows: string[][] = [];
  for (let back = 59; back >= 0; back--) {
    const day = new Date(Date.parse(`${LAST}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
    const month = day.slice(0, 7);
    const cost = back === 0 ? 700 : 200 * (1 + (rand() - 0.5) * 0.06);
    rows.push([
      'ba-1',
      'USD',
      `${month}-01`,
      month === '2026-09' ? '2026-10-01' : '2026-11-01',
      `${day}T00:00:00Z`,
      `${day}T23:59:59Z`,
      'Usage',
      'AWS',
      SCOPE.service_name,
      cost.toFixed(2),
      cost.toFixed(2),
      SCOPE.sub_account_id,
    ]);
  }
  expect((await loadFocusFile(t.pool, await writeCsv(dir, 'export.csv', HEADER, rows))).status).toBe('loaded');
}, 180_000);
afterAll(async () => {
  await t?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('penny feedback and penny scan anomaly --suppressed', () => {
  it('refuses bad feedback with one line on stderr', async () => {
    const noReason = await penny(['feedback', 'f'.repeat(32), 'expected']);
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toMatch(/--reason/);
    const kind = await penny(['feedback', 'f'.repeat(32), 'fine', '--reason', 'because']);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/^penny: unknown feedback "fine"; use expected, not-an-anomaly, planned/);
    const missing = await penny(['feedback', 'f'.repeat(32), 'expected', '--reason', 'because']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^penny: no finding f{32}/);
    const wrongScan = await penny(['scan', 'waste', '--suppressed']);
    expect(wrongScan.code).toBe(2);
    expect(wrongScan.stderr).toMatch(/penny scan anomaly --suppressed/);
  }, 120_000);

  it('lists nothing before any feedback', async () => {
    expect(JSON.parse((await penny(['scan', 'anomaly', '--suppressed', '--json'])).stdout)).toEqual({ count: 0, suppressed: [] });
  }, 60_000);

  it('dismisses an anomaly with who and why; later runs stay quiet on it and list it as suppressed', async () => {
    const spike = (await scanJson()).findings.find((f) => f.type === 'cost_anomaly' && f.scope.sub_account_id === '111')!;
    expect(spike.scope).toEqual(SCOPE);
    const given = await penny(['feedback', spike.fingerprint, 'not-an-anomaly', '--reason', 'load test of the new cluster', '--by', 'dana', '--json']);
    expect(given.stderr).toBe('');
    expect(JSON.parse(given.stdout)).toEqual({ fingerprint: spike.fingerprint, status: 'dismissed', feedback: 'not_an_anomaly', reason: 'load test of the new cluster', by: 'dana' });

    for (let run = 0; run < 2; run++) expect((await scanJson()).findings.map((f) => f.scope)).not.toContainEqual(SCOPE);
    const doc = JSON.parse((await penny(['scan', 'anomaly', '--suppressed', '--json'])).stdout);
    expect(doc.count).toBe(1);
    expect(doc.suppressed).toEqual([
      expect.objectContaining({
        type: 'cost_anomaly',
        scope: SCOPE,
        start: LAST,
        direction: 'spike',
        feedback: 'not_an_anomaly',
        reason: 'load test of the new cluster',
        by: 'dana',
        fingerprint: spike.fingerprint,
        firstAsOf: AS_OF,
        lastAsOf: AS_OF,
        runs: 2,
      }),
    ]);
    expect(doc.suppressed[0].actual).toBeCloseTo(700, 2);
    const table = await penny(['scan', 'anomaly', '--suppressed']);
    expect(table.stdout).toMatch(/^impact\/month\s+start\s+feedback\s+by\s+runs\s+suppressed anomaly$/m);
    expect(table.stdout).toContain(`${LAST}  not an anomaly  dana     2  Amazon EC2 / 111 (spike): "load test of the new cluster"`);
    expect(table.stdout).toMatch(/1 anomalies suppressed by feedback/);
  }, 180_000);
});
