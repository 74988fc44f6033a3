/**
 * The declines session 33 left, over the real-world FOCUS exports (asked as of 2026-06-15; every
 * charge is in May 2026): a cloud with no charges named beside others ("benchmarking OCI against
 * the others") is left out and said; counts of commitments are the distinct commitment ids with
 * charges; a misspelt service whose stored name runs its vendor's in ("AWSLambda") gets "did you
 * mean"; spot where no row is at Dynamic pricing is declined naming the column (spot-dynamic.db.test.ts
 * has the rows). Each with a near miss that keeps its old reading. Truths are hand-written SQL.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/ask/answer/answer.ts';
import { declined, realFocus } from './support/real-focus.ts';

const { f, ask, sql } = realFocus();
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
const rowsOf = async (q: string): Promise<Record<string, number>> => Object.fromEntries((await f.t.pool.query(q)).rows.map((r) => [String(r.k ?? 'null'), Number(r.v)]));
const answered = (a: Answer, key: (r: Answer['rows'][number]) => string) => Object.fromEntries(a.rows.map((r) => [key(r), Number(r[a.column ?? a.query!.metric])]));
const close = (want: Record<string, number>) => Object.fromEntries(Object.entries(want).map(([k, v]) => [k, expect.closeTo(v, 6)]));
const CLOUDS_IN_MAY = `select provider_name || '|' || billing_currency k, sum(effective_cost) v from cost_lines where provider_name in ('AWS', 'Microsoft Azure', 'Google Cloud') and ${MAY} group by 1`;

describe('a cloud with no charges, named beside clouds that have them', () => {
  it.each(["we're benchmarking OCI against the others - May spend for AWS vs Azure vs GCP", 'compare AWS, Azure, GCP and OCI spend in may', 'May spend: Oracle Cloud vs AWS vs Azure vs GCP'])(
    '"%s" answers the clouds with charges and says OCI has none, with the data\'s dates',
    async (q) => {
      const a = await ask(q);
      expect(
        answered(a, (r) => `${r.provider}|${r.currency}`),
        a.answer,
      ).toEqual(close(await rowsOf(CLOUDS_IN_MAY)));
      expect(a.answer).toContain('The loaded data has no charges from OCI (Oracle Cloud), so it is left out (cost data covers 2026-05-01 to 2026-05-28)');
    },
  );

  it('"AWS vs OCI" is AWS alone, OCI said to have no charges', async () => {
    const a = await ask('AWS vs OCI spend in may');
    expect(a.value, a.answer).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and ${MAY}`), 6);
    expect(a.answer).toContain('no charges from OCI (Oracle Cloud)');
  });

  it('near misses: OCI alone is declined, naming the clouds the data holds; clouds that all have charges get no note', async () => {
    const alone = await ask('whats our OCI spend for may');
    expect(declined(alone)).toBe(true);
    expect(alone.answer).toContain('no charges from OCI (Oracle Cloud); the clouds it holds are');
    expect(alone.answer).toContain('AWS');
    // One cloud left beside a judgement, or a cloud no list reads away, is declined the same way.
    for (const q of ['OCI or Azure, which is cheaper last month?', 'how does OCI compare to AWS in may', 'is OCI cheaper than GCP']) {
      const a = await ask(q);
      expect(declined(a), a.answer).toBe(true);
      expect(a.answer).toContain('no charges from OCI (Oracle Cloud)');
    }
    const all = await ask('AWS vs Azure vs GCP spend in may');
    expect(answered(all, (r) => `${r.provider}|${r.currency}`)).toEqual(close(await rowsOf(CLOUDS_IN_MAY)));
    expect(all.answer).not.toContain('no charges');
  });
});

describe('counts of commitments: distinct commitment ids with charges in the period', () => {
  const count = (where: string) => sql(`select count(distinct commitment_discount_id) v from cost_lines where ${where} and ${MAY}`);

  it('"how many reservations and savings plans do we have" counts them over the last month, said', async () => {
    const a = await ask('how many reservations and savings plans do we have');
    expect(a.value, a.answer).toBe(await count("commitment_discount_type in ('Reserved Instance', 'Reservation', 'Savings Plan')"));
    expect(a.unit).toBe('commitments');
    expect(a.how).toContain('counted once each by CommitmentDiscountId');
    expect(a.how).toContain('no period given: last month');
  });

  it.each([
    ['number of active RIs', "commitment_discount_type in ('Reserved Instance', 'Reservation')"],
    ['how many commitments do we have', 'commitment_discount_id is not null'],
    ['how many savings plans did we have on aws in may', "provider_name = 'AWS' and commitment_discount_type = 'Savings Plan'"],
  ])('"%s"', async (q, where) => {
    const a = await ask(q);
    expect(a.value, a.answer).toBe(await count(where));
  });

  it('"by type" is a count per commitment type', async () => {
    const a = await ask('how many commitments do we have by type');
    const want = await rowsOf(`select commitment_discount_type k, count(distinct commitment_discount_id) v from cost_lines where commitment_discount_id is not null and ${MAY} group by 1`);
    expect(answered(a, (r) => String(r.CommitmentDiscountType))).toEqual(want);
  });

  it('near misses: counts of what Penny does not count stay declined; money and hours asked in their unit are not counts', async () => {
    expect(declined(await ask('how many billing accounts do we have on aws'))).toBe(true);
    // A count per month or against another period is not the period's count.
    for (const q of ['how many commitments did we have per month', 'how many savings plans did we have in may vs april']) expect(declined(await ask(q)), q).toBe(true);
    const dollars = await ask('how many dollars did we spend on savings plans in may');
    expect(dollars.value, dollars.answer).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where commitment_discount_type = 'Savings Plan' and ${MAY}`), 6);
    expect((await ask('how many reserved instance hours did we use in may')).unit).not.toBe('commitments');
  });
});

describe("a misspelt service whose stored name runs its vendor's in", () => {
  it.each([
    ['lamda cost in may', 'lambda'],
    ['cloudwach spend in may', 'cloudwatch'],
    ['dynamo spend in may', 'dynamodb'],
  ])('"%s" is not guessed into a number: did you mean %s?', async (q, meant) => {
    const a = await ask(q);
    expect(declined(a)).toBe(true);
    expect(a.answer).toContain(`Did you mean ${meant} (service)?`);
  });

  it('near miss: the name spelt right is answered', async () => {
    const a = await ask('lambda cost in may');
    expect(a.value, a.answer).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where service_name = 'AWSLambda' and ${MAY}`), 6);
  });
});

describe('spot where no row is at Dynamic pricing', () => {
  it('"spot instances" is declined naming PricingCategory "Dynamic" and the data\'s dates, not answered $0', async () => {
    for (const q of ['how much did we spend on spot instances on aws in may', 'preemptible vm cost by provider last month']) {
      const a = await ask(q);
      expect(declined(a), a.answer).toBe(true);
      expect(a.answer).toContain('PricingCategory "Dynamic"');
      expect(a.answer).toContain('cost data covers 2026-05-01 to 2026-05-28');
    }
  });

  it('near miss: spot savings stay declined, saying what would be needed', async () => {
    const a = await ask('spot savings');
    expect(declined(a)).toBe(true);
    expect(a.answer).toContain('ListCost');
  });
});
