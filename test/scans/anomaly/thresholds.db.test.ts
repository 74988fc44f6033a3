/**
 * Thresholds people set: a workflow's minimum impact ($/day) and relative change, the same per
 * scope (the narrowest matching entry wins), and the minimum history before a series is judged,
 * with a too-young series said in the scan's output (runScans, `penny scan` table and --json)
 * instead of silently skipped or alerted on its first days.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded } from '../../../src/demo/random.ts';
import { loadFocusFile } from '../../../src/ingest/focus/load.ts';
import { AnomalyParams, type ScanParams } from '../../../src/scans/params.ts';
import { runScans } from '../../../src/scans/run.ts';
import { runPenny } from '../../support/cli.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { CORE_FOCUS_HEADER, tempDir, writeCsv } from '../../support/focus-sample.ts';

const HEADER = [...CORE_FOCUS_HEADER, 'SubAccountId'];
const LAST = '2026-10-30';
const AS_OF = '2026-10-31';
const EC2 = { service_name: 'Amazon EC2', sub_account_id: '111' };
const NEW = { service_name: 'Amazon Bedrock', sub_account_id: '444' };

let t: TestDb;
let dir: string;

const dayOf = (back: number) => new Date(Date.parse(`${LAST}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
  const rand = seeded(7);
  const rows: string[][] = [];
  const line = (day: string, service: string, account: string, cost: number) => {
    const month = day.slice(0, 7);
    rows.push([
      'ba-1',
      'USD',
      `${month}-01`,
      month === '2026-09' ? '2026-10-01' : '2026-11-01',
      `${day}T00:00:00Z`,
      `${day}T23:59:59Z`,
      'Usage',
      'AWS',
      service,
      cost.toFixed(2),
      cost.toFixed(2),
      account,
    ]);
  };
  // Sixty steady days of EC2, then +30 % ($60) on the last; ten days of a new service, then a jump.
  for (let back = 59; back >= 1; back--) line(dayOf(back), EC2.service_name, EC2.sub_account_id, 200 * (1 + (rand() - 0.5) * 0.06));
  line(LAST, EC2.service_name, EC2.sub_account_id, 260);
  for (let back = 9; back >= 1; back--) line(dayOf(back), NEW.service_name, NEW.sub_account_id, 100 * (1 + (rand() - 0.5) * 0.06));
  line(LAST, NEW.service_name, NEW.sub_account_id, 1000);
  expect((await loadFocusFile(t.pool, await writeCsv(dir, 'export.csv', HEADER, rows))).status).toBe('loaded');
}, 180_000);
afterAll(async () => {
  await t?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const scan = (anomaly: ScanParams['anomaly'] = {}) =>
  runScans(t.pool, { kinds: ['anomaly'], asOf: AS_OF, params: { anomaly: { hourly: [], daily: [{ source: 'cloud', dimensions: ['service_name', 'sub_account_id'] }], ...anomaly } } });
const flagged = async (anomaly: ScanParams['anomaly'] = {}) => (await scan(anomaly)).findings.filter((f) => f.evidence.start === LAST).map((f) => f.scope);

describe('anomaly thresholds', () => {
  it('flags the +30 % day with the defaults, and not under a workflow minimum impact or change it misses', async () => {
    expect(await flagged()).toContainEqual(EC2);
    expect(await flagged({ minImpact: 100 })).not.toContainEqual(EC2);
    expect(await flagged({ minRelative: 0.5 })).not.toContainEqual(EC2);
  });

  it('takes thresholds per scope, the narrowest matching entry winning', async () => {
    expect(await flagged({ thresholds: [{ scope: { service_name: 'Amazon EC2' }, minRelative: 0.5 }] })).not.toContainEqual(EC2);
    expect(await flagged({ thresholds: [{ scope: { sub_account_id: '111' }, minImpact: 100 }] })).not.toContainEqual(EC2);
    expect(await flagged({ thresholds: [{ scope: { sub_account_id: '999' }, minImpact: 100 }] })).toContainEqual(EC2);
    const narrowWins: { scope: Record<string, string>; minRelative: number }[] = [
      { scope: { service_name: 'Amazon EC2', sub_account_id: '111' }, minRelative: 0.1 },
      { scope: { service_name: 'Amazon EC2' }, minRelative: 0.5 },
    ];
    expect(await flagged({ thresholds: narrowWins })).toContainEqual(EC2);
    expect(await flagged({ minRelative: 0.5, thresholds: [narrowWins[0]!] })).toContainEqual(EC2);
  });

  it('does not judge a series younger than the minimum history, and says so', async () => {
    const r = await scan();
    expect(r.findings.map((f) => f.scope)).not.toContainEqual(NEW);
    expect(r.tooYoung).toEqual([{ type: 'cost_anomaly', scope: NEW, since: dayOf(9), days: 10, judgedFrom: '2026-11-03' }]);
    const younger = await scan({ minHistoryDays: 8 });
    expect(younger.findings.map((f) => f.scope)).toContainEqual(NEW);
    expect(younger.tooYoung).toEqual([]);
    expect((await scan({ thresholds: [{ scope: { sub_account_id: '444' }, minHistoryDays: 8 }] })).findings.map((f) => f.scope)).toContainEqual(NEW);
  });

  it('refuses thresholds it cannot apply, naming the field', () => {
    const issues = (p: unknown) =>
      AnomalyParams.strict()
        .safeParse(p)
        .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ thresholds: [{ scope: {}, minImpact: 5 }] })).toEqual(['thresholds.0.scope: name at least one key, e.g. { team: ml }']);
    expect(issues({ thresholds: [{ scope: { team: 'ml' }, minImpakt: 5 }] })?.[0]).toMatch(/^thresholds\.0: .*minImpakt/);
    expect(issues({ minHistoryDays: 3 })?.[0]).toMatch(/^minHistoryDays: Too small/);
  });

  it('lists the too-young series after the table of `penny scan`, and in its --json document', async () => {
    const env = { env: { DATABASE_URL: t.url, PENNY_LOG_LEVEL: undefined } };
    const json = await runPenny(['scan', 'anomaly', '--as-of', AS_OF, '--json'], env);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.findings.map((f: { scope: unknown }) => f.scope)).toContainEqual(EC2);
    expect(doc.tooYoung).toEqual([{ type: 'cost_anomaly', scope: NEW, since: dayOf(9), days: 10, judgedFrom: '2026-11-03' }]);
    const table = await runPenny(['scan', 'anomaly', '--as-of', AS_OF], env);
    expect(table.stdout).toContain(`1 anomaly series too young to judge yet:\n  Amazon Bedrock / 444: 10 days of data since ${dayOf(9)}, judged from 2026-11-03`);
  }, 120_000);
});
