/**
 * The answers session 32 left, over the real-world FOCUS exports (asked as of 2026-06-15): "since"
 * a period or day with no change asked is a range until today; a change judged "worse" is a rise
 * for cost, said; a provider's name ending in "cloud"
 * beside a principal word and "billing account" is that cloud's main account; savings from
 * commitments said first ("RI savings") are answered and savings no FOCUS column records are
 * declined saying what is missing; savings per account show the account names beside their ids.
 * Each with a near miss that keeps its old reading. Truths are hand-written SQL over cost_lines.
 */
import { describe, expect, it } from 'vitest';
import { declined, realFocus } from './support/real-focus.ts';

const { f, ask, sql } = realFocus();
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";

describe('"since" a period or a day, no change asked: from its start until today', () => {
  it.each([
    ['aws spend since last month', '2026-05-01'],
    ['what have we spent on aws since the start of last month', '2026-05-01'],
    ['aws spend since the 15th', '2026-05-15'],
    ['aws spend since the 20th of last month', '2026-05-20'],
    ['aws spend since 10 may', '2026-05-10'],
    ['aws spend since Q2', '2026-04-01'],
    ['aws spend since yesterday', '2026-06-14'],
  ])('"%s" is from %s until today, said', async (q, from) => {
    const a = await ask(q);
    expect(a.query?.time).toEqual({ from, to: '2026-06-15' });
    expect(a.query?.compare).toBeUndefined();
    const want = await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and charge_period_start >= '${from}' and charge_period_start < '2026-06-15'`);
    expect(a.value, a.answer).toBeCloseTo(want, 6);
    expect(a.how).toContain(`read as the range from ${from} until today, not a change`);
  });

  it('near misses: a change since last month is still a comparison; since a month or a date keeps its range', async () => {
    const up = await ask('has aws spend gone up since last month');
    expect(up.query?.compare).toBe('previous_period');
    expect((await ask('aws spend since may 10')).query?.time).toEqual({ from: '2026-05-10', to: '2026-06-15' });
    expect((await ask('aws spend since the start of the quarter')).query?.time).toEqual({ period: 'this_quarter' });
  });
});

describe('a change judged "better" or "worse"', () => {
  it('"did aws spend get worse in the last 30 days": the change against the 30 days before, its direction and reading said', async () => {
    const a = await ask('did aws spend get worse in the last 30 days');
    expect(a.query?.compare).toBe('previous_period');
    const range = (from: string, to: string) => sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and charge_period_start >= '${from}' and charge_period_start < '${to}'`);
    const [now, before] = [await range('2026-05-16', '2026-06-15'), await range('2026-04-16', '2026-05-16')];
    expect(a.value, a.answer).toBeCloseTo(now, 6);
    expect(a.answer).toContain(now > before ? ' up ' : ' down ');
    expect(a.how).toContain('"worse" read as a rise: for cost and failure rates, lower is better');
  });
});

describe('a cloud\'s name ending in "cloud" before "billing account"', () => {
  it.each([
    ['main Google Cloud billing account spend in may', 'ExampleCorp Billing - Primary'],
    ['what did our primary google cloud billing account cost in may', 'ExampleCorp Billing - Primary'],
    ['our main AWS billing account spend in may', 'ExampleCorp Master Payer'],
    ['the main azure billing account spend in may', 'ExampleCorp MCA - Primary'],
  ])('"%s" is %s', async (q, name) => {
    const a = await ask(q);
    expect(a.query?.filters).toEqual([{ dimension: 'BillingAccountName', op: 'eq', value: name }]);
    expect(a.value, a.answer).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where billing_account_name = '${name}' and ${MAY}`), 6);
  });

  it('near misses: "cloud billing account" and "by Google Cloud billing account" are still the dimension', async () => {
    expect((await ask('cost by cloud billing account in may')).query?.groupBy).toEqual(['BillingAccountId']);
    const gcp = await ask('cost by Google Cloud billing account in may');
    expect(gcp.query?.groupBy).toEqual(['BillingAccountId']);
    expect(gcp.query?.filters).toMatchObject([{ op: 'eq', value: 'Google Cloud' }]);
  });
});

describe('savings the exports record are answered; savings they do not are declined with what is missing', () => {
  it.each([
    ['RI savings in may', 'Reserved Instance', 'Reservation'],
    ['how much did reserved instances save us in may', 'Reserved Instance', 'Reservation'],
    ['savings plan savings in may', 'Savings Plan', 'Savings Plan'],
  ])('"%s": list minus effective cost of the usage those commitments covered', async (q, aws, azure) => {
    const a = await ask(q);
    // Since left-50 not their purchases' list cost nor their unused part (planner-left-50.db.test.ts).
    const want = await sql(
      `select sum(list_cost - effective_cost) v from cost_lines where commitment_discount_type in ('${aws}', '${azure}') and charge_category = 'Usage' and commitment_discount_status = 'Used' and billing_currency = 'USD' and ${MAY}`,
    );
    expect(a.value, a.answer).toBeCloseTo(want, 6);
    expect(a.answer).not.toContain('waste');
  });

  it('Azure Hybrid Benefit and spot: the columns and values needed, not waste findings', async () => {
    for (const q of ['Azure Hybrid Benefit savings', 'how much did AHB save us last month']) {
      const a = await ask(q);
      expect(declined(a)).toBe(true);
      expect(a.answer).toContain('x_SkuLicenseStatus');
      expect(a.answer).toContain('The loaded exports have no such column Penny reads');
      expect(a.answer).not.toContain('waste');
    }
    const spot = await ask('spot savings');
    expect(declined(spot)).toBe(true);
    expect(spot.answer).toContain('PricingCategory "Dynamic"');
  });

  it('near miss: savings we could make are still the waste findings', async () => {
    expect((await ask('where could we save money')).how ?? '').toContain('stored findings');
  });
});

describe('savings per account name the accounts beside their ids', () => {
  it('per sub account and per billing account, as other per-account answers do', async () => {
    const names = async (id: string, name: string) =>
      Object.fromEntries((await f.t.pool.query(`select distinct ${id} k, ${name} n from cost_lines where ${name} is not null and ${MAY}`)).rows.map((r) => [r.k, r.n]));
    const subs = await names('sub_account_id', 'sub_account_name');
    const a = await ask('savings vs list price by sub account in may');
    const top = a.rows[0]!;
    expect(top.SubAccountName).toBe(subs[String(top.SubAccountId)]);
    expect(a.answer).toContain(`${top.SubAccountId} (${subs[String(top.SubAccountId)]})`);
    const billing = await names('billing_account_id', 'billing_account_name');
    const b = await ask('savings vs on-demand by billing account in may');
    for (const r of b.rows) expect(r.BillingAccountName).toBe(billing[String(r.BillingAccountId)] ?? null);
    expect(b.answer).toContain(`${b.rows[0]!.BillingAccountId} (${billing[String(b.rows[0]!.BillingAccountId)]})`);
  });

  it('cost per billing account names them too, as cost per sub account did', async () => {
    const c = await ask('cost by billing account in may');
    const top = c.rows[0]!;
    const name = await f.t.pool.query('select distinct billing_account_name n from cost_lines where billing_account_id = $1', [top.BillingAccountId]);
    expect(top.BillingAccountName).toBe(name.rows[0].n);
    expect(c.answer).toContain(`${top.BillingAccountId} (${name.rows[0].n})`);
  });

  it('near miss: a savings total has no account', async () => {
    const total = await ask('savings vs list price in may for aws');
    expect(total.rows).toHaveLength(1);
    expect(Object.keys(total.rows[0]!).some((k) => k.endsWith('AccountName'))).toBe(false);
  });
});
