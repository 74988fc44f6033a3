/**
 * The classes issue #17's last stop left, each with a near miss that keeps its old reading:
 * what a commitment saved (list minus effective cost over the usage its discount covered, not its
 * purchases' list cost nor its unused part). Truths are hand-written SQL over the raw tables.
 */
import { describe, expect, it } from 'vitest';
import { answered, close, declined, realFocus } from './support/real-focus.ts';

const focus = realFocus();

const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
/** What the commitments matching `where` saved in May: list minus effective cost over the usage they covered. */
const commitmentSaved = (where: string) => `select sum(list_cost - effective_cost) v from cost_lines where ${where} and charge_category = 'Usage' and commitment_discount_status = 'Used' and ${MAY}`;

describe('what a commitment saved', () => {
  it('"how much did our savings plans save us" is list minus effective cost over the usage they covered, not their purchases ($12.48 before)', async () => {
    const want = await focus.sql(commitmentSaved("commitment_discount_type = 'Savings Plan'"));
    for (const q of ['how much did our savings plans save us last month?', 'how much did our savings plans save us vs on-demand in May?']) {
      const a = await focus.ask(q);
      expect(a.value, `${q}: ${a.answer}`).toBeCloseTo(want, 6);
      expect(a.how).toContain('its purchases and unused commitment are not savings');
    }
    const aws = await focus.ask('savings from savings plans on aws in may');
    expect(aws.value, aws.answer).toBeCloseTo(await focus.sql(commitmentSaved("provider_name = 'AWS' and commitment_discount_type = 'Savings Plan'")), 6);
    const all = await focus.ask('how much did commitment discounts save us in may');
    expect(all.value, all.answer).toBeCloseTo(await focus.sql(commitmentSaved('commitment_discount_id is not null')), 6);
  });

  it("per provider, each row is the covered usage's savings", async () => {
    const a = await focus.ask('how much did reservations save us in may by provider');
    const want = await focus.rowsOf(
      `select provider_name k, sum(list_cost - effective_cost) v from cost_lines where commitment_discount_type in ('Reserved Instance', 'Reservation') and charge_category = 'Usage' and commitment_discount_status = 'Used' and ${MAY} group by 1`,
    );
    expect(answered(a, (r) => String(r.provider))).toEqual(close(want));
  });

  it('near miss: savings against list price with no commitment named keep every row, and unused commitment stays its cost', async () => {
    const google = await focus.ask('How much did we save off list price on Google in May?');
    expect(google.value, google.answer).toBeCloseTo(await focus.sql(`select sum(list_cost - effective_cost) v from cost_lines where provider_name = 'Google Cloud' and ${MAY}`), 6);
    const unused = await focus.ask('unused azure savings plan $ last month');
    expect(unused.value, unused.answer).toBeCloseTo(
      await focus.sql(
        `select sum(effective_cost) v from cost_lines where provider_name = 'Microsoft Azure' and commitment_discount_type = 'Savings Plan' and commitment_discount_status = 'Unused' and ${MAY}`,
      ),
      6,
    );
    expect(declined(await focus.ask('how much did sustained use discounts save us?'))).toBe(true);
  });
});
