/**
 * Scans over a company billed in USD (AWS) and EUR (Azure): anomaly series, waste findings and
 * budgets each stay in one currency, carry it, and never add the other (in the scan as in App
 * Home); the weekly digest and an owner's alert give their totals per currency. Data in one currency reads as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { setBudget } from '../../src/budgets/store.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { listSuppressed } from '../../src/scans/anomaly/suppressed.ts';
import { recordFeedback } from '../../src/scans/feedback.ts';
import { runScans } from '../../src/scans/run.ts';
import { alertMessage } from '../../src/notifications/message.ts';
import { buildDigest } from '../../src/reports/digest.ts';
import { teamBudgets } from '../../src/slack/home/team-budgets.ts';
import { digestView } from '../../src/slack/digest/view.ts';
import { fileDb } from '../support/file-db.ts';
import { AS_OF, LAST, LAST_DAY, loadTwoCurrencyCompany, PER_DAY, SPIKE_FACTOR } from '../support/two-currency-company.ts';

const f = fileDb();
let findings: Finding[];

beforeAll(async () => {
  await loadTwoCurrencyCompany(f.t.pool, f.dir);
  await setBudget(f.t.pool, { scope: { team: 'search' }, amount: '3000', currency: 'EUR' });
  await setBudget(f.t.pool, { scope: { provider_name: 'AWS' }, amount: '10000' });
  ({ findings } = await runScans(f.t.pool, { kinds: ['anomaly', 'waste', 'budget'], asOf: AS_OF, params: { anomaly: { hourly: [] } } }));
}, 120_000);

describe('anomalies', () => {
  it('are judged per currency: the EUR spike is found in EUR, with EUR amounts only', async () => {
    const spikes = findings.filter((x) => x.type === 'cost_anomaly' && x.evidence.start === LAST);
    expect(spikes.length).toBeGreaterThan(0);
    for (const s of spikes) {
      expect(s.currency).toBe('EUR');
      expect(s.unit).toBe('EUR/day');
      expect(s.title).toContain('€');
      expect(s.title).not.toContain('$');
      // team search spends USD too; a mixed series would read 1,150 on the day
      expect(s.actual).toBeLessThanOrEqual(LAST_DAY.EUR);
    }
    const vm = spikes.find((s) => s.scope.service_name === 'Virtual Machines');
    expect(vm?.actual).toBeCloseTo(150 * SPIKE_FACTOR, 6);
    expect(vm?.evidence.alsoSeenIn).toContainEqual({ team: 'search' });
  });
});

describe('waste', () => {
  it('untagged spend carries the currency of its rows', async () => {
    const untagged = findings.filter((x) => x.type === 'untagged_spend');
    expect(untagged.map((u) => [u.scope.service_name, u.currency, u.unit])).toEqual([['Storage', 'EUR', 'EUR/month untagged']]);
    expect(untagged[0]!.title).toMatch(/^€1,217\/month of Storage in sub-eu-1 has no team tag/);
  });
});

describe('budgets', () => {
  const budgetFindings = (scope: Record<string, string>) => findings.filter((x) => x.kind === 'budget' && JSON.stringify(x.scope) === JSON.stringify(scope));

  it('an EUR budget counts only EUR spend and says how much USD spend it left out', async () => {
    const eur = budgetFindings({ team: 'search' });
    expect(eur.length).toBeGreaterThan(0);
    // October 1–30: the virtual machines' 29 days and the spiked one; search's $7,500 on AWS is not in it
    const actual = 150 * 29 + 150 * SPIKE_FACTOR;
    for (const b of eur) expect(b.currency).toBe('EUR');
    const over = eur.find((b) => b.type === 'budget_threshold' && b.evidence.threshold === 100)!;
    expect(over.actual).toBeCloseTo(actual, 6);
    expect(over.title).toBe(`team=search: 175 % of the 2026-10 budget used (€5,250 of €3,000), past the 100 % alert ($7,500 in USD left out: the budget is in EUR)`);
    expect(over.evidence.leftOut).toEqual([{ currency: 'USD', actualToDate: 7500 }]);
  });

  it('a USD budget over USD spend only reads as before', async () => {
    const usd = budgetFindings({ provider_name: 'AWS' });
    const at75 = usd.find((b) => b.type === 'budget_threshold' && b.evidence.threshold === 75)!;
    expect(at75.title).toBe('provider_name=AWS: 75 % of the 2026-10 budget used ($7,500 of $10,000), past the 75 % alert');
    expect(at75.evidence).not.toHaveProperty('leftOut');
  });
});

describe('App Home', () => {
  it('measures a team against its EUR budget with its EUR spend only, as the budget scan does', async () => {
    const home = await teamBudgets(f.t.pool, ['search'], { admin: true, teams: [] }, AS_OF);
    expect(home.teams).toEqual([{ team: 'search', actual: 150 * 29 + 150 * SPIKE_FACTOR, forecast: expect.any(Number), budget: 3000, currency: 'EUR' }]);
  });
});

describe('the weekly digest', () => {
  it('gives each total per currency and never one mixed sum', async () => {
    const d = await buildDigest(f.t.pool, { asOf: AS_OF, movers: 5, findings: 5 });
    const week = { EUR: PER_DAY.EUR * 6 + LAST_DAY.EUR, USD: PER_DAY.USD * 7 };
    expect(d.total.map((c) => [c.currency, c.current, c.previous])).toEqual([
      ['EUR', week.EUR, PER_DAY.EUR * 7],
      ['USD', week.USD, PER_DAY.USD * 7],
    ]);
    expect(d.ai.map((c) => [c.currency, c.current])).toEqual([['USD', 0]]);
    const text = JSON.stringify(digestView(d).blocks);
    expect(text).toContain(`*€${week.EUR.toLocaleString('en-US')}.00* and *$${week.USD.toLocaleString('en-US')}.00* spent in the last 7 days`);
    expect(text).toContain('Amounts are per currency (EUR and USD), not added.');
    expect(text).not.toContain((week.EUR + week.USD).toLocaleString('en-US'));
    const stake = d.openMonthly.map((m) => m.currency);
    expect(stake).toEqual(['EUR', 'USD']);
  });
});

describe('an owner alert over findings in two currencies', () => {
  it('states the money at stake per currency', async () => {
    const mine = [...findings].sort((a, b) => b.impactMonthly - a.impactMonthly);
    const sum = (c: string) => mine.filter((x) => x.currency === c).reduce((acc, x) => acc + x.impactMonthly, 0);
    // whole units from 100 up, cents below
    const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2));
    expect(alertMessage(mine).title).toContain(`${mine.length} findings need your attention — €${fmt(sum('EUR'))}/month and $${fmt(sum('USD'))}/month at stake`);
  });
});

describe('feedback on an anomaly in EUR', () => {
  it('keeps what it silenced in EUR', async () => {
    const vm = findings.find((x) => x.type === 'cost_anomaly' && x.scope.service_name === 'Virtual Machines')!;
    await recordFeedback(f.t.pool, vm.fingerprint, 'expected', { note: 'planned migration', by: 'test' });
    await runScans(f.t.pool, { kinds: ['anomaly'], asOf: AS_OF, params: { anomaly: { hourly: [] } } });
    const silenced = (await listSuppressed(f.t.pool)).filter((x) => x.scope.service_name === 'Virtual Machines');
    expect(silenced.map((x) => [x.start, x.currency])).toEqual([[LAST, 'EUR']]);
    expect(silenced[0]!.actual).toBeCloseTo(150 * SPIKE_FACTOR, 6);
  });
});
