/**
 * "Our main billing account", "our main payer", "the primary account" over the real-world FOCUS
 * exports (test/fixtures/real-world/focus): a word for the principal one beside an account word is
 * read against the stored billing accounts' names, clouds and types. One that fits is answered and
 * said; several are asked about, listed; "main" in other roles keeps its old reading. Truths are
 * hand-written SQL.
 */
import { describe, expect, it } from 'vitest';
import { declined, realFocus } from './support/real-focus.ts';

const { ask, sql } = realFocus();
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
const spendOf = (name: string) => sql(`select sum(effective_cost) v from cost_lines where billing_account_name = '${name}' and ${MAY}`);

describe('the main billing account, when exactly one fits', () => {
  it.each([
    ['our main payer spend in may', 'ExampleCorp Master Payer', 'its name says master'],
    ['what did our main AWS account cost in may?', 'ExampleCorp Master Payer', 'its name says master'],
    ['our primary azure billing account spend in may', 'ExampleCorp MCA - Primary', 'its name says primary'],
    ['spend on the main GCP billing account in may', 'ExampleCorp Billing - Primary', 'its name says primary'],
  ])('"%s" is %s', async (q, name, why) => {
    const a = await ask(q);
    expect(a.query?.filters).toEqual([{ dimension: 'BillingAccountName', op: 'eq', value: name }]);
    expect(a.value).toBeCloseTo(await spendOf(name), 6);
    expect(a.how).toContain(`read as the billing account name ${name}: ${why}`);
  });
});

describe('several fit: asked, with the list', () => {
  it.each(['our main billing account spend in may', 'what did the primary account cost in may', 'management account spend in may'])('"%s"', async (q) => {
    const a = await ask(q);
    expect(declined(a)).toBe(true);
    for (const name of ['ExampleCorp Master Payer', 'ExampleCorp Billing - Primary', 'ExampleCorp MCA - Primary']) expect(a.answer).toContain(name);
    // Its name says secondary: a payer by type, but not the main one.
    expect(a.answer).not.toContain('ExampleCorp Secondary Payer');
    expect(a.answer).toContain('Which one did you mean?');
  });
});

describe('near misses', () => {
  it('"main" with no account word is not an account: the words are left as before', async () => {
    for (const q of ['what are the main cost drivers in may', 'main services in may']) {
      const a = await ask(q);
      expect(a.answer, q).not.toContain('billing account');
      expect(a.query?.filters.some((f) => f.dimension === 'BillingAccountName') ?? false, q).toBe(false);
    }
  });

  it('"main accounts" (plural) asks for no one account; "master payer" typed whole is still that name', async () => {
    expect((await ask('spend of our main accounts in may')).answer).not.toContain('marked as the main one');
    const a = await ask('what did the master payer account cost in may');
    expect(a.value).toBeCloseTo(await spendOf('ExampleCorp Master Payer'), 6);
    // A name typed whole that ends in "Master Payer" is that name, read as typed.
    const whole = await ask('what did the ExampleCorp Master Payer cost in may');
    expect(whole.value).toBeCloseTo(await spendOf('ExampleCorp Master Payer'), 6);
    expect(whole.how ?? '').not.toContain('marks');
    expect(whole.how ?? '').not.toContain('its name says');
  });
});
