/**
 * Untagged spend's likely owner and evidence, on a FOCUS export built so that each figure has one
 * right value: the untagged rows of a resource weigh its tagged spend once per row (a resource
 * untagged on five days counts five times one untagged on one day), resources are listed by cost,
 * and the days span the first to the last untagged row. Runs on Citus too (PENNY_TEST_CITUS_URL),
 * where the scan sums the window on the workers before it names the owner.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Finding } from '../../../src/findings/finding.ts';
import { loadFocusFile } from '../../../src/ingest/focus/load.ts';
import { runScans } from '../../../src/scans/run.ts';
import { addDays } from '../../../src/schema/days.ts';
import { fileDb } from '../../support/file-db.ts';
import { writeCsv } from '../../support/focus-sample.ts';

const AS_OF = '2026-10-31';
/** [days before AS_OF, resource, team or null, cost], all EC2 in one sub-account. */
const LINES: [number, string, string | null, number][] = [
  // i-alpha: tagged alpha once (10), untagged on five days.
  [9, 'i-alpha', 'alpha', 10],
  ...[8, 7, 6, 5, 4].map((d): [number, string, null, number] => [d, 'i-alpha', null, 100]),
  // i-beta: tagged beta once (15, more than alpha's 10), untagged on one day.
  [9, 'i-beta', 'beta', 15],
  [3, 'i-beta', null, 120],
  // The most tagged spend on the service is gamma's, which owns no untagged resource.
  [9, 'i-gamma', 'gamma', 1000],
];

const f = fileDb();
let untagged: Finding[];

beforeAll(async () => {
  // One FOCUS row per line, as an object: its keys are the CSV's header.
  const records = LINES.map(([d, resource, team, cost]) => {
    const day = addDays(AS_OF, -d);
    const amount = String(cost);
    return {
      BillingAccountId: 'ba-1',
      BillingCurrency: 'USD',
      BillingPeriodStart: '2026-10-01',
      BillingPeriodEnd: '2026-11-01',
      ChargePeriodStart: `${day}T00:00:00Z`,
      ChargePeriodEnd: `${addDays(day, 1)}T00:00:00Z`,
      ChargeCategory: 'Usage',
      ProviderName: 'AWS',
      ServiceName: 'Amazon Elastic Compute Cloud',
      ServiceCategory: 'Compute',
      SubAccountId: 'acct-1',
      RegionId: 'us-east-1',
      ResourceId: resource,
      BilledCost: amount,
      EffectiveCost: amount,
      ListCost: amount,
      Tags: JSON.stringify(team ? { team } : {}),
    };
  });
  const file = await writeCsv(
    f.dir,
    'focus.csv',
    Object.keys(records[0]!),
    records.map((r) => Object.values(r)),
  );
  expect((await loadFocusFile(f.t.pool, file)).status).toBe('loaded');
  const { findings } = await runScans(f.t.pool, { kinds: ['waste'], asOf: AS_OF });
  untagged = findings.filter((x) => x.type === 'untagged_spend');
}, 120_000);

it('names the owner of the same resource, weighted by its untagged rows: alpha (10 × 5) over beta (15 × 1)', () => {
  expect(untagged).toHaveLength(1);
  expect(untagged[0]!.evidence).toMatchObject({ likelyOwner: 'alpha', likelyOwnerBasis: 'the same resource is tagged on other rows' });
});

it('lists the untagged resources by cost, and spans the days from the first untagged row to the last', () => {
  expect(untagged[0]!.evidence).toMatchObject({
    resources: [
      { resourceId: 'i-alpha', cost: 500 },
      { resourceId: 'i-beta', cost: 120 },
    ],
    windowCost: 620,
    days: 6,
  });
  expect(untagged[0]!.scope).toEqual({ provider_name: 'AWS', sub_account_id: 'acct-1', service_name: 'Amazon Elastic Compute Cloud' });
});
