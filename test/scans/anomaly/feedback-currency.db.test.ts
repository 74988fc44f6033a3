/**
 * Feedback on an anomaly applies to the currency of the finding it was given on: the same scope's
 * series in another currency still alerts. Feedback stored before Penny kept its currency applies
 * in every currency, as it always did, and the listing of what it silenced says so.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Finding } from '../../../src/findings/finding.ts';
import { listSuppressed } from '../../../src/scans/anomaly/suppressed.ts';
import { recordFeedback } from '../../../src/scans/feedback.ts';
import { runScans } from '../../../src/scans/run.ts';
import { suppressedMessage } from '../../../src/slack/suppressed/view.ts';
import { runPenny } from '../../support/cli.ts';
import { fileDb } from '../../support/file-db.ts';
import { AS_OF, LAST, loadTwoCurrencyCompany, type Line } from '../../support/two-currency-company.ts';

const f = fileDb();
/** One subscription's virtual machines billed in EUR and in USD (two billing accounts); both spike on LAST. */
const LINES: Line[] = [
  ['Microsoft', 'EUR', 'sub-1', 'Virtual Machines', 'Compute', 'westeurope', 'vm-eu', 'search', 150],
  ['Microsoft', 'USD', 'sub-1', 'Virtual Machines', 'Compute', 'westeurope', 'vm-us', 'search', 120],
];

const scan = async (): Promise<Finding[]> => (await runScans(f.t.pool, { kinds: ['anomaly'], asOf: AS_OF, params: { anomaly: { hourly: [] } } })).findings;
const spikes = (list: Finding[]) =>
  list
    .filter((x) => x.type === 'cost_anomaly' && x.evidence.start === LAST && x.status === 'open')
    .map((x) => [JSON.stringify(x.scope), x.currency])
    .sort();

let first: Finding[];
beforeAll(async () => {
  await loadTwoCurrencyCompany(f.t.pool, f.dir, LINES, ['vm-eu', 'vm-us']);
  first = await scan();
}, 120_000);

it('feedback on the EUR finding silences the EUR series only; the USD series of the same scope still alerts', async () => {
  const scope = JSON.stringify({ service_name: 'Virtual Machines', sub_account_id: 'sub-1' });
  expect(spikes(first)).toEqual([
    [scope, 'EUR'],
    [scope, 'USD'],
  ]);
  const eur = first.find((x) => x.type === 'cost_anomaly' && JSON.stringify(x.scope) === scope && x.currency === 'EUR')!;
  await recordFeedback(f.t.pool, eur.fingerprint, 'expected', { note: 'EU migration', by: 'test' });
  const { rows } = await f.t.pool.query('select currency from finding_suppressions');
  expect(rows).toEqual([{ currency: 'EUR' }]);

  const again = await scan();
  expect(spikes(again)).toEqual([[scope, 'USD']]);
  const silenced = await listSuppressed(f.t.pool);
  expect(silenced.map((s) => [s.start, s.currency, s.feedbackCurrency])).toEqual(silenced.map(() => [LAST, 'EUR', 'EUR']));
  expect(silenced.length).toBeGreaterThan(0);
});

it('feedback stored before its currency was kept applies in every currency, and its listing says so', async () => {
  await f.t.pool.query('update finding_suppressions set currency = null');
  await scan();
  const silenced = await listSuppressed(f.t.pool);
  expect(new Set(silenced.map((s) => s.currency))).toEqual(new Set(['EUR', 'USD']));
  for (const s of silenced) expect(s.feedbackCurrency).toBeNull();
  const cli = await runPenny(['scan', 'anomaly', '--suppressed'], { env: { DATABASE_URL: f.t.url } });
  expect(cli.code).toBe(0);
  expect(cli.stdout).toContain('given before feedback kept its currency: applies in every currency');
  expect(JSON.stringify(suppressedMessage(silenced, true).blocks)).toContain('applies in every currency');
});
