/**
 * The anomaly scan watches usage: a reserved-instance purchase, a tax line, a credit or a
 * marketplace charge is not a usage anomaly, whether the scan reads the raw table or the daily
 * rollup, unless the workflow lists the kind in `includeCharges`. The charge kind itself is
 * checked on FOCUS values as providers write them (the FinOps Foundation sample's "AWS" and
 * "Amazon Web Services, Inc." are one party).
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_CHARGE_KIND_SQL } from '../../../src/costs/charge-kind.ts';
import { refreshRollups } from '../../../src/costs/rollups.ts';
import { seeded } from '../../../src/demo/random.ts';
import { loadFocusFile } from '../../../src/ingest/focus/load.ts';
import type { ScanParams } from '../../../src/scans/params.ts';
import { runScans } from '../../../src/scans/run.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { CORE_FOCUS_HEADER, tempDir, writeCsv } from '../../support/focus-sample.ts';

const HEADER = [...CORE_FOCUS_HEADER, 'ChargeClass', 'CommitmentDiscountStatus', 'PublisherName', 'SubAccountId', 'Tags'];
const LAST = '2026-10-30';
const AS_OF = '2026-10-31';
const DAYS = 60;

let t: TestDb;
let dir: string;

type Line = { day: string; category?: string; chargeClass?: string; status?: string; publisher?: string; service: string; account: string; cost: number };
const row = (l: Line) => {
  const month = l.day.slice(0, 7);
  const next = month === '2026-09' ? '2026-10' : '2026-11';
  return [
    'ba-1',
    'USD',
    `${month}-01`,
    `${next}-01`,
    `${l.day}T00:00:00Z`,
    `${l.day}T23:59:59Z`,
    l.category ?? 'Usage',
    'AWS',
    l.service,
    l.cost.toFixed(2),
    l.cost.toFixed(2),
    l.chargeClass ?? '',
    l.status ?? '',
    l.publisher ?? 'Amazon Web Services, Inc.',
    l.account,
    JSON.stringify({ team: 'platform' }),
  ];
};

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
  const rand = seeded(20);
  const lines: Line[] = [];
  for (let d = DAYS - 1; d >= 0; d--) {
    const day = new Date(Date.parse(`${LAST}T00:00:00Z`) - d * 86_400_000).toISOString().slice(0, 10);
    const noise = () => 1 + (rand() - 0.5) * 0.1;
    lines.push({ day, service: 'Amazon EC2', account: '111', cost: 200 * noise() });
    lines.push({ day, service: 'Amazon RDS', account: '222', cost: 300 * noise() });
    lines.push({ day, service: 'Datadog Pro', account: '333', publisher: 'Datadog, Inc.', cost: 50 * noise() });
  }
  lines.push(
    { day: LAST, category: 'Purchase', service: 'Amazon EC2', account: '111', cost: 3000 },
    { day: LAST, category: 'Tax', service: 'Amazon EC2', account: '111', cost: 400 },
    { day: LAST, category: 'Credit', service: 'Amazon RDS', account: '222', cost: -280 },
    { day: LAST, service: 'Datadog Pro', account: '333', publisher: 'Datadog, Inc.', cost: 900 },
  );
  const file = await writeCsv(dir, 'export.csv', HEADER, lines.map(row));
  const load = await loadFocusFile(t.pool, file);
  expect(load.status).toBe('loaded');
}, 180_000);
afterAll(async () => {
  await t?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const anomaliesOf = async (anomaly: ScanParams['anomaly']) => {
  const { findings } = await runScans(t.pool, { kinds: ['anomaly'], asOf: AS_OF, params: { anomaly: { hourly: [], drops: true, ...anomaly } } });
  return findings.filter((f) => f.type === 'cost_anomaly' && f.evidence.start === LAST).map((f) => ({ scope: f.scope, direction: f.evidence.direction }));
};

describe.each([
  ['the raw table', () => t.pool.query('delete from cost_rollup_state')],
  ['the daily rollup', () => refreshRollups(t.pool)],
])('anomaly scan reading %s', (_, prepare) => {
  beforeAll(async () => {
    await prepare();
  });

  it('finds no anomaly in a purchase, tax, credit or marketplace charge by default', async () => {
    expect(await anomaliesOf({})).toEqual([]);
  });

  it('finds the reserved-instance purchase when the workflow asks for purchases', async () => {
    const found = await anomaliesOf({ includeCharges: ['purchase'] });
    expect(found).toContainEqual({ scope: { service_name: 'Amazon EC2', sub_account_id: '111' }, direction: 'spike' });
    expect(found.some((f) => f.scope.service_name === 'Amazon RDS' || f.scope.service_name === 'Datadog Pro')).toBe(false);
  });

  it('finds the credit as a drop, and the marketplace charge, each when asked for', async () => {
    expect(await anomaliesOf({ includeCharges: ['credit'] })).toContainEqual({ scope: { service_name: 'Amazon RDS', sub_account_id: '222' }, direction: 'drop' });
    expect(await anomaliesOf({ includeCharges: ['marketplace'] })).toContainEqual({ scope: { service_name: 'Datadog Pro', sub_account_id: '333' }, direction: 'spike' });
  });
});

describe('charge kind', () => {
  it('classifies FOCUS charges, telling a marketplace seller from the provider under another spelling', async () => {
    const cases: [string, string | null, string | null, string, string | null, string | null, string | null, string][] = [
      // category, class, commitment status, provider, publisher, service provider, host provider → kind
      ['Usage', null, null, 'AWS', 'Amazon Web Services, Inc.', null, null, 'usage'],
      ['Usage', null, null, 'Microsoft', 'Microsoft Corporation', null, null, 'usage'],
      ['Usage', null, null, 'Google Cloud', 'Google', null, null, 'usage'],
      ['Usage', null, null, 'AWS', 'Datadog, Inc.', null, null, 'marketplace'],
      ['Usage', null, null, 'Snowflake', null, 'Snowflake', 'AWS', 'marketplace'],
      ['Usage', null, null, 'AWS', null, 'AWS', 'Amazon Web Services', 'usage'],
      ['Usage', 'Correction', null, 'AWS', 'AWS', null, null, 'correction'],
      ['Purchase', null, null, 'AWS', 'AWS', null, null, 'purchase'],
      ['Tax', null, null, 'AWS', null, null, null, 'tax'],
      ['Credit', null, null, 'AWS', null, null, null, 'credit'],
      ['Adjustment', null, null, 'AWS', null, null, null, 'adjustment'],
      ['Usage', null, 'Unused', 'AWS', 'AWS', null, null, 'unused_commitment'],
    ];
    for (const [category, chargeClass, status, provider, publisher, serviceProvider, host, kind] of cases) {
      const { rows } = await t.pool.query(
        `select ${CLOUD_CHARGE_KIND_SQL} as kind
           from (values ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text))
             as x(charge_category, charge_class, commitment_discount_status, provider_name, publisher_name, service_provider_name, host_provider_name)`,
        [category, chargeClass, status, provider, publisher, serviceProvider, host],
      );
      expect({ provider, publisher, serviceProvider, host, kind: rows[0].kind }).toEqual({ provider, publisher, serviceProvider, host, kind });
    }
  });
});
